using System.Text.Json;
using FeedSync.Functions.Tests.Support;

namespace FeedSync.Functions.Tests.Hosting;

/// <summary>Checks the functions.metadata that the Functions SDK writes into the app's build output.</summary>
[TestFixture]
internal sealed class FunctionsMetadataTests
{
    private JsonElement functions;

    [OneTimeSetUp]
    public void ReadMetadata()
    {
        string path = Path.Combine(TestEnvironment.FunctionsOutputPath, "functions.metadata");
        Assert.That(path, Does.Exist, "Build src/FeedSync.Functions first; the SDK writes functions.metadata into its output.");
        functions = JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    [Test]
    public void Metadata_ListsExactlyTheFourFunctions()
    {
        string[] names = functions.EnumerateArray().Select(function => function.GetProperty("name").GetString()!).ToArray();

        Assert.That(names, Is.EquivalentTo(new[] { "SyncTimer", "SyncNow", "ListSyncRuns", "GetSyncRun" }));
    }

    [Test]
    public void SyncTimer_ReadsScheduleFromAppSetting()
    {
        JsonElement trigger = Trigger("SyncTimer");

        Assert.Multiple(() =>
        {
            Assert.That(trigger.GetProperty("type").GetString(), Is.EqualTo("timerTrigger"));
            Assert.That(trigger.GetProperty("schedule").GetString(), Is.EqualTo("%FeedSync:Functions:Schedule%"));
            Assert.That(trigger.TryGetProperty("runOnStartup", out _), Is.False);
        });
    }

    [TestCase("SyncNow", "post", "sync")]
    [TestCase("ListSyncRuns", "get", "sync/runs")]
    [TestCase("GetSyncRun", "get", "sync/runs/{id}")]
    public void HttpFunction_HasRouteMethodAndFunctionKey(string name, string method, string route)
    {
        JsonElement trigger = Trigger(name);

        Assert.Multiple(() =>
        {
            Assert.That(trigger.GetProperty("type").GetString(), Is.EqualTo("httpTrigger"));
            Assert.That(trigger.GetProperty("authLevel").GetString(), Is.EqualTo("Function"));
            Assert.That(trigger.GetProperty("methods").EnumerateArray().Select(item => item.GetString()), Is.EqualTo(new[] { method }));
            Assert.That(trigger.GetProperty("route").GetString(), Is.EqualTo(route));
        });
    }

    private JsonElement Trigger(string functionName)
    {
        JsonElement function = functions.EnumerateArray().Single(item => item.GetProperty("name").GetString() == functionName);
        return function.GetProperty("bindings").EnumerateArray()
            .Single(binding => binding.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
    }
}
