using Azure.Core;

namespace FeedSync.Functions.Tests.Support;

/// <summary>A credential that fails every token request, so that no test can reach a real Azure endpoint.</summary>
internal sealed class ThrowingTokenCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Tests must not request Azure tokens.");

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Tests must not request Azure tokens.");
}
