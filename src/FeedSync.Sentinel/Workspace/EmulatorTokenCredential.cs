using Azure.Core;

namespace FeedSync.Sentinel.Workspace;

/// <summary>
/// A credential that returns a fixed placeholder token for the local emulator, which requires a bearer
/// token but does not verify it. <see cref="SentinelWorkspaceOptionsValidator"/> allows emulator mode
/// only with loopback endpoints, so the placeholder is never sent elsewhere.
/// </summary>
internal sealed class EmulatorTokenCredential(TimeProvider timeProvider) : TokenCredential
{
    /// <summary>The placeholder token; it grants nothing anywhere.</summary>
    public const string PlaceholderToken = "feedsync-emulator-placeholder-token";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(PlaceholderToken, timeProvider.GetUtcNow().AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
