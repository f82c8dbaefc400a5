using System.Text.Json;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator.Arm;
using FeedSync.SentinelEmulator.State;

namespace FeedSync.SentinelEmulator.SavedSearches;

/// <summary>
/// Serves Log Analytics saved searches. A PUT over an existing search must carry its current etag or <c>*</c>
/// in the body's <c>etag</c> (or an <c>If-Match</c> header); otherwise it gets 409 Conflict, as from the service.
/// </summary>
internal static class SavedSearchHandler
{
    private const string ResourceType = "Microsoft.OperationalInsights/savedSearches";

    public static EmulatorResponse List(WorkspaceState workspace, ArmRequestContext request)
    {
        var value = new JsonArray();
        foreach (var search in workspace.SavedSearches)
        {
            value.Add(ToJson(workspace, search, asListEntry: true));
        }

        if (request.Options.IncludeBuiltInSavedSearches)
        {
            foreach (var search in BuiltInSavedSearches.For(workspace).Where(builtIn => Find(workspace, builtIn.Id) is null))
            {
                value.Add(ToJson(workspace, search, asListEntry: true));
            }
        }

        // The service returns every saved search in one response, without nextLink.
        return EmulatorResponse.Json(200, new JsonObject { ["value"] = value });
    }

    public static EmulatorResponse Get(WorkspaceState workspace, ArmRequestContext request)
    {
        var id = request.Route.ChildName!;
        var search = Find(workspace, id) ?? (request.Options.IncludeBuiltInSavedSearches ? FindBuiltIn(workspace, id) : null);
        return search is null ? NotFound(id) : EmulatorResponse.Json(200, ToJson(workspace, search, asListEntry: false));
    }

    public static EmulatorResponse Put(StoreSession session, WorkspaceState workspace, ArmRequestContext request, string? ifMatch)
    {
        var id = request.Route.ChildName!;
        var (body, bodyError) = request.ReadJsonObject();
        if (bodyError is not null)
        {
            return bodyError;
        }

        var (parsed, validationError) = Parse(body!);
        if (validationError is not null)
        {
            return validationError;
        }

        var existing = Find(workspace, id);
        var etag = ReadEtag(body!) ?? ifMatch;
        if (existing is not null && etag != "*" && etag != existing.Etag)
        {
            var reason = etag is null ? "The request has no etag" : $"The etag '{etag}' is not the current one";
            return EmulatorResponse.Error(
                409,
                "Conflict",
                $"Saved search '{id}' already exists and newer data exists. {reason}: send the current etag '{existing.Etag}' or '*' in the body's 'etag' to overwrite it.");
        }

        var search = existing ?? new SavedSearchState { Id = id };
        search.Category = parsed!.Category;
        search.DisplayName = parsed.DisplayName;
        search.Query = parsed.Query;
        search.FunctionAlias = parsed.FunctionAlias;
        search.FunctionParameters = parsed.FunctionParameters;
        search.Version = parsed.Version ?? 2;
        search.Tags = parsed.Tags;
        search.Etag = NextEtag(session.Now, existing?.Etag);
        if (existing is null)
        {
            workspace.SavedSearches.Add(search);
        }

        session.MarkChanged();
        return EmulatorResponse.Json(200, ToJson(workspace, search, asListEntry: false));
    }

    public static EmulatorResponse Delete(StoreSession session, WorkspaceState workspace, ArmRequestContext request)
    {
        var search = Find(workspace, request.Route.ChildName!);
        if (search is not null)
        {
            workspace.SavedSearches.Remove(search);
            session.MarkChanged();
        }

        // The recorded service returns 200 with an empty body.
        // NOTE: a missing search also gets 200 here; no recording shows what the service returns for one.
        return EmulatorResponse.Empty(200);
    }

    private static SavedSearchState? Find(WorkspaceState workspace, string id) =>
        workspace.SavedSearches.Find(search => string.Equals(search.Id, id, StringComparison.OrdinalIgnoreCase));

    private static SavedSearchState? FindBuiltIn(WorkspaceState workspace, string id) =>
        BuiltInSavedSearches.For(workspace).FirstOrDefault(search => string.Equals(search.Id, id, StringComparison.OrdinalIgnoreCase));

    private static EmulatorResponse NotFound(string id) =>
        EmulatorResponse.Error(404, "SavedSearchNotFound", $"Saved search '{id}' could not be found.");

