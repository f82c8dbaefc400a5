using System.CommandLine;
using FeedSync.Cli;
using FeedSync.Cli.Commands;
using Microsoft.Extensions.Configuration;

namespace FeedSync.Tests.Hunting;

[TestFixture]
internal sealed class RenderCommandTests
{
    private string folder = string.Empty;

    [SetUp]
    public void CreateFolder() => folder = Path.Combine(Path.GetTempPath(), $"feedsync-render-{Guid.NewGuid():N}");

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Render_SampleMarkdown_WritesRemcosRule()
    {
        // Act
        var run = await RunAsync("render", "--family", "Remcos", "--source", HuntingSources.SamplePath, "--out", folder);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
        var path = Path.Combine(folder, "threatfox-remcos-iocs.md");
        Assert.That(run.Output.Trim(), Is.EqualTo(path));
        RemcosFacts.AssertDocument(await File.ReadAllTextAsync(path));
    }

    [Test]
    public async Task Render_SampleYaml_WritesOneFilePerQuery()
    {
        // Act
        var run = await RunAsync("render", "--family", "win.remcos", "--source", HuntingSources.SamplePath, "--format", "yaml", "--out", folder);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName).Order(), Is.EqualTo(new List<string>
        {
            "threatfox-remcos-iocs-commonsecuritylog-address-only.yaml",
            "threatfox-remcos-iocs-commonsecuritylog.yaml",
            "threatfox-remcos-iocs-devicenetworkevents-address-only.yaml",
            "threatfox-remcos-iocs-devicenetworkevents.yaml",
        }));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(folder, "threatfox-remcos-iocs-devicenetworkevents.yaml")),
            Does.Contain("name: \"ThreatFox: Remcos IOCs (DeviceNetworkEvents)\"\n"));
    }

    [Test]
    public async Task Render_SampleKqlInline_ListsAddresses()
    {
        // Act
        var run = await RunAsync("render", "--family", "remcos", "--source", HuntingSources.SamplePath, "--format", "kql", "--style", "inline", "--out", folder);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
        var addressOnly = await File.ReadAllTextAsync(Path.Combine(folder, "threatfox-remcos-iocs-devicenetworkevents-address-only.kql"));
        Assert.That(addressOnly, Does.StartWith("let iocAddresses = dynamic(['124.198.132.98', '31.76.93.14']);\nDeviceNetworkEvents\n"));
    }

    [Test]
    public async Task Render_StyleFromConfiguration_IsUsed()
    {
        // Act
        var run = await RunAsync(
            new Dictionary<string, string?> { ["FeedSync:Hunting:Style"] = "Inline" },
            "render", "--family", "Remcos", "--source", HuntingSources.SamplePath, "--format", "kql", "--out", folder);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
        Assert.That(await File.ReadAllTextAsync(Path.Combine(folder, "threatfox-remcos-iocs-commonsecuritylog.kql")), Does.Contain("dynamic(["));
    }

    [Test]
    public async Task Render_UnknownFamily_ListsFamiliesPresent()
    {
        // Act
        var run = await RunAsync("render", "--family", "win.agent_tesla", "--source", HuntingSources.SamplePath, "--out", folder);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("no indicator of family 'win.agent_tesla'"));
        Assert.That(run.Error, Does.Contain("Families in the source: win.remcos (Remcos)."));
        Assert.That(Directory.Exists(folder), Is.False);
    }

    [Test]
    public async Task Render_MissingFile_Fails()
    {
        // Act
        var run = await RunAsync("render", "--family", "Remcos", "--source", Path.Combine(folder, "missing.json"), "--out", folder);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(run.Error, Does.Contain("missing.json"));
    }

    [Test]
    public async Task Render_UnknownFormat_IsUsageError()
    {
        // Act
        var run = await RunAsync("render", "--family", "Remcos", "--source", HuntingSources.SamplePath, "--format", "html", "--out", folder);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("html"));
    }

    [Test]
    public async Task Render_InvalidHuntingSettings_IsUsageError()
    {
        // Act
        var run = await RunAsync(
            new Dictionary<string, string?> { ["FeedSync:Hunting:InlineMaxIndicators"] = "0" },
            "render", "--family", "Remcos", "--source", HuntingSources.SamplePath, "--out", folder);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("FeedSync:Hunting:InlineMaxIndicators is 0"));
    }

    [Test]
    public async Task Render_OutIsFile_IsUsageError()
    {
        // Arrange
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "afile");
        await File.WriteAllTextAsync(file, "kept");

        // Act
        var run = await RunAsync("render", "--family", "Remcos", "--source", HuntingSources.SamplePath, "--out", file);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain($"--out '{file}' is a file, not a folder"));
        Assert.That(run.Error, Does.Not.Contain("Exception"));
        Assert.That(await File.ReadAllTextAsync(file), Is.EqualTo("kept"));
    }

    [Test]
    public async Task Render_OutUnderFile_IsUsageError()
    {
        // Arrange: a folder cannot be created below a file.
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "afile");
        await File.WriteAllTextAsync(file, "kept");
        var below = Path.Combine(file, "rules");

        // Act
        var run = await RunAsync("render", "--family", "Remcos", "--source", HuntingSources.SamplePath, "--out", below);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain($"--out '{below}' cannot be created: "));
        Assert.That(run.Error, Does.Not.Contain("Exception"));
    }

    private static Task<CliRun> RunAsync(params string[] args) => RunAsync([], args);

    private static async Task<CliRun> RunAsync(Dictionary<string, string?> settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var root = new RootCommand("test") { RenderCommand.Create(() => configuration) };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliRunner.InvokeAsync(root, args, new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    private sealed record CliRun(int ExitCode, string Output, string Error);
}
