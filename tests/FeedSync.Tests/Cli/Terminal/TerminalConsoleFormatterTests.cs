using FeedSync.Cli.Composition;
using FeedSync.Cli.Terminal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace FeedSync.Tests.Cli.Terminal;

[TestFixture]
internal sealed class TerminalConsoleFormatterTests
{
    [Test]
    public void Write_HostileMessage_EscapesOnOneLine()
    {
        // Arrange: an unknown threat type from the feed, as the pipeline logs it.
        var message = "Unknown threat type 'botnet_cc\u001b]0;pwned\u0007\r\nwarn: Forged[1] line' in 1 records";

        // Act
        var text = Format(LogLevel.Warning, message, exception: null);

        // Assert
        Assert.That(text, Is.EqualTo("warn: FeedSync.Normalisation[2003] Unknown threat type 'botnet_cc\\x1b]0;pwned\\x07\\r\\nwarn: Forged[1] line' in 1 records" + Environment.NewLine));
    }

    [Test]
    public void Write_Exception_StaysOnEntryLine()
    {
        // Arrange
        var exception = new InvalidOperationException("bad \u202Evalue");

        // Act
        var text = Format(LogLevel.Error, "Run failed", exception);

        // Assert
        Assert.That(text, Does.StartWith("fail: FeedSync.Normalisation[2003] Run failed System.InvalidOperationException: bad \\u202Evalue"));
        Assert.That(text.TrimEnd('\n').Contains('\n', StringComparison.Ordinal), Is.False);
        Assert.That(text, Does.Not.Contain("\u202E"));
    }

    [Test]
    public void AddCliConsole_SelectsTerminalFormatter()
    {
        // Arrange
        using var services = new ServiceCollection().AddLogging(logging => logging.AddCliConsole()).BuildServiceProvider();

        // Act
        var options = services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value;
        var formatters = services.GetServices<ConsoleFormatter>();

        // Assert
        Assert.That(options.FormatterName, Is.EqualTo(TerminalConsoleFormatter.FormatterName));
        Assert.That(formatters.OfType<TerminalConsoleFormatter>(), Is.Not.Empty);
    }

    private static string Format(LogLevel level, string message, Exception? exception)
    {
        var formatter = new TerminalConsoleFormatter();
        var entry = new LogEntry<string>(level, "FeedSync.Normalisation", new EventId(2003), message, exception, (state, _) => state);
        using var writer = new StringWriter();
        formatter.Write(entry, scopeProvider: null, writer);
        return writer.ToString();
    }
}
