using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace FeedSync.Sync;

/// <summary>
/// Runs pure per-item work of the diff over index ranges on every processor. Each call of the body must write only
/// the slots of its own range, so the result does not depend on how the ranges are scheduled.
/// </summary>
internal static class ParallelRanges
{
    /// <summary>The fewest items worth splitting; below it the body runs once on the calling thread.</summary>
    public const int Threshold = 16_384;

    /// <summary>
    /// Calls <paramref name="body"/> with the start (inclusive) and end (exclusive) of ranges that cover 0 to
    /// <paramref name="count"/>. An exception from the body is rethrown as itself, not wrapped, as a plain loop would
    /// throw it. When several ranges fail, one of their exceptions is rethrown.
    /// </summary>
    public static void For(int count, Action<int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);

        if (count < Threshold || Environment.ProcessorCount == 1)
        {
            body(0, count);
            return;
        }

        var rangeSize = Math.Max(Threshold / 4, count / (Environment.ProcessorCount * 8));
        try
        {
            Parallel.ForEach(Partitioner.Create(0, count, rangeSize), range => body(range.Item1, range.Item2));
        }
        catch (AggregateException exception)
        {
            ExceptionDispatchInfo.Capture(exception.Flatten().InnerExceptions[0]).Throw();
            throw;
        }
    }
}
