package hot

// Test-only access to internals, for the external hot_test package.

// SettingsFrom is settingsFrom.
var SettingsFrom = settingsFrom
