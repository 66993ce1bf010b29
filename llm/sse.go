package llm

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// errIncomplete ends a stream that closed without the provider's end
// marker (OpenAI's finish_reason or [DONE], Anthropic's message_stop,
// Gemini's finishReason): the answer may be cut short, so it is a network
// failure to retry, never a complete answer.
var errIncomplete = fmt.Errorf("the stream ended before the answer was complete: %w", io.ErrUnexpectedEOF)

// errStop, returned by a readSSE callback, ends the stream without error.
var errStop = errors.New("stop")

// readSSE reads server-sent events from r and calls fn with each event's
// name and data (its data lines joined by newlines). An event is
// delivered only when the blank line that ends it has arrived: a
// truncated last event is dropped. It returns fn's error, the reader's,
// or nil at the end of r.
func readSSE(r io.Reader, fn func(name, data string) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var name string
	var data []string
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			if err == io.EOF {
				return nil // a line without its newline is a cut event
			}
			return err
		}
		line = strings.TrimRight(line, "\r\n")
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch {
		case line == "":
			if len(data) > 0 {
				if err := fn(name, strings.Join(data, "\n")); err != nil {
					if err == errStop {
						return nil
					}
					return err
				}
			}
			name, data = "", nil
		case field == "event":
			name = value
		case field == "data":
			data = append(data, value)
		}
	}
}

// send makes one JSON request (a GET when body is nil) and returns the
// response when it is a 2xx; the caller closes its body. Other statuses
// are errors that classify groups by the status the recorder saw.
func send(ctx context.Context, hc *http.Client, method, url string, header http.Header, body any) (*http.Response, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return nil, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		resp.Body.Close()
		return nil, fmt.Errorf("HTTP %d from %s", resp.StatusCode, req.URL.Redacted())
	}
	return resp, nil
}

// getJSON GETs url and decodes the JSON answer into v.
func getJSON(ctx context.Context, hc *http.Client, url string, header http.Header, v any) error {
	resp, err := send(ctx, hc, http.MethodGet, url, header, nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("reading the answer from %s: %w", url, err)
	}
	return nil
}

// streamError is an error the provider reported inside a stream that
// began well (an overload, a rate limit): it failed mid-answer.
func streamError(cfg Config, msg json.RawMessage) error {
	kind := KindServer
	if m := string(msg); strings.Contains(m, "rate_limit") || strings.Contains(m, "RESOURCE_EXHAUSTED") {
		kind = KindRateLimit
	}
	detail := serverMessage([]byte(`{"error":` + string(msg) + `}`))
	return &Error{Kind: kind, Provider: cfg.Provider, KeyVar: cfg.KeyVar, Detail: clip(Redact(detail, cfg.APIKey), 300)}
}
