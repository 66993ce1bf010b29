package undohost

// SetMaxBytes lowers the memory bound of trackers Reset from now on, and
// returns what puts it back.
func SetMaxBytes(n int) (restore func()) {
	old := maxBytes
	maxBytes = n
	return func() { maxBytes = old }
}
