// Grants the Functions app's managed identity its roles on the existing Sentinel workspace. Deployed into
// the workspace's resource group, which may differ from the app's.

@description('Name of the existing Log Analytics workspace that Microsoft Sentinel runs on.')
param workspaceName string

@description('Principal (object) id of the managed identity that receives the roles.')
param principalId string

// Built-in role definition ids, the same in every Azure cloud.
var roleDefinitionIds = {
  microsoftSentinelContributor: 'ab8e14d6-4a74-4a29-9ba8-549422addade'
  logAnalyticsReader: '73c42c96-874c-492b-b04d-ab87d138a893'
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roleDefinitionIds): {
    name: guid(workspace.id, principalId, role.value)
    scope: workspace
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

@description('The workspace id (customer id) that Log Analytics queries address.')
output workspaceCustomerId string = workspace.properties.customerId
