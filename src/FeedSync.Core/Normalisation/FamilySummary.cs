namespace FeedSync.Normalisation;

/// <summary>How much of a run's result belongs to one malware family.</summary>
/// <param name="Family">The family.</param>
/// <param name="Indicators">Accepted indicators that list the family, as primary or further family.</param>
/// <param name="Records">Accepted records reported under the family.</param>
public sealed record FamilySummary(MalwareFamily Family, long Indicators, long Records);