    /// <summary>Writes a saved search; single responses carry no name or type, list entries do, as the service writes them.</summary>
    private static JsonObject ToJson(WorkspaceState workspace, SavedSearchState search, bool asListEntry)
    {
        var json = new JsonObject
        {
            ["id"] = $"{ResourceIdOf(workspace)}/savedSearches/{search.Id}",
        };
        if (search.Etag is not null)
        {
            json["etag"] = search.Etag;
        }

        var properties = new JsonObject
        {
            ["category"] = search.Category,
            ["displayName"] = search.DisplayName,
            ["query"] = search.Query,
        };
        if (search.Tags is not null)
        {
            properties["tags"] = new JsonArray([.. search.Tags.Select(tag => (JsonNode?)new JsonObject { ["name"] = tag.Name, ["value"] = tag.Value })]);
        }

        if (search.FunctionAlias is not null)
        {
            properties["functionAlias"] = search.FunctionAlias;
        }

        if (search.FunctionParameters is not null)
        {
            properties["functionParameters"] = search.FunctionParameters;
        }

        properties["version"] = search.Version;
        json["properties"] = properties;

        if (asListEntry)
        {
            json["name"] = search.Id;
            json["type"] = ResourceType;
        }

        return json;
    }

    private static string ResourceIdOf(WorkspaceState workspace) =>
        $"/subscriptions/{workspace.SubscriptionId}/resourceGroups/{workspace.ResourceGroup}/providers/Microsoft.OperationalInsights/workspaces/{workspace.WorkspaceName}";

    private static string NextEtag(DateTimeOffset now, string? previous)
    {
        var time = now;
        var etag = ArmFormat.SavedSearchEtag(time);
        while (etag == previous)
        {
            time = time.AddTicks(1);
            etag = ArmFormat.SavedSearchEtag(time);
        }

        return etag;
    }

    private static string? ReadEtag(JsonObject body) =>
        body["etag"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static (SavedSearchRequest? Request, EmulatorResponse? Error) Parse(JsonObject body)
    {
        if (body["properties"] is not JsonObject properties)
        {
            return (null, EmulatorResponse.Error(400, "BadRequest", "The 'properties' object is required. Send {\"properties\":{\"category\":...,\"displayName\":...,\"query\":...}}."));
        }

        var errors = new List<string>();
        var category = ReadString(properties, "category", required: true, errors);
        var displayName = ReadString(properties, "displayName", required: true, errors);
        var query = ReadString(properties, "query", required: true, errors);
        var functionAlias = ReadString(properties, "functionAlias", required: false, errors);
        var functionParameters = ReadString(properties, "functionParameters", required: false, errors);
        var version = ReadVersion(properties, errors);
        var tags = ReadTags(properties, errors);

        if (errors.Count > 0)
        {
            return (null, EmulatorResponse.Error(400, "BadRequest", string.Join(" ", errors)));
        }

        return (new SavedSearchRequest(category!, displayName!, query!, functionAlias, functionParameters, version, tags), null);
    }

    private static string? ReadString(JsonObject properties, string name, bool required, List<string> errors)
    {
        var node = properties[name];
        if (node is null)
        {
            if (required)
            {
                errors.Add($"The 'properties.{name}' property is required.");
            }

            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (required && string.IsNullOrWhiteSpace(text))
            {
                errors.Add($"The 'properties.{name}' property must not be empty.");
            }

            return text;
        }

        errors.Add($"The 'properties.{name}' property must be a string, not {node.GetValueKind()}.");
        return null;
    }

    private static long? ReadVersion(JsonObject properties, List<string> errors)
    {
        var node = properties["version"];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var version))
        {
            return version;
        }

        errors.Add($"The 'properties.version' property must be a whole number, not '{node.ToJsonString()}'.");
        return null;
    }

    private static List<SavedSearchTagState>? ReadTags(JsonObject properties, List<string> errors)
    {
        var node = properties["tags"];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            errors.Add("The 'properties.tags' property must be an array of {\"name\",\"value\"} objects.");
            return null;
        }

        var tags = new List<SavedSearchTagState>();
        for (var index = 0; index < array.Count; index++)
        {
            var name = (array[index] as JsonObject)?["name"];
            var value = (array[index] as JsonObject)?["value"];
            if (name?.GetValueKind() != JsonValueKind.String || value?.GetValueKind() != JsonValueKind.String)
            {
                errors.Add($"The tag at 'properties.tags[{index}]' needs the string properties 'name' and 'value'.");
                continue;
            }

            tags.Add(new SavedSearchTagState(name.GetValue<string>(), value.GetValue<string>()));
        }

        return tags;
    }

    private sealed record SavedSearchRequest(
        string Category,
        string DisplayName,
        string Query,
        string? FunctionAlias,
        string? FunctionParameters,
        long? Version,
        List<SavedSearchTagState>? Tags);
}
