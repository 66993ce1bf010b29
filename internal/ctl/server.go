package ctl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync"
	"time"
)

// Handler answers requests. It runs on the connection's goroutine, never
// on the render thread; ctx ends when the client goes away.
type Handler interface {
	Handle(ctx context.Context, peer Peer, req Request) Response
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, peer Peer, req Request) Response

// Handle calls f.
func (f HandlerFunc) Handle(ctx context.Context, peer Peer, req Request) Response {
	return f(ctx, peer, req)
}

var _ Handler = HandlerFunc(nil)

// Server accepts control connections on a Unix socket, one goroutine per
// connection. Connections from another user are refused and logged.
type Server struct {
	Handler Handler
	Log     *slog.Logger
	// UID is the user allowed to connect; this process's when negative
	// is not wanted (tests set it).
	UID int
	// MaxConns is how many connections are served at once (64 when
	// zero); the excess is answered with a refusal and closed.
	MaxConns int
	// Watch is what watch connections stream; nil refuses them.
	Watch *Watch

	ln   *net.UnixListener
	quit chan struct{} // closed by Close
	// refused counts the connections refused over MaxConns (accept
	// loop only).
	refused int
	wg      sync.WaitGroup
	mu      sync.Mutex
	cons    map[net.Conn]bool
	done    bool
	// watching are the connections streaming events: Close lets them
	// write what is queued (a restart's event) before they end.
	watching map[net.Conn]bool
}

// NewServer returns a server for this process's user.
func NewServer(h Handler, log *slog.Logger) *Server {
	if log == nil {
		log = slog.Default()
	}
	return &Server{Handler: h, Log: log, UID: os.Getuid(), cons: map[net.Conn]bool{}, quit: make(chan struct{})}
}

func (s *Server) maxConns() int {
	if s.MaxConns > 0 {
		return s.MaxConns
	}
	return 64
}

// Serve accepts connections until Close. An accept error (too many
// open files, say) is logged and retried after a pause, never fatal.
func (s *Server) Serve(ln *net.UnixListener) error {
	s.mu.Lock()
	s.ln = ln
	if s.done { // closed before it started
		s.mu.Unlock()
		return ln.Close()
	}
	s.mu.Unlock()
	return s.acceptLoop(ln.AcceptUnix)
}

func (s *Server) acceptLoop(accept func() (*net.UnixConn, error)) error {
	var pause time.Duration
	for {
		c, err := accept()
		if err != nil {
			s.mu.Lock()
			done := s.done
			s.mu.Unlock()
			if done {
				return nil
			}
			if errors.Is(err, net.ErrClosed) {
				return fmt.Errorf("ctl: accept: %w", err)
			}
			// Back off as net/http does: 5 ms doubling to 1 s.
			pause = min(max(2*pause, 5*time.Millisecond), time.Second)
			s.Log.Warn("ctl: accept failed; retrying", "err", err, "retry_in", pause)
			select {
			case <-time.After(pause):
			case <-s.quit:
				return nil
			}
			continue
		}
		pause = 0
		s.mu.Lock()
		if s.done {
			s.mu.Unlock()
			c.Close()
			return nil
		}
		if len(s.cons) >= s.maxConns() {
			n := len(s.cons)
			s.mu.Unlock()
			s.refuseBusy(c, n)
			continue
		}
		s.cons[c] = true
		s.wg.Add(1)
		s.mu.Unlock()
		go s.serve(c)
	}
}

// refuseBusy answers a connection over the cap and closes it. The
// answer fits the socket's buffer, so the write does not wait; the
// client reads it even after the close.
func (s *Server) refuseBusy(c *net.UnixConn, open int) {
	c.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
	WriteMsg(c, Response{Code: ExitUsage, Error: fmt.Sprintf(
		"refused: this slopgui (PID %d) already serves %d control connections, its limit; retry when some have closed", os.Getpid(), open)})
	c.Close()
	if s.refused++; s.refused%100 == 1 { // not one line per connection of a flood
		s.Log.Warn("ctl: refused connections over the limit", "open", open, "refused_so_far", s.refused)
	}
}

// Close stops accepting, closes open connections and waits for their
// goroutines.
func (s *Server) Close() error {
	s.mu.Lock()
	if !s.done && s.quit != nil {
		close(s.quit)
	}
	s.done = true
	var err error
	if s.ln != nil {
		err = s.ln.Close()
	}
	for c := range s.cons {
		if s.watching[c] {
			c.SetWriteDeadline(time.Now().Add(time.Second))
			continue
		}
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}

func (s *Server) serve(c *net.UnixConn) {
	defer s.wg.Done()
	defer func() {
		c.Close()
		s.mu.Lock()
		delete(s.cons, c)
		delete(s.watching, c)
		s.mu.Unlock()
	}()
	peer, err := PeerOf(c)
	if err != nil {
		s.Log.Warn("ctl: refused a connection whose peer is unknown", "err", err)
		return
	}
	if peer.UID != s.UID {
		s.Log.Warn("ctl: refused a connection from another user", "peer_uid", peer.UID, "peer_pid", peer.PID, "peer", peer.Name, "uid", s.UID)
		// Take (and ignore) its request first, so that it reads the
		// refusal instead of a broken pipe.
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		ReadRequest(bufio.NewReader(c))
		c.SetWriteDeadline(time.Now().Add(2 * time.Second))
		WriteMsg(c, Response{Code: ExitUsage, Error: fmt.Sprintf(
			"refused: this slopgui (PID %d) takes control connections only from its own user (uid %d); you are uid %d",
			os.Getpid(), s.UID, peer.UID)})
		return
	}
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(c)
	req, err := ReadRequest(r)
	if err != nil {
		c.SetWriteDeadline(time.Now().Add(2 * time.Second))
		WriteMsg(c, Response{Code: ExitUsage, Error: err.Error()})
		return
	}
	c.SetReadDeadline(time.Time{})
	// The client sends nothing more: a read that returns means it left.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		var b [1]byte
		c.Read(b[:])
		cancel()
	}()
	if req.Op == OpWatch {
		s.mu.Lock()
		if s.watching == nil {
			s.watching = map[net.Conn]bool{}
		}
		s.watching[c] = !s.done
		s.mu.Unlock()
		s.serveWatch(ctx, c, req)
		return
	}
	resp := s.Handler.Handle(ctx, peer, req)
	c.SetWriteDeadline(time.Now().Add(30 * time.Second))
	if err := WriteMsg(c, resp); err != nil && ctx.Err() == nil {
		s.Log.Warn("ctl: writing a response failed", "op", req.Op, "peer", peer.String(), "err", err)
	}
}
