using FeedSync.Functions.Tests.Support;

/// <summary>
/// Stops the shared Azurite after the last test. It sits outside every namespace because NUnit applies a
/// set-up fixture to the tests of its own namespace only.
/// </summary>
[SetUpFixture]
internal sealed class TestRunTeardown
{
    [OneTimeTearDown]
    public async Task StopAzuriteAsync() => await SharedAzurite.StopAsync();
}
