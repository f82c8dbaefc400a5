using System.Net;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator;
using FeedSync.Tests.Support;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

using SentinelEmulator = FeedSync.SentinelEmulator.SentinelEmulator;

/// <summary>
/// Replays the request of every OpenAPI example in the shared ARM reference against an emulator configured with
/// the example's subscription, resource group and workspace, after creating what the example presumes exists.
/// The answer must carry one of the example's status codes and contain the example body's shape. Where an example
/// contradicts the recorded service, the recording wins, and the test states the deviation.
/// </summary>
[TestFixture]
internal sealed class ReferenceExampleReplayTests
{
    private const string WatchlistExamples = "reference/arm/securityinsights/stable/2025-12-01/examples/watchlists/";
    private const string SavedSearchExamples = "reference/arm/operationalinsights/stable/";

    [Test]
    public async Task CreateWatchlist_Replayed_Answers200WithExampleShape()
    {
        // Arrange
        var example = await LoadAsync(WatchlistExamples + "CreateWatchlist.json");
        await using var session = await ExampleSession.StartAsync(example);

        // Act
        using var response = await PutAsync(session.Client, session.WatchlistPath(), example.Parameter("watchlist"), example.ApiVersion);

        // Assert
        await example.AssertMatchesAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task CreateWithItems_Replayed_AddsRow()
    {
        // Arrange
        var example = await LoadAsync(WatchlistExamples + "CreateWatchlistAndWatchlistItems.json");
        await using var session = await ExampleSession.StartAsync(example);

        // Act
        using var response = await PutAsync(session.Client, session.WatchlistPath(), example.Parameter("watchlist"), example.ApiVersion);
        await example.AssertMatchesAsync(response);
        var status = await WatchlistUploads.PollAsync(session.Client, response.Headers.GetValues("Azure-AsyncOperation").Single());
        using var items = await session.Client.GetAsync(WithVersion(session.WatchlistPath() + "/watchlistItems", example.ApiVersion));
        var rows = (await ReadJsonAsync(items))!["value"]!.AsArray();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("Succeeded"));
        Assert.That(rows.Single()!["properties"]!["itemsKeyValue"]!.ToJsonString(), Is.EqualTo("""{"header1":"value1","header2":"value2"}"""));
    }

    [Test]
    public async Task GetWatchlist_Replayed_MatchesExample()
    {
        // Arrange
        var example = await LoadAsync(WatchlistExamples + "GetWatchlistByAlias.json");
        await using var session = await ExampleSession.StartAsync(example);
        await session.CreateWatchlistFromAsync(example.ResponseBody(200)!);

        // Act
        using var response = await session.Client.GetAsync(WithVersion(session.WatchlistPath(), example.ApiVersion));

        // Assert
        await example.AssertMatchesAsync(response);
    }

    [Test]
    public async Task GetWatchlists_Replayed_MatchesExampleShape()
    {
        // Arrange
        var example = await LoadAsync(WatchlistExamples + "GetWatchlists.json");
        await using var session = await ExampleSession.StartAsync(example);
        var listed = example.ResponseBody(200)!["value"]![0]!;
        session.Alias = listed["name"]!.GetValue<string>();
        await session.CreateWatchlistFromAsync(listed);

        // Act
        using var response = await session.Client.GetAsync(WithVersion(WatchlistsPath(session.Workspace), example.ApiVersion));

        // Assert: the recorded service leaves the etag out of watchlist list entries, unlike this example.
        await example.AssertMatchesAsync(response, ignoredPaths: new HashSet<string> { "$.value[].etag" });
    }

