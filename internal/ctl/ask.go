package ctl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slopgui/slopgui/internal/ask"
)

// OpAsk asks the user a question in the window and waits for the answer
// (`slopgui ctl ask`, MCP ask_user). Text is the question, Value the
// answers offered as a JSON array (empty: the user types one), TimeoutMs how long to wait
// (0: until answered or dismissed). It never asks for approval: the
// user is the one answering.
const OpAsk = "ask"

// Exit codes of `slopgui ctl ask` besides ExitOK (answered).
const (
	ExitDismissed = 4 // the user dismissed the question
	ExitTimeout   = 5 // no answer within --timeout
)

// ServeAsk serves OpAsk: the question waits in q (drawn by the host) and
// the answer is the response's Answer. The question and its outcome go in
// the action log (log may be nil). ctx ends when the client leaves, which
// withdraws the question.
func ServeAsk(ctx context.Context, q *ask.Queue, peer Peer, req Request, log func(peer Peer, what, result string)) Response {
	if strings.TrimSpace(req.Text) == "" {
		return Response{Code: ExitUsage, Error: "ask: the question is empty"}
	}
	choices, err := Choices(req)
	if err != nil {
		return Response{Code: ExitUsage, Error: "ask: " + err.Error()}
	}
	name, pid := Asker(peer)
	ans, err := q.Ask(ctx, ask.Question{Text: req.Text, Choices: choices, Asker: name, PID: pid}, req.Timeout(0))
	var resp Response
	switch {
	case err == nil:
		resp = Response{Message: ans, Answer: &ans}
	case errors.Is(err, ask.ErrDismissed):
		resp = Response{Code: ExitDismissed, Error: "the user dismissed the question without answering"}
	case errors.Is(err, ask.ErrTimeout):
		resp = Response{Code: ExitTimeout, Error: fmt.Sprintf("no answer from the user within %v", req.Timeout(0))}
	case ctx.Err() != nil:
		resp = Response{Code: ExitUsage, Error: "the question was withdrawn: " + err.Error()}
	default:
		resp = Response{Code: ExitUsage, Error: err.Error()}
	}
	if log != nil {
		what := fmt.Sprintf("ask %q", clip(req.Text, 200))
		if len(choices) > 0 {
			what += fmt.Sprintf(" (choices: %s)", strings.Join(choices, ", "))
		}
		res := "ok" // the panel shows results other than ok as refusals
		if err != nil {
			res = firstLine(resp.Error)
		} else {
			what += fmt.Sprintf(", answered %q", clip(ans, 200))
		}
		log(peer, what, res)
	}
	return resp
}

// Asker is who the user is told asks: the program that ran `slopgui ctl`
// or `slopgui mcp` (a coding agent), else the peer itself.
func Asker(p Peer) (string, int) {
	if p.Name == "slopgui" && p.ParentPID > 1 && p.ParentName != "" {
		return p.ParentName, p.ParentPID
	}
	return p.Name, p.PID
}

// askRequest reads `slopgui ctl ask QUESTION [--choices a,b] [--timeout D]`.
func askRequest(pos []string, choices string, timeout time.Duration) (Request, error) {
	req := Request{Op: OpAsk}
	var list []string
	if len(pos) != 1 || strings.TrimSpace(pos[0]) == "" {
		return req, errors.New(`wants the question: slopgui ctl ask "QUESTION" [--choices a,b,c] [--timeout D]`)
	}
	req.Text = pos[0]
	if choices != "" {
		for _, c := range strings.Split(choices, ",") {
			if c = strings.TrimSpace(c); c == "" {
				return req, fmt.Errorf("--choices %q has an empty choice", choices)
			}
			list = append(list, c)
		}
		req = WithChoices(req, list)
	}
	if timeout < 0 {
		return req, errors.New("--timeout is negative")
	}
	req.TimeoutMs = timeout.Milliseconds()
	return req, nil
}

// WithChoices sets an ask request's choices.
func WithChoices(req Request, choices []string) Request {
	req.Value = ""
	if len(choices) > 0 {
		b, _ := json.Marshal(choices) // strings always encode
		req.Value = string(b)
	}
	return req
}

// Choices reads an ask request's choices.
func Choices(req Request) ([]string, error) {
	if req.Value == "" {
		return nil, nil
	}
	var c []string
	if err := json.Unmarshal([]byte(req.Value), &c); err != nil {
		return nil, fmt.Errorf("the choices are not a JSON array of strings: %w", err)
	}
	for _, s := range c {
		if strings.TrimSpace(s) == "" {
			return nil, errors.New("a choice is empty")
		}
	}
	return c, nil
}
