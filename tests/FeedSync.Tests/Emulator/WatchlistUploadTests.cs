using System.Net;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator;
using static FeedSync.Tests.Emulator.EmulatorHttp;
using static FeedSync.Tests.Emulator.WatchlistUploads;

namespace FeedSync.Tests.Emulator;

[TestFixture]
internal sealed class WatchlistUploadTests : EmulatorTestBase
{
    private const string Alias = "feedsync-ip";

    protected override void Configure(SentinelEmulatorOptions options) => options.UploadDuration = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Put_RawContent_Returns201WithAsyncOperationUrl()
    {
        // Act
        using var response = await PutAsync(Client, WatchlistPath(Alias), UploadBody("Indicator,IndicatorType\n1.2.3.4,ip"));
        var body = (await ReadJsonAsync(response))!;
        var statusUrl = response.Headers.GetValues("Azure-AsyncOperation").Single();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(body["properties"]!["provisioningState"]!.GetValue<string>(), Is.EqualTo("InProgress"));
        Assert.That(statusUrl, Does.StartWith(Emulator.BaseUri.AbsoluteUri).And.Contain($"/Watchlists/{Alias}/watchlistStatuses/").And.Contain("api-version=2025-12-01"));
    }

    [Test]
    public async Task Upload_BeforeUploadDuration_StaysInProgressWithRetryAfter()
    {
        // Arrange
        using var response = await PutAsync(Client, WatchlistPath(Alias), UploadBody("Indicator,IndicatorType\n1.2.3.4,ip"));
        var statusUrl = response.Headers.GetValues("Azure-AsyncOperation").Single();
        Clock.Advance(TimeSpan.FromSeconds(10));

        // Act
        using var poll = await Client.GetAsync(statusUrl);
        var status = (await ReadJsonAsync(poll))!;
        using var items = await Client.GetAsync(WithVersion(WatchlistPath(Alias) + "/watchlistItems"));

        // Assert
        Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("InProgress"));
        Assert.That(poll.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That((await ReadJsonAsync(items))!["value"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Upload_AfterUploadDuration_SucceedsWithServiceAssignedIds()
    {
        // Arrange
        using var response = await PutAsync(Client, WatchlistPath(Alias), UploadBody("skip me\nIndicator,IndicatorType\n1.2.3.4,ip\n\"5.6.7.8\",\"ip\"", linesToSkip: 1));
        var statusUrl = response.Headers.GetValues("Azure-AsyncOperation").Single();
        Clock.Advance(TimeSpan.FromSeconds(30));

        // Act
        var status = await PollAsync(Client, statusUrl);
        using var items = await Client.GetAsync(WithVersion(WatchlistPath(Alias) + "/watchlistItems"));
        var values = (await ReadJsonAsync(items))!["value"]!.AsArray();
        using var watchlist = await Client.GetAsync(WithVersion(WatchlistPath(Alias)));
        var properties = (await ReadJsonAsync(watchlist))!["properties"]!;

        // Assert
        Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("Succeeded"));
        Assert.That(status["endTime"], Is.Not.Null);
        Assert.That(values.Select(item => item!["properties"]!["itemsKeyValue"]!["Indicator"]!.GetValue<string>()), Is.EqualTo((string[])["1.2.3.4", "5.6.7.8"]));
        Assert.That(values.Select(item => Guid.Parse(item!["name"]!.GetValue<string>())), Is.Unique);
        Assert.That(properties["provisioningState"]!.GetValue<string>(), Is.EqualTo("Succeeded"));
        Assert.That(properties["uploadStatus"]!.GetValue<string>(), Is.EqualTo("Complete"));
    }

    [Test]
    public async Task Upload_SecondUpload_AddsRowsWithoutRemovingAny()
    {
        // Arrange
        await UploadWithClockAsync("Indicator,IndicatorType\n1.2.3.4,ip");

        // Act
        await UploadWithClockAsync("Indicator,IndicatorType\n5.6.7.8,ip");
        using var items = await Client.GetAsync(WithVersion(WatchlistPath(Alias) + "/watchlistItems"));
        var values = (await ReadJsonAsync(items))!["value"]!.AsArray();

        // Assert
        Assert.That(values.Select(item => item!["properties"]!["itemsKeyValue"]!["Indicator"]!.GetValue<string>()), Is.EqualTo((string[])["1.2.3.4", "5.6.7.8"]));
    }

    [Test]
    public async Task Upload_WhileUploadInProgress_Returns409()
    {
        // Arrange
        using var first = await PutAsync(Client, WatchlistPath(Alias), UploadBody("Indicator,IndicatorType\n1.2.3.4,ip"));

        // Act
        using var second = await PutAsync(Client, WatchlistPath(Alias), UploadBody("Indicator,IndicatorType\n5.6.7.8,ip"));

        // Assert
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Upload_RowWithWrongFieldCount_FailsAndAddsNothing()
    {
        // Arrange
        using var response = await PutAsync(Client, WatchlistPath(Alias), UploadBody("Indicator,IndicatorType\n1.2.3.4,ip\n5.6.7.8"));
        Clock.Advance(TimeSpan.FromSeconds(30));

        // Act
        var status = await PollAsync(Client, response.Headers.GetValues("Azure-AsyncOperation").Single());
        using var items = await Client.GetAsync(WithVersion(WatchlistPath(Alias) + "/watchlistItems"));

        // Assert
        Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("Failed"));
        Assert.That(status["error"]!["message"]!.GetValue<string>(), Does.Contain("Line 3 has 1 field(s)"));
        Assert.That((await ReadJsonAsync(items))!["value"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Put_RawContentOverLimit_Returns400()
    {
        // Arrange
        var csv = "Indicator,IndicatorType\n" + new string('a', 3_800_001);

        // Act
        using var response = await PutAsync(Client, WatchlistPath(Alias), UploadBody(csv));
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.Contain("3.8 MB"));
    }

    [Test]
    public async Task Put_SearchKeyNotInHeader_Returns400()
    {
        // Act
        using var response = await PutAsync(Client, WatchlistPath(Alias), UploadBody("Domain,Type\nexample.com,domain"));
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.Contain("'Indicator'"));
    }

    [Test]
    public async Task Put_RawContentWithoutContentType_Returns400()
    {
        // Arrange
        var body = UploadBody("Indicator\n1.2.3.4");
        body["properties"]!.AsObject().Remove("contentType");

        // Act
        using var response = await PutAsync(Client, WatchlistPath(Alias), body);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Put_QuotedFieldsWithCommasAndNewlines_KeepsValues()
    {
        // Arrange
        const string Csv = "Indicator,Reference\r\n\"http://a.example/x,y\",\"line one\nline \"\"two\"\"\"\r\n";

        // Act
        await UploadWithClockAsync(Csv);
        using var items = await Client.GetAsync(WithVersion(WatchlistPath(Alias) + "/watchlistItems"));
        var values = (await ReadJsonAsync(items))!["value"]!.AsArray().Single()!["properties"]!["itemsKeyValue"]!;

        // Assert
        Assert.That(values["Indicator"]!.GetValue<string>(), Is.EqualTo("http://a.example/x,y"));
        Assert.That(values["Reference"]!.GetValue<string>(), Is.EqualTo("line one\nline \"two\""));
    }

    private async Task UploadWithClockAsync(string csv)
    {
        using var response = await PutAsync(Client, WatchlistPath(Alias), UploadBody(csv));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Clock.Advance(TimeSpan.FromSeconds(30));
        var status = await PollAsync(Client, response.Headers.GetValues("Azure-AsyncOperation").Single());
        Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("Succeeded"));
    }
}
