using './main.bicep'

// Replace the workspace settings with your own. The ThreatFox key comes from the environment, so that it
// is never written to a file: export THREATFOX_AUTH_KEY before deploying.
param namePrefix = 'feedsync'
param sentinelWorkspaceName = 'law-sentinel'
param sentinelResourceGroup = 'rg-sentinel'
param threatFoxAuthKey = readEnvironmentVariable('THREATFOX_AUTH_KEY')
param syncSchedule = '0 0 * * * *'
param syncDryRun = false
param ingestionDays = 1
param ingestionFamilies = []
param huntingFamilies = []
