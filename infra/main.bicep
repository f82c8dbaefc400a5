// FeedSync in Azure: a Linux Function App on the Flex Consumption plan (.NET isolated), its storage
// account, Application Insights with a Log Analytics workspace, a Key Vault that holds the ThreatFox key,
// and a user-assigned managed identity with roles on the existing Microsoft Sentinel workspace.

@description('Region of every new resource. Flex Consumption runs in a subset of regions: az functionapp list-flexconsumption-locations.')
param location string = resourceGroup().location

@description('Lowercase letters and digits that start every resource name.')
@minLength(3)
@maxLength(11)
param namePrefix string = 'feedsync'

@description('Name of the existing Log Analytics workspace that Microsoft Sentinel runs on.')
param sentinelWorkspaceName string

@description('Resource group of the Sentinel workspace. Default: the resource group of this deployment.')
param sentinelResourceGroup string = resourceGroup().name

@description('Subscription id of the Sentinel workspace. Default: the subscription of this deployment.')
param sentinelSubscriptionId string = subscription().subscriptionId

@description('Azure cloud of the Sentinel workspace, which sets the ARM, Log Analytics and sign-in endpoints.')
@allowed(['AzurePublicCloud', 'AzureUSGovernment', 'AzureChina'])
param sentinelCloud string = 'AzurePublicCloud'

@description('ThreatFox Auth-Key. It is stored as a Key Vault secret and reaches the app through a Key Vault reference.')
@secure()
param threatFoxAuthKey string

@description('Six-field NCRONTAB schedule (second minute hour day month day-of-week) of the SyncTimer function, in UTC.')
param syncSchedule string = '0 0 * * * *'

@description('When true, timer runs compute and record the plan without writing to Sentinel.')
param syncDryRun bool = false

@description('How many days back each run reads the ThreatFox feed (FeedSync:Ingestion:Days).')
@minValue(1)
@maxValue(7)
param ingestionDays int = 1

@description('Malware families (ThreatFox id, name or alias) that runs keep; empty keeps every family.')
param ingestionFamilies string[] = []

@description('Indicator kinds that runs keep, such as Ip, Domain, Url, Md5, Sha1, Sha256; empty keeps every kind.')
param ingestionKinds string[] = []

@description('ThreatFox threat types that runs keep, such as botnet_cc or payload_delivery; empty keeps every type.')
param ingestionThreatTypes string[] = []

@description('Lowest ThreatFox confidence level, 0 to 100, that runs keep; null keeps every level.')
@minValue(0)
@maxValue(100)
param ingestionMinConfidence int?

@description('Malware families that get their own hunting queries (FeedSync:Hunting:Families); empty publishes the feed-wide queries only.')
param huntingFamilies string[] = []

@description('More app settings by name, for the options without a parameter here (FeedSync__Sync__RemovalThresholdPercent and the rest, listed in docs/deploy.md). They override the settings above.')
param extraAppSettings object = {}

@description('The most instances the app scales out to; a sync runs on one instance at a time.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Days that the app\'s own Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Tags for every new resource.')
param tags object = {}

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageAccountName = take(toLower('${namePrefix}${suffix}'), 24)
var keyVaultName = take('kv-${namePrefix}-${suffix}', 24)
var functionAppName = 'func-${namePrefix}-${suffix}'
var deploymentContainerName = 'app-package'
var threatFoxSecretName = 'threatfox-auth-key'

// Built-in role definition ids, the same in every Azure cloud.
var storageRoleDefinitionIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${namePrefix}-${suffix}'
  location: location
  tags: tags
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${namePrefix}-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${namePrefix}-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(storageRoleDefinitionIds): {
    name: guid(storage.id, identity.id, role.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource threatFoxSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: threatFoxSecretName
  properties: {
    value: threatFoxAuthKey
    contentType: 'ThreatFox Auth-Key'
  }
}

// Read access to this one secret only.
resource threatFoxSecretReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(threatFoxSecret.id, identity.id, keyVaultSecretsUserRoleId)
  scope: threatFoxSecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

module sentinelRoles 'modules/sentinel-roles.bicep' = {
  name: 'feedsync-sentinel-roles'
  scope: resourceGroup(sentinelSubscriptionId, sentinelResourceGroup)
  params: {
    workspaceName: sentinelWorkspaceName
    principalId: identity.properties.principalId
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${namePrefix}-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

// A list option binds from one app setting per element: Section__Name__0, Section__Name__1, ...
func listSettings(name string, values string[]) object =>
  toObject(range(0, length(values)), index => '${name}__${index}', index => values[index])

// The FeedSync options the parameters set; extraAppSettings adds the rest or overrides these.
var feedSyncSettings = union(
  {
    FeedSync__Functions__Schedule: syncSchedule
    FeedSync__Functions__DryRun: string(syncDryRun)
    FeedSync__Sentinel__SubscriptionId: sentinelSubscriptionId
    FeedSync__Sentinel__ResourceGroup: sentinelResourceGroup
    FeedSync__Sentinel__WorkspaceName: sentinelWorkspaceName
    FeedSync__Sentinel__WorkspaceId: sentinelRoles.outputs.workspaceCustomerId
    FeedSync__Sentinel__Cloud: sentinelCloud
    FeedSync__Sentinel__ManagedIdentityClientId: identity.properties.clientId
    FeedSync__ThreatFox__ApiKey: '@Microsoft.KeyVault(SecretUri=${threatFoxSecret.properties.secretUri})'
    FeedSync__Ingestion__Days: string(ingestionDays)
  },
  ingestionMinConfidence == null ? {} : { FeedSync__Ingestion__MinConfidence: string(ingestionMinConfidence) },
  listSettings('FeedSync__Ingestion__Families', ingestionFamilies),
  listSettings('FeedSync__Ingestion__Kinds', ingestionKinds),
  listSettings('FeedSync__Ingestion__ThreatTypes', ingestionThreatTypes),
  listSettings('FeedSync__Hunting__Families', huntingFamilies)
)

// The host and the app reach storage with the managed identity; the account allows no shared keys.
var hostSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  // DefaultAzureCredential uses the user-assigned identity with this client id for ARM and Log Analytics.
  AZURE_CLIENT_ID: identity.properties.clientId
}

var appSettings = union(hostSettings, feedSyncSettings, extraAppSettings)

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: map(items(appSettings), setting => {
        name: setting.key
        value: string(setting.value)
      })
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
  dependsOn: [
    deploymentContainer
    storageRoleAssignments
    threatFoxSecretReader
  ]
}

@description('Name of the Function App, for az functionapp commands.')
output functionAppName string = functionApp.name

@description('Base URL of the HTTP functions.')
output functionAppUrl string = 'https://${functionApp.properties.defaultHostName}/api'

@description('Client id of the managed identity that reads and writes the Sentinel workspace.')
output managedIdentityClientId string = identity.properties.clientId

@description('Name of the Key Vault that holds the ThreatFox key.')
output keyVaultName string = keyVault.name
