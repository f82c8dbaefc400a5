using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FeedSync.Tests.Sentinel;

/// <summary>A logger factory that keeps every log entry, for asserting on event ids and values.</summary>
internal sealed class ListLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new ListLogger(_entries);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class ListLogger(ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            entries.Enqueue(new LogEntry(eventId.Id, logLevel, formatter(state, exception), values.ToDictionary(pair => pair.Key, pair => pair.Value)));
        }
    }
}

/// <summary>One log entry.</summary>
internal sealed record LogEntry(int EventId, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values);
