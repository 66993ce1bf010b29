package llm

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxRecorded bounds the request body kept for the comms history.
const maxRecorded = 256 << 10

// recorder is an http.RoundTripper that remembers the last request's body
// and the response's status and Retry-After, so every provider's errors
// are classified alike and its payload can be shown. It never records
// headers (they carry the key).
type recorder struct {
	cfg  Config
	next http.RoundTripper

	mu         sync.Mutex
	body       []byte
	status     int
	retryAfter time.Duration
	errBody    []byte // the start of a non-2xx response body
}

func newRecorder(cfg Config) *recorder {
	next := cfg.Transport
	if next == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.ResponseHeaderTimeout = cfg.HeaderTimeout
		t.DialContext = (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext
		next = t
	}
	return &recorder{cfg: cfg, next: next}
}

func (r *recorder) client() *http.Client { return &http.Client{Transport: r} }

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil && req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			b, _ := io.ReadAll(io.LimitReader(body, maxRecorded))
			body.Close()
			r.mu.Lock()
			r.body = b
			r.mu.Unlock()
		}
	}
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.status = resp.StatusCode
	r.retryAfter = parseRetryAfter(resp.Header, time.Now())
	r.mu.Unlock()
	if resp.StatusCode >= 300 {
		// Keep the start of the error body and hand the client all of it.
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(b))
		r.mu.Lock()
		r.errBody = b
		r.mu.Unlock()
	}
	return resp, nil
}

// exchange is what was recorded, keys redacted.
func (r *recorder) exchange(latency time.Duration) Exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Exchange{RequestJSON: Redact(string(r.body), r.cfg.APIKey), Status: r.status, Latency: latency}
}

// parseRetryAfter reads Retry-After (seconds or an HTTP date), or the
// rate-limit reset headers some servers send instead; 0 when absent.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
			return time.Duration(s * float64(time.Second))
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now), 0)
		}
	}
	if v := h.Get("Retry-After-Ms"); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	return 0
}

// Redact replaces every occurrence of each non-empty secret in s.
func Redact(s string, secrets ...string) string {
	for _, k := range secrets {
		if len(k) >= 4 {
			s = strings.ReplaceAll(s, k, "[redacted]")
		}
	}
	return s
}
