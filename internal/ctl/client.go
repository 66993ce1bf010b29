package ctl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"time"
)

// DefaultTimeout bounds a request that has no timeout of its own
// (status, history, screenshot, state); one with a timeout (a reload with
// --wait, a rollback) gets that plus a minute.
var DefaultTimeout = 30 * time.Second

// Client talks to one running app.
type Client struct {
	// Path is the app's socket.
	Path string
}

// Dial finds the app (see Find) in the default directory.
func Dial(pid int) (*Client, error) {
	p, err := Find(Dir(), pid)
	if err != nil {
		return nil, err
	}
	return &Client{Path: p}, nil
}

// Call sends one request and reads the response. A cancelled ctx closes
// the connection (the app drops the request).
func (c *Client) Call(ctx context.Context, req Request) (Response, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "unix", c.Path)
	if err != nil {
		return Response{}, fmt.Errorf("connecting to slopgui at %s: %w", c.Path, err)
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	werr := WriteMsg(conn, req)
	resp, err := ReadResponse(bufio.NewReader(conn))
	if werr != nil && err != nil {
		// The app may have answered (a refusal) and closed before
		// reading: its answer says more than the write error.
		return Response{}, fmt.Errorf("sending to slopgui: %w", werr)
	}
	if err != nil {
		if ctx.Err() != nil {
			return Response{}, ctx.Err()
		}
		return Response{}, fmt.Errorf("reading slopgui's answer: %w (did it exit or restart?)", err)
	}
	return resp, nil
}

// Do is Call with a deadline (see DefaultTimeout); when it passes, the
// error says the app did not answer and what to do.
func (c *Client) Do(ctx context.Context, req Request) (Response, error) {
	limit := DefaultTimeout
	if req.TimeoutMs > 0 {
		limit = req.Timeout(0) + time.Minute
	}
	cctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	resp, err := c.Call(cctx, req)
	if err != nil && ctx.Err() == nil && errors.Is(cctx.Err(), context.DeadlineExceeded) {
		return Response{}, fmt.Errorf("slopgui at %s did not answer %q within %v: it may be stuck or busy; check its log, retry, or restart it", c.Path, req.Op, limit)
	}
	return resp, err
}
