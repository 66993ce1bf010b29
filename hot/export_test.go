package hot

import "time"

// Test-only access to internals, for the external hot_test package.

// SettingsFrom is settingsFrom.
var SettingsFrom = settingsFrom

// FilesHashed is how many source files fingerprints have read so far.
func FilesHashed() int64 { return filesHashed.Load() }

// SetFingerprintClock sets the clock that judges whether a file changed
// too recently for its identity to be trusted, until restore is called.
func SetFingerprintClock(now func() time.Time) (restore func()) {
	old := fingerprintNow
	fingerprintNow = now
	return func() { fingerprintNow = old }
}

// ToolchainAsked is how many times CheckToolchain ran go env GOVERSION.
func ToolchainAsked() int64 { return toolchainAsked.Load() }
