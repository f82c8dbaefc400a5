using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using FeedSync.Functions.Hosting;
using Microsoft.Extensions.Configuration;

namespace FeedSync.Functions.Storage;

/// <summary>
/// Creates clients for the app's storage account from the host's <c>AzureWebJobsStorage</c> setting: either
/// a connection string (<c>UseDevelopmentStorage=true</c> locally), or the identity-based form with
/// <c>AzureWebJobsStorage__blobServiceUri</c> and <c>AzureWebJobsStorage__tableServiceUri</c>, or
/// <c>AzureWebJobsStorage__accountName</c> for the public cloud. The identity-based form uses the registered
/// <see cref="TokenCredential"/>, else <see cref="DefaultAzureCredential"/> with the managed identity named by
/// <c>AzureWebJobsStorage__clientId</c>, as the host does.
/// </summary>
internal sealed class AppStorageClients(IConfiguration configuration, TokenCredential? registeredCredential)
{
    private readonly Lazy<TokenCredential> credential = new(() => registeredCredential ?? new DefaultAzureCredential(
        new DefaultAzureCredentialOptions { ManagedIdentityClientId = configuration[$"{AppSettingNames.Storage}:clientId"] }));

    public BlobContainerClient CreateBlobContainerClient(string containerName)
    {
        string? connectionString = ConnectionString;
        return connectionString is not null
            ? new BlobContainerClient(connectionString, containerName)
            : new BlobServiceClient(ServiceUri("blobServiceUri", "blob"), credential.Value).GetBlobContainerClient(containerName);
    }

    public TableClient CreateTableClient(string tableName)
    {
        string? connectionString = ConnectionString;
        return connectionString is not null
            ? new TableClient(connectionString, tableName)
            : new TableServiceClient(ServiceUri("tableServiceUri", "table"), credential.Value).GetTableClient(tableName);
    }

    /// <summary>Returns why the storage setting cannot be used, or null when it can.</summary>
    public static string? Validate(IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection(AppSettingNames.Storage);
        bool configured = !string.IsNullOrWhiteSpace(section.Value)
            || !string.IsNullOrWhiteSpace(section["accountName"])
            || (!string.IsNullOrWhiteSpace(section["blobServiceUri"]) && !string.IsNullOrWhiteSpace(section["tableServiceUri"]));
        return configured
            ? null
            : $"{AppSettingNames.Storage} is missing. Set it to the storage account's connection string " +
              "(UseDevelopmentStorage=true for Azurite), or set AzureWebJobsStorage__blobServiceUri and " +
              "AzureWebJobsStorage__tableServiceUri (or AzureWebJobsStorage__accountName) for an identity-based connection.";
    }

    private string? ConnectionString
    {
        get
        {
            string? value = configuration.GetSection(AppSettingNames.Storage).Value;
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }
    }

    private Uri ServiceUri(string uriSetting, string service)
    {
        IConfigurationSection section = configuration.GetSection(AppSettingNames.Storage);
        string? uri = section[uriSetting];
        if (!string.IsNullOrWhiteSpace(uri))
        {
            return new Uri(uri);
        }

        string? accountName = section["accountName"];
        if (!string.IsNullOrWhiteSpace(accountName))
        {
            return new Uri($"https://{accountName}.{service}.core.windows.net");
        }

        throw new InvalidOperationException(Validate(configuration) ?? $"AzureWebJobsStorage__{uriSetting} is missing.");
    }
}
