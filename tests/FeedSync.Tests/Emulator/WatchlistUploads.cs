using System.Net;
using System.Text.Json.Nodes;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

/// <summary>Sends <c>rawContent</c> uploads and polls their <c>Azure-AsyncOperation</c> URL.</summary>
internal static class WatchlistUploads
{
    public static JsonObject UploadBody(string csv, int linesToSkip = 0, string searchKey = "Indicator")
    {
        var body = WatchlistBody(searchKey: searchKey);
        body["properties"]!["rawContent"] = csv;
        body["properties"]!["contentType"] = "text/csv";
        body["properties"]!["numberOfLinesToSkip"] = linesToSkip;
        return body;
    }

    /// <summary>Uploads and returns the final operation status body.</summary>
    public static async Task<JsonNode> UploadAndWaitAsync(HttpClient client, string alias, string csv, int linesToSkip = 0)
    {
        using var response = await PutAsync(client, WatchlistPath(alias), UploadBody(csv, linesToSkip));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await PollAsync(client, response.Headers.GetValues("Azure-AsyncOperation").Single());
    }

    /// <summary>Polls a status URL until it leaves InProgress (at most 20 polls) and returns the last status body.</summary>
    public static async Task<JsonNode> PollAsync(HttpClient client, string statusUrl)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var response = await client.GetAsync(statusUrl);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var status = (await ReadJsonAsync(response))!;
            if (status["status"]!.GetValue<string>() != "InProgress")
            {
                return status;
            }
        }

        Assert.Fail($"The operation at {statusUrl} stayed InProgress.");
        return null!;
    }
}