    [Test]
    public async Task DeleteWatchlist_Replayed_AnswersAsRecordedService()
    {
        // Arrange
        var example = await LoadAsync(WatchlistExamples + "DeleteWatchlist.json");
        await using var session = await ExampleSession.StartAsync(example);
        using var missing = await session.Client.DeleteAsync(WithVersion(session.WatchlistPath(), example.ApiVersion));
        await session.CreateWatchlistFromAsync(new JsonObject { ["properties"] = WatchlistBody()["properties"]!.DeepClone() });

        // Act
        using var existing = await session.Client.DeleteAsync(WithVersion(session.WatchlistPath(), example.ApiVersion));

        // Assert: a missing watchlist answers the example's 204; an existing one answers 200 with the example's
        // Azure-AsyncOperation header (plus Location), as the recorded service does, where the example shows 202.
        Assert.That(example.StatusCodes, Does.Contain(204));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(existing.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(existing.Headers.GetValues("Azure-AsyncOperation").Single(), Does.Contain("/watchlistStatuses/"));
    }

    [Test]
    public async Task CreateWatchlistItem_Replayed_Answers200WithExampleShape()
    {
        // Arrange
        var example = await LoadAsync(WatchlistExamples + "CreateWatchlistItem.json");
        await using var session = await ExampleSession.StartAsync(example);
        await session.CreateWatchlistFromAsync(new JsonObject { ["properties"] = WatchlistBody()["properties"]!.DeepClone() });

        // Act
        using var response = await PutAsync(session.Client, session.ItemPath(), example.Parameter("watchlistItem"), example.ApiVersion);

        // Assert
        await example.AssertMatchesAsync(response);
    }

    [Test]
    public async Task GetItem_Replayed_MatchesExample()
    {
        // Arrange
        var example = await LoadAsync(WatchlistExamples + "GetWatchlistItemById.json");
        await using var session = await ExampleSession.StartAsync(example);
        await session.CreateItemFromAsync(example.ResponseBody(200)!);

        // Act
        using var response = await session.Client.GetAsync(WithVersion(session.ItemPath(), example.ApiVersion));

        // Assert
        await example.AssertMatchesAsync(response);
    }

    [Test]
    public async Task GetWatchlistItems_Replayed_Answers200WithExampleShape()
    {
        // Arrange
        var example = await LoadAsync(WatchlistExamples + "GetWatchlistItems.json");
        await using var session = await ExampleSession.StartAsync(example);
        var listed = example.ResponseBody(200)!["value"]![0]!;
        session.ItemId = listed["name"]!.GetValue<string>();
        await session.CreateItemFromAsync(listed);

        // Act
        using var response = await session.Client.GetAsync(WithVersion(session.WatchlistPath() + "/watchlistItems", example.ApiVersion));

        // Assert
        await example.AssertMatchesAsync(response);
    }

    [Test]
    public async Task DeleteWatchlistItem_Replayed_AnswersExampleCodes()
    {
        // Arrange
        var example = await LoadAsync(WatchlistExamples + "DeleteWatchlistItem.json");
        await using var session = await ExampleSession.StartAsync(example);
        await session.CreateItemFromAsync(new JsonObject { ["properties"] = new JsonObject { ["itemsKeyValue"] = new JsonObject { ["Indicator"] = "1.2.3.4" } } });

        // Act
        using var existing = await session.Client.DeleteAsync(WithVersion(session.ItemPath(), example.ApiVersion));
        using var missing = await session.Client.DeleteAsync(WithVersion(session.ItemPath(), example.ApiVersion));

        // Assert
        await example.AssertMatchesAsync(existing);
        await example.AssertMatchesAsync(missing);
        Assert.That(existing.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task SavedSearchPut_Replayed_MatchesExample()
    {
        // Arrange
        var example = await LoadAsync(SavedSearchExamples + "2025-02-01/examples/WorkspacesSavedSearchesCreateOrUpdate.json");
        await using var session = await ExampleSession.StartAsync(example);

        // Act
        using var response = await PutAsync(session.Client, session.SavedSearchPath(), example.Parameter("parameters"), example.ApiVersion);

        // Assert
        await example.AssertMatchesAsync(response);
    }

    [Test]
    public async Task SavedSearchGet_Replayed_Answers200WithExampleShape()
    {
        // Arrange
        var example = await LoadAsync(SavedSearchExamples + "2025-07-01/examples/WorkspacesSavedSearchesGet.json");
        await using var session = await ExampleSession.StartAsync(example);
        await session.CreateSavedSearchFromAsync(example.ResponseBody(200)!["properties"]!.AsObject());

        // Act
        using var response = await session.Client.GetAsync(WithVersion(session.SavedSearchPath(), example.ApiVersion));

        // Assert
        await example.AssertMatchesAsync(response);
    }

    [Test]
    public async Task SavedSearchList_Replayed_AnswersRecordedValueShape()
    {
        // Arrange
        var example = await LoadAsync(SavedSearchExamples + "2025-02-01/examples/SavedSearchesListByWorkspace.json");
        await using var session = await ExampleSession.StartAsync(example);
        var entry = CamelCase(example.ResponseBody(200)!.AsArray()[0]!);
        session.SavedSearchId = entry["id"]!.GetValue<string>().Split('/')[^1];
        await session.CreateSavedSearchFromAsync(entry["properties"]!.AsObject());

        // Act
        using var response = await session.Client.GetAsync(WithVersion(session.SavedSearchPath()[..session.SavedSearchPath().LastIndexOf('/')], example.ApiVersion));
        var actual = await ReadJsonAsync(response);

        // Assert: the example shows a bare array with PascalCase keys; the service returns {"value":[...]} in camelCase.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonShape.Differences(new JsonObject { ["value"] = new JsonArray(entry) }, actual, exact: false), Is.Empty);
    }

    [Test]
    public async Task SavedSearchDelete_Replayed_Answers200()
    {
        // Arrange
        var example = await LoadAsync(SavedSearchExamples + "2025-02-01/examples/WorkspacesDeleteSavedSearches.json");
        await using var session = await ExampleSession.StartAsync(example);
        await session.CreateSavedSearchFromAsync(new JsonObject { ["category"] = "c", ["displayName"] = "d", ["query"] = "Watchlist" });

        // Act
        using var response = await session.Client.DeleteAsync(WithVersion(session.SavedSearchPath(), example.ApiVersion));

        // Assert
        await example.AssertMatchesAsync(response);
    }

    [Test]
    public async Task LogAnalyticsPost_Replayed_AnswersExampleColumns()
    {
        // Arrange
        var example = await LoadAsync("reference/arm/loganalytics-dataplane/stable/v1/examples/oms-post-example.json");
        await using var session = await ExampleSession.StartAsync(example);
        using var content = Json(example.Parameter("body"));

        // Act
        using var response = await session.Client.PostAsync($"v1/workspaces/{example.Parameters["workspaceId"]}/query", content);
        var table = (await ReadJsonAsync(response))!["tables"]![0]!;
        var expectedTable = example.ResponseBody(200)!["tables"]![0]!;

        // Assert: the emulated workspace has no Usage rows, so the rows array is empty; the columns must match.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(table["name"]!.GetValue<string>(), Is.EqualTo(expectedTable["name"]!.GetValue<string>()));
        Assert.That(table["columns"]!.ToJsonString(), Is.EqualTo(expectedTable["columns"]!.ToJsonString()));
        Assert.That(table["rows"], Is.InstanceOf<JsonArray>());
    }

    private static async Task<ReferenceExample> LoadAsync(string relativePath) =>
        new(JsonNode.Parse(await File.ReadAllTextAsync(SharedData.Require(relativePath)))!.AsObject());

    private static JsonNode CamelCase(JsonNode node) => node switch
    {
        JsonObject json => new JsonObject(json.Select(pair => KeyValuePair.Create(char.ToLowerInvariant(pair.Key[0]) + pair.Key[1..], (JsonNode?)(pair.Value is null ? null : CamelCase(pair.Value))))),
        JsonArray array => new JsonArray([.. array.Select(item => item is null ? null : CamelCase(item))]),
        _ => node.DeepClone(),
    };

    /// <summary>One example file: its parameters and its responses by status code.</summary>
    private sealed class ReferenceExample(JsonObject root)
    {
        public JsonObject Parameters => root["parameters"]!.AsObject();

        public string ApiVersion => Parameters["api-version"]?.GetValue<string>() ?? "";

        public IReadOnlyList<int> StatusCodes => [.. root["responses"]!.AsObject().Select(pair => int.Parse(pair.Key, System.Globalization.CultureInfo.InvariantCulture))];

        public JsonNode Parameter(string name) => Parameters[name]!.DeepClone();

        public JsonNode? ResponseBody(int status) => root["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["body"]?.DeepClone();

        /// <summary>Asserts that the status is one the example lists and that the body contains the example body's shape.</summary>
        public async Task AssertMatchesAsync(HttpResponseMessage response, IReadOnlySet<string>? ignoredPaths = null)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(StatusCodes, Does.Contain(status), text);

            var expected = ResponseBody(status);
            if (expected is null)
            {
                return;
            }

            var differences = JsonShape.Differences(expected, JsonNode.Parse(text), exact: false, ignoredPaths);
            Assert.That(differences, Is.Empty, string.Join(Environment.NewLine, differences));
        }
    }

    /// <summary>An emulator serving the example's workspace, and the paths the example addresses.</summary>
    private sealed class ExampleSession : IAsyncDisposable
    {
        private readonly SentinelEmulator emulator;
        private readonly ReferenceExample example;

        private ExampleSession(SentinelEmulator emulator, ReferenceExample example, EmulatorWorkspace workspace)
        {
            this.emulator = emulator;
            this.example = example;
            Workspace = workspace;
            Client = CreateClient(emulator);
        }

        public HttpClient Client { get; }

        public EmulatorWorkspace Workspace { get; }

        public static async Task<ExampleSession> StartAsync(ReferenceExample example)
        {
            var parameters = example.Parameters;
            var customerId = parameters["workspaceId"] is { } id ? Guid.Parse(id.GetValue<string>()) : Guid.NewGuid();
            var workspace = new EmulatorWorkspace(
                parameters["subscriptionId"]?.GetValue<string>() ?? EmulatorWorkspace.Default.SubscriptionId,
                parameters["resourceGroupName"]?.GetValue<string>() ?? EmulatorWorkspace.Default.ResourceGroup,
                parameters["workspaceName"]?.GetValue<string>() ?? EmulatorWorkspace.Default.WorkspaceName,
                customerId);
            var options = new SentinelEmulatorOptions();
            options.Workspaces.Clear();
            options.Workspaces.Add(workspace);
            return new ExampleSession(await SentinelEmulator.StartAsync(options), example, workspace);
        }

        /// <summary>Gets or sets the watchlist alias; list examples have none in their parameters.</summary>
        public string? Alias { get; set; }

        /// <summary>Gets or sets the item id; list examples have none in their parameters.</summary>
        public string? ItemId { get; set; }

        /// <summary>Gets or sets the saved-search id; list examples have none in their parameters.</summary>
        public string? SavedSearchId { get; set; }

        public string WatchlistPath() => $"{WatchlistsPath(Workspace)}/{Alias ?? example.Parameters["watchlistAlias"]!.GetValue<string>()}";

        public string ItemPath() => $"{WatchlistPath()}/watchlistItems/{ItemId ?? example.Parameters["watchlistItemId"]!.GetValue<string>()}";

        public string SavedSearchPath() =>
            WorkspacePath(Workspace).Replace("resourceGroups", "resourcegroups", StringComparison.Ordinal)
            + "/savedSearches/" + (SavedSearchId ?? example.Parameters["savedSearchId"]!.GetValue<string>());

        /// <summary>Creates the watchlist with the writable properties of a watchlist body.</summary>
        public async Task CreateWatchlistFromAsync(JsonNode watchlist)
        {
            string[] writable = ["displayName", "provider", "source", "sourceType", "description", "itemsSearchKey", "labels", "defaultDuration"];
            var properties = new JsonObject();
            foreach (var name in writable.Where(name => watchlist["properties"]![name] is not null))
            {
                properties[name] = watchlist["properties"]![name]!.DeepClone();
            }

            using var response = await PutAsync(Client, WatchlistPath(), new JsonObject { ["properties"] = properties }, EmulatorHttp.SecurityInsightsVersion);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        }

        /// <summary>Creates the example's watchlist and, under the example's item id, an item with the body's key values.</summary>
        public async Task CreateItemFromAsync(JsonNode item)
        {
            await CreateWatchlistFromAsync(new JsonObject { ["properties"] = WatchlistBody()["properties"]!.DeepClone() });
            var properties = new JsonObject { ["itemsKeyValue"] = item["properties"]!["itemsKeyValue"]!.DeepClone() };
            using var response = await PutAsync(Client, ItemPath(), new JsonObject { ["properties"] = properties });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        }

        /// <summary>Creates the example's saved search with the given properties.</summary>
        public async Task CreateSavedSearchFromAsync(JsonObject properties)
        {
            using var response = await PutAsync(Client, SavedSearchPath(), new JsonObject { ["properties"] = properties.DeepClone() }, EmulatorHttp.SavedSearchVersion);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await emulator.DisposeAsync();
        }
    }
}
