using FeedSync.Functions.Tests.Support;

namespace FeedSync.Functions.Tests.Infra;

/// <summary>
/// infra/ compiles and lints with the Bicep CLI with no errors and no warnings. Each CLI run takes a few
/// seconds, so the fixture runs build, lint and build-params once over every file and the tests read the
/// results.
/// </summary>
[TestFixture]
internal sealed class BicepTests
{
    private const string Templates = "infra/**/*.bicep";
    private const string TemplatesAndParameters = "infra/**/*.bicep*";
    private const string Parameters = "infra/main.bicepparam";

    private static readonly Dictionary<string, string> KeyEnvironment = new() { ["THREATFOX_AUTH_KEY"] = "placeholder-threatfox-key" };

    private string outputDirectory = null!;
    private BicepResult build = null!;
    private BicepResult lint = null!;
    private BicepResult buildParameters = null!;

    [OneTimeSetUp]
    public async Task RunBicepAsync()
    {
        outputDirectory = Directory.CreateTempSubdirectory("feedsync-bicep-").FullName;
        build = await BicepCli.RunAsync(["build", "--pattern", Templates, "--outdir", Path.Combine(outputDirectory, "templates")]);
        lint = await BicepCli.RunAsync(["lint", "--pattern", TemplatesAndParameters], KeyEnvironment);
        buildParameters = await BicepCli.RunAsync(["build-params", Parameters, "--outdir", Path.Combine(outputDirectory, "parameters")], KeyEnvironment);
    }

    [OneTimeTearDown]
    public void DeleteOutput() => Directory.Delete(outputDirectory, recursive: true);

    [Test]
    public void Build_Templates_HaveNoDiagnostics()
    {
        AssertClean(build);
        Assert.Multiple(() =>
        {
            Assert.That(Path.Combine(outputDirectory, "templates", "main.json"), Does.Exist);
            Assert.That(Path.Combine(outputDirectory, "templates", "modules", "sentinel-roles.json"), Does.Exist);
        });
    }

    [Test]
    public void Lint_TemplatesAndParameters_HaveNoDiagnostics()
    {
        AssertClean(lint);
    }

    [Test]
    public async Task BuildParams_WithKey_IsClean()
    {
        AssertClean(buildParameters);
        string parameters = await File.ReadAllTextAsync(Path.Combine(outputDirectory, "parameters", "main.json"));
        Assert.That(parameters, Does.Contain("placeholder-threatfox-key"));
    }

    [Test]
    public async Task BuildParams_WithoutKey_FailsNamingVariable()
    {
        BicepResult result = await BicepCli.RunAsync(["build-params", Parameters, "--outdir", Path.Combine(outputDirectory, "no-key")]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.Diagnostics, Has.Some.Contains("THREATFOX_AUTH_KEY"));
        });
    }

    [Test]
    public async Task CompiledTemplate_SetsEveryRequiredSettingAndRole()
    {
        string template = await File.ReadAllTextAsync(Path.Combine(outputDirectory, "templates", "main.json"));

        string[] expected =
        [
            "FeedSync__Functions__Schedule", "FeedSync__Functions__DryRun",
            "FeedSync__Sentinel__SubscriptionId", "FeedSync__Sentinel__ResourceGroup", "FeedSync__Sentinel__WorkspaceName",
            "FeedSync__Sentinel__WorkspaceId", "FeedSync__Sentinel__Cloud", "FeedSync__Sentinel__ManagedIdentityClientId",
            "FeedSync__ThreatFox__ApiKey", "@Microsoft.KeyVault(SecretUri=",
            "FeedSync__Ingestion__Days", "FeedSync__Ingestion__MinConfidence", "FeedSync__Ingestion__Families",
            "FeedSync__Ingestion__Kinds", "FeedSync__Ingestion__ThreatTypes", "FeedSync__Hunting__Families",
            "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__tableServiceUri", "AzureWebJobsStorage__credential",
            "APPLICATIONINSIGHTS_CONNECTION_STRING", "AZURE_CLIENT_ID", "keyVaultReferenceIdentity",
            "ab8e14d6-4a74-4a29-9ba8-549422addade", "73c42c96-874c-492b-b04d-ab87d138a893", "4633458b-17de-408a-b874-0445c86b69e6",
            "FlexConsumption", "dotnet-isolated", "\"enableRbacAuthorization\": true", "\"allowSharedKeyAccess\": false",
        ];
        Assert.Multiple(() =>
        {
            foreach (string text in expected)
            {
                Assert.That(template, Does.Contain(text));
            }
        });
    }

    private static void AssertClean(BicepResult result)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics, Is.Empty, string.Join(Environment.NewLine, result.Diagnostics));
            Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        });
    }
}
