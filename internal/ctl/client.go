package ctl

import (
	"bufio"
	"context"
	"fmt"
	"net"
)

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
