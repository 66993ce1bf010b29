package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Kind classifies a failure by what the user can do about it.
type Kind int

// The kinds of failure.
const (
	KindOther      Kind = iota
	KindAuth            // 401/403: the key is missing or wrong
	KindRateLimit       // 429: wait RetryAfter
	KindServer          // 5xx: the provider failed; try again later
	KindNetwork         // no connection, or it broke mid-answer
	KindTimeout         // no answer in time
	KindCanceled        // the user stopped it
	KindBadRequest      // another 4xx: the request (model name…) is wrong
)

func (k Kind) String() string {
	return [...]string{"error", "auth", "rate limit", "server error", "network", "timeout", "cancelled", "bad request"}[k]
}

// Error is a classified provider failure. Its text says what happened and
// what to do, and never contains the API key.
type Error struct {
	Kind       Kind
	Provider   string
	Status     int           // HTTP status, 0 when none came
	RetryAfter time.Duration // KindRateLimit: how long the server asks to wait (0: not said)
	KeyVar     string        // KindAuth: the environment variable of the key
	Detail     string        // the server's or transport's own words, redacted
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Provider + ": ")
	switch e.Kind {
	case KindAuth:
		fmt.Fprintf(&b, "the API key was refused (HTTP %d): set %s to a valid key, or put it in the credentials file", e.Status, e.KeyVar)
	case KindRateLimit:
		if e.RetryAfter > 0 {
			fmt.Fprintf(&b, "rate limited (HTTP 429): retry after %d s", e.RetrySeconds())
		} else {
			b.WriteString("rate limited (HTTP 429): wait a little and retry")
		}
	case KindServer:
		if e.Status > 0 {
			fmt.Fprintf(&b, "the provider failed (HTTP %d)", e.Status)
		} else {
			b.WriteString("the provider failed mid-answer")
		}
		b.WriteString(": retry in a moment; if it persists, check the provider's status page")
	case KindNetwork:
		b.WriteString("network error: check that the server is running and the base URL is right, and your connection")
	case KindTimeout:
		b.WriteString("timed out waiting for the answer: the server may be overloaded or the model still loading; retry")
	case KindCanceled:
		b.WriteString("stopped")
	case KindBadRequest:
		fmt.Fprintf(&b, "the request was refused (HTTP %d): check the model name and settings", e.Status)
	default:
		b.WriteString("request failed")
	}
	if e.Detail != "" && e.Kind != KindCanceled {
		b.WriteString(" (" + e.Detail + ")")
	}
	return b.String()
}

// RetrySeconds is RetryAfter in whole seconds, rounded up.
func (e *Error) RetrySeconds() int {
	return int((e.RetryAfter + time.Second - 1) / time.Second)
}

// AsError returns err's *Error, if it has one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// classify turns a client or transport error into an *Error, using what the
// recorder saw on the wire (status, Retry-After, error body).
func classify(err error, cfg Config, rec *recorder) *Error {
	if e, ok := AsError(err); ok {
		return e
	}
	e := &Error{Provider: cfg.Provider, KeyVar: cfg.KeyVar}
	status, retry, body := 0, time.Duration(0), []byte(nil)
	if rec != nil {
		rec.mu.Lock()
		status, retry, body = rec.status, rec.retryAfter, rec.errBody
		rec.mu.Unlock()
	}
	switch {
	case errors.Is(err, context.Canceled):
		e.Kind = KindCanceled
		return e
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		e.Kind = KindTimeout
	case status >= 400:
		e.Status = status
		switch {
		case status == 401 || status == 403:
			e.Kind = KindAuth
		case status == 429:
			e.Kind, e.RetryAfter = KindRateLimit, retry
		case status >= 500:
			e.Kind = KindServer
		default:
			e.Kind = KindBadRequest
		}
		e.Detail = serverMessage(body)
	case isNetwork(err):
		e.Kind = KindNetwork
	default:
		e.Kind = KindOther
	}
	if e.Detail == "" {
		e.Detail = err.Error()
	}
	e.Detail = clip(Redact(e.Detail, cfg.APIKey), 300)
	return e
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isNetwork(err error) bool {
	var ue *url.Error
	var oe *net.OpError
	return errors.As(err, &ue) || errors.As(err, &oe) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, io.EOF) || strings.Contains(err.Error(), "unexpected EOF")
}

// serverMessage digs the message out of a JSON error body, or returns
// the body's start.
func serverMessage(body []byte) string {
	var v struct {
		Error any `json:"error"`
	}
	if json.Unmarshal(body, &v) == nil {
		switch x := v.Error.(type) {
		case string:
			return x
		case map[string]any:
			if m, ok := x["message"].(string); ok {
				return m
			}
		}
	}
	var a []struct {
		Error struct{ Message string } `json:"error"`
	}
	if json.Unmarshal(body, &a) == nil && len(a) > 0 && a[0].Error.Message != "" {
		return a[0].Error.Message
	}
	return strings.TrimSpace(string(body))
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
