using FeedSync.Cli.Commands;
using FeedSync.Cli.Composition;
using FeedSync.Sync;

namespace FeedSync.Tests.Cli;

[TestFixture]
internal sealed class SyncProgressViewTests
{
    [Test]
    public async Task RunAsync_HostileAliasOnTerminal_ShownAsText()
    {
        // Arrange: a progress bar on a terminal, for a watchlist alias with markup and a title sequence.
        using var error = new StringWriter();
        var context = new CliContext { WorkingDirectory = Path.GetTempPath(), Out = TextWriter.Null, Error = error, Interactive = true };
        var view = new SyncProgressView(context);

        // Act
        await view.RunAsync(async progress =>
        {
            progress.Report(new SyncProgress(SyncStage.Applying, "[red]Evil[/]\u001b]0;pwned\u0007", 1, 2));
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            return null!;
        });

        // Assert
        Assert.That(error.ToString(), Does.Contain("[red]Evil[/]"));
        Assert.That(error.ToString(), Does.Contain(@"\x1b]0;pwned\x07"));
        Assert.That(error.ToString(), Does.Not.Contain("\u001b]0;pwned"));
    }
}
