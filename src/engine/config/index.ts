/** The config folder's front door: what other folders use of it. */
export { withDatasetLabel, withIgnoredFindings, withSensitiveColumn } from './configEdits';
export { datasetSettingPath, datasetSettingsFor } from './datasetSettings';
export { checkConfigText, findConfigFile, loadConfig, type LoadedConfig } from './load';
export { MAX_CONFIGURED_FILE_BYTES } from './paths';
export { anyPromptCheckEnabled } from './promptChecks';
export { effectiveSeverity, ignoredFingerprints, isCheckEnabled } from './rules';
