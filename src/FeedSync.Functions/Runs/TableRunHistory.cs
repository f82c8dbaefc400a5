using Azure;
using Azure.Data.Tables;
using FeedSync.Functions.Hosting;
using FeedSync.Functions.Logging;
using Microsoft.Extensions.Logging;

namespace FeedSync.Functions.Runs;

/// <summary>The run history in a Table storage table of the app's storage account, one entity per run.</summary>
internal sealed class TableRunHistory(TableClient table, ILogger<TableRunHistory> logger) : IRunHistory
{
    private const string AbandonedError =
        "The instance running this sync stopped before it recorded an end, and its sync lease expired.";

    // Two first writes racing both call CreateIfNotExists, which is harmless.
    private volatile bool tableExists;

    public async Task SaveAsync(SyncRunRecord record, CancellationToken cancellationToken = default)
    {
        TableEntity entity = RunRecordEntity.ToEntity(record, out bool truncated, out int summaryChars);
        if (truncated && !record.ReportTruncated)
        {
            Log.RunSummaryTruncated(logger, record.RunId, summaryChars);
        }

        await EnsureTableAsync(cancellationToken);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<SyncRunRecord?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        string? rowKey = RunRecordEntity.RowKeyOf(runId);
        if (rowKey is null)
        {
            return null;
        }

        try
        {
            NullableResponse<TableEntity> response =
                await table.GetEntityIfExistsAsync<TableEntity>(RunRecordEntity.PartitionKey, rowKey, cancellationToken: cancellationToken);
            return response.HasValue ? RunRecordEntity.FromEntity(response.Value!) : null;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // The table does not exist until the first run stores its record.
            return null;
        }
    }

    public async Task<IReadOnlyList<SyncRunRecord>> ListAsync(int count, CancellationToken cancellationToken = default)
    {
        List<SyncRunRecord> records = [];
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {RunRecordEntity.PartitionKey}");
        try
        {
            await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, maxPerPage: count, cancellationToken: cancellationToken))
            {
                records.Add(RunRecordEntity.FromEntity(entity));
                if (records.Count == count)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return [];
        }

        return records;
    }

    public async Task<IReadOnlyList<string>> MarkAbandonedAsync(string currentRunId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);

        string running = FunctionsJson.Name(SyncRunStatus.Running);
        string filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {RunRecordEntity.PartitionKey} and Status eq {running} and RunId ne {currentRunId}");
        List<string> abandoned = [];
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entity[nameof(SyncRunRecord.Status)] = FunctionsJson.Name(SyncRunStatus.Abandoned);
            entity[nameof(SyncRunRecord.Error)] = AbandonedError;
            try
            {
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, cancellationToken);
                string runId = entity.GetString(nameof(SyncRunRecord.RunId));
                abandoned.Add(runId);
                Log.RunAbandoned(logger, runId);
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // The record changed after the query, so its run stored an end in the meantime.
            }
        }

        return abandoned;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (tableExists)
        {
            return;
        }

        await table.CreateIfNotExistsAsync(cancellationToken);
        tableExists = true;
    }
}
