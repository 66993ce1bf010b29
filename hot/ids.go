package hot

// Plugin build numbers across processes. A build's packages get their
// import path from its number (hotgen/bN/…), and a process cannot load two
// different packages with one path; so a process that loads a plugin kept
// from an earlier process (a hot restart, a crash restart) must number its
// own builds above that plugin's.

// ReserveBuildIDs makes every later build number in this process greater
// than n.
func ReserveBuildIDs(n int) {
	for {
		cur := buildCounter.Load()
		if cur >= int64(n) || buildCounter.CompareAndSwap(cur, int64(n)) {
			return
		}
	}
}

// LastBuildID is the highest build number this process has used (or
// reserved).
func LastBuildID() int { return int(buildCounter.Load()) }
