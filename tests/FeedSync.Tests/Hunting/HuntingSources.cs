using FeedSync.Normalisation;
using FeedSync.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeedSync.Tests.Hunting;

/// <summary>Reads indicators for hunting tests through the real ingestion pipeline: the bundled sample and shared exports.</summary>
internal static class HuntingSources
{
    /// <summary>Gets the path of the bundled Remcos sample.</summary>
    public static string SamplePath { get; } = Path.Combine(SharedData.RepositoryRoot, "samples", "threatfox-remcos.json");

    /// <summary>Gets the shared ThreatFox exports that every generated query is checked against.</summary>
    public static IReadOnlyList<string> RealExports { get; } =
    [
        "data/threatfox/export-json-recent-2026-07-24T1404Z.json",
        "data/threatfox/export-json-recent-2026-07-24T0838Z.json",
        "data/threatfox/export-csv-recent-2026-04-12T0449Z-excerpt.csv",
        "data/threatfox/api-get_iocs-data-records-2022-08-05-excerpt.ndjson",
    ];

    /// <summary>Reads and normalises <paramref name="path"/> with the default ingestion settings.</summary>
    public static async Task<IReadOnlyList<Indicator>> ReadAsync(string path)
    {
        var configuration = new ConfigurationBuilder().Build();
        await using var services = new ServiceCollection().AddLogging().AddFeedSyncIngestion(configuration).BuildServiceProvider();
        var result = await services.GetRequiredService<IIngestPipeline>().RunAsync(new IngestRequest { Source = path });
        return result.Indicators;
    }
}
