package ctl

import "net"

// ServeAccept runs the accept loop over accept instead of a listener.
func (s *Server) ServeAccept(accept func() (*net.UnixConn, error)) error {
	return s.acceptLoop(accept)
}

// GenDir is the generated packages' directory ctl maps back to sources.
const GenDir = genDir
