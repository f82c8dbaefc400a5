using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FeedSync.Functions.Tests.Support;

/// <summary>A logger provider that keeps every entry with the scope properties active when it was written.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    /// <summary>Creates a logger factory that writes every level to this provider.</summary>
    public ILoggerFactory CreateFactory() =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull =>
            provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Dictionary<string, object?> scopeValues = [];
            provider.scopes.ForEachScope(
                (scope, values) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                    {
                        foreach ((string key, object value) in pairs)
                        {
                            values[key] = value;
                        }
                    }
                },
                scopeValues);

            provider.entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception, scopeValues));
        }
    }
}

/// <summary>One captured log entry.</summary>
internal sealed record LogEntry(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    Exception? Exception,
    IReadOnlyDictionary<string, object?> Scope);
