package llm

import (
	"fmt"
	"strings"
	"testing"
)

func TestReadSSE(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     string // the events, name=data, joined by |
	}{
		{"one", "data: {}\n\n", "={}"},
		{"named", "event: ping\ndata: x\n\n", "ping=x"},
		{"crlf and no space", "event:a\r\ndata:x\r\n\r\n", "a=x"},
		{"multi-line data", "data: a\ndata: b\n\n", "=a\nb"},
		{"comments and ids ignored", ": keepalive\nid: 7\ndata: x\n\n", "=x"},
		{"blank lines alone deliver nothing", "\n\n\ndata: x\n\n", "=x"},
		{"an event without its blank line is dropped", "data: x\n\ndata: y\n", "=x"},
		{"a truncated line is dropped", "data: x\n\ndata: {\"trunc", "=x"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			err := readSSE(strings.NewReader(c.in), func(name, data string) error {
				got = append(got, name+"="+data)
				return nil
			})
			if err != nil || strings.Join(got, "|") != c.want {
				t.Fatalf("events %q, err %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestReadSSEStops(t *testing.T) {
	n := 0
	err := readSSE(strings.NewReader("data: 1\n\ndata: 2\n\ndata: 3\n\n"), func(_, d string) error {
		n++
		if d == "2" {
			return errStop
		}
		return nil
	})
	if err != nil || n != 2 {
		t.Fatalf("%d events, err %v", n, err)
	}
	boom := fmt.Errorf("boom")
	if err := readSSE(strings.NewReader("data: 1\n\n"), func(string, string) error { return boom }); err != boom {
		t.Fatalf("err %v, want the callback's", err)
	}
}
