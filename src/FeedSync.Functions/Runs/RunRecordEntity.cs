using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using FeedSync.Functions.Hosting;
using FeedSync.Sync;

namespace FeedSync.Functions.Runs;

/// <summary>
/// Maps a <see cref="SyncRunRecord"/> to one table entity. All runs share one partition, and row keys count
/// down from <see cref="DateTime.MaxValue"/> so that a partition scan returns the newest run first. The
/// summary JSON is split over several string properties when it exceeds the 64 KiB limit of one property.
/// </summary>
internal static class RunRecordEntity
{
    public const string PartitionKey = "run";

    /// <summary>The most UTF-16 characters one string property holds (64 KiB), less a margin.</summary>
    internal const int MaxCharsPerProperty = 32_000;

    /// <summary>The most summary properties an entity gets, keeping it well under the 1 MiB entity limit.</summary>
    internal const int MaxSummaryParts = 14;

    private const string SummaryProperty = "Summary";
    private const string SummaryPartsProperty = "SummaryParts";

    /// <summary>Returns the row key of a run id, or null when the text is not a run id.</summary>
    public static string? RowKeyOf(string runId)
    {
        if (!SyncRunIds.TryParse(runId, out DateTimeOffset startedAt, out string suffix))
        {
            return null;
        }

        long invertedTicks = DateTime.MaxValue.Ticks - startedAt.UtcTicks;
        return $"{invertedTicks.ToString("D19", CultureInfo.InvariantCulture)}-{suffix}";
    }

    /// <summary>Builds the entity of a record; <paramref name="truncated"/> says whether the summary was shortened.</summary>
    public static TableEntity ToEntity(SyncRunRecord record, out bool truncated, out int summaryChars)
    {
        string rowKey = RowKeyOf(record.RunId)
            ?? throw new ArgumentException($"'{record.RunId}' is not a run id such as {SyncRunIds.Example}.", nameof(record));

        TableEntity entity = new(PartitionKey, rowKey)
        {
            [nameof(SyncRunRecord.RunId)] = record.RunId,
            [nameof(SyncRunRecord.Trigger)] = FunctionsJson.Name(record.Trigger),
            [nameof(SyncRunRecord.Status)] = FunctionsJson.Name(record.Status),
            [nameof(SyncRunRecord.StartedAt)] = record.StartedAt,
            [nameof(SyncRunRecord.CompletedAt)] = record.CompletedAt,
            [nameof(SyncRunRecord.Days)] = record.Days,
            [nameof(SyncRunRecord.Families)] = JsonSerializer.Serialize(record.Families, FunctionsJson.Options),
            [nameof(SyncRunRecord.DryRun)] = record.DryRun,
            [nameof(SyncRunRecord.Error)] = Truncate(record.Error),
        };

        summaryChars = 0;
        truncated = record.ReportTruncated;
        if (record.Report is not null)
        {
            string json = JsonSerializer.Serialize(record.Report, FunctionsJson.Options);
            summaryChars = json.Length;
            if (json.Length > MaxCharsPerProperty * MaxSummaryParts)
            {
                // The per-watchlist list is what grows; the totals and outcome still fit.
                json = JsonSerializer.Serialize(record.Report with { Watchlists = [] }, FunctionsJson.Options);
                truncated = true;
            }

            AddSummary(entity, json);
        }

        entity[nameof(SyncRunRecord.ReportTruncated)] = truncated;
        return entity;
    }

    public static SyncRunRecord FromEntity(TableEntity entity)
    {
        string? families = entity.GetString(nameof(SyncRunRecord.Families));
        return new SyncRunRecord
        {
            RunId = entity.GetString(nameof(SyncRunRecord.RunId)),
            Trigger = Enum.Parse<SyncRunTrigger>(entity.GetString(nameof(SyncRunRecord.Trigger)), ignoreCase: true),
            Status = Enum.Parse<SyncRunStatus>(entity.GetString(nameof(SyncRunRecord.Status)), ignoreCase: true),
            StartedAt = entity.GetDateTimeOffset(nameof(SyncRunRecord.StartedAt)) ?? default,
            CompletedAt = entity.GetDateTimeOffset(nameof(SyncRunRecord.CompletedAt)),
            Days = entity.GetInt32(nameof(SyncRunRecord.Days)) ?? 0,
            Families = families is null ? [] : JsonSerializer.Deserialize<string[]>(families, FunctionsJson.Options) ?? [],
            DryRun = entity.GetBoolean(nameof(SyncRunRecord.DryRun)) ?? false,
            Error = entity.GetString(nameof(SyncRunRecord.Error)),
            Report = ReadSummary(entity),
            ReportTruncated = entity.GetBoolean(nameof(SyncRunRecord.ReportTruncated)) ?? false,
        };
    }

    private static void AddSummary(TableEntity entity, string json)
    {
        int parts = (json.Length + MaxCharsPerProperty - 1) / MaxCharsPerProperty;
        for (int part = 0; part < parts; part++)
        {
            int start = part * MaxCharsPerProperty;
            int length = Math.Min(MaxCharsPerProperty, json.Length - start);
            entity[SummaryPropertyName(part)] = json.Substring(start, length);
        }

        entity[SummaryPartsProperty] = parts;
    }

    private static SyncReport? ReadSummary(TableEntity entity)
    {
        int parts = entity.GetInt32(SummaryPartsProperty) ?? 0;
        if (parts == 0)
        {
            return null;
        }

        string json = string.Concat(Enumerable.Range(0, parts).Select(part => entity.GetString(SummaryPropertyName(part))));
        return JsonSerializer.Deserialize<SyncReport>(json, FunctionsJson.Options);
    }

    private static string SummaryPropertyName(int part) =>
        part == 0 ? SummaryProperty : string.Create(CultureInfo.InvariantCulture, $"{SummaryProperty}{part}");

    private static string? Truncate(string? text) =>
        text is null || text.Length <= MaxCharsPerProperty ? text : text[..MaxCharsPerProperty];
}
