package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/slopgui/slopgui/internal/ctl"
)

const descAsk = "Ask the user a question in the slopgui window and wait for the answer (a human in the loop): a modal shows " +
	"your name and PID, the question, and one button per choice, or a text field when there are no choices. The call blocks until " +
	"the user answers, dismisses the question, or timeout_seconds pass (default: no limit). Returns answered with the answer " +
	"(the choice clicked, or the text typed), or dismissed, or timed_out. Several questions queue and are shown one at a time. " +
	"Never needs approval; the question and the answer are logged in the Hot Reload panel."

// AskIn is ask_user's input.
type AskIn struct {
	Question       string   `json:"question" jsonschema:"the question to show the user"`
	Choices        []string `json:"choices,omitempty" jsonschema:"the answers offered, one button each; empty: the user types the answer"`
	TimeoutSeconds int      `json:"timeout_seconds,omitempty" jsonschema:"give up after this many seconds (default: wait until answered)"`
}

// Asked is ask_user's result.
type Asked struct {
	Answered  bool   `json:"answered"`
	Answer    string `json:"answer,omitempty"`
	Dismissed bool   `json:"dismissed,omitempty"`
	TimedOut  bool   `json:"timed_out,omitempty"`
	Message   string `json:"message,omitempty"`
}

func addAsk(s *mcp.Server, call caller) {
	mcp.AddTool(s, &mcp.Tool{Name: "ask_user", Description: descAsk}, func(ctx context.Context, _ *mcp.CallToolRequest, in AskIn) (*mcp.CallToolResult, Asked, error) {
		if in.Question == "" {
			return nil, Asked{}, errors.New("question is empty")
		}
		req := ctl.WithChoices(ctl.Request{Op: ctl.OpAsk, Text: in.Question}, in.Choices)
		if in.TimeoutSeconds > 0 {
			req.TimeoutMs = (time.Duration(in.TimeoutSeconds) * time.Second).Milliseconds()
		}
		resp, err := call(ctx, req)
		if err != nil {
			return nil, Asked{}, fmt.Errorf("slopgui is not reachable: %w", err)
		}
		switch resp.Code {
		case ctl.ExitOK:
			if resp.Answer == nil {
				return nil, Asked{}, errors.New("slopgui answered without the user's answer")
			}
			return nil, Asked{Answered: true, Answer: *resp.Answer}, nil
		case ctl.ExitDismissed:
			return nil, Asked{Dismissed: true, Message: resp.Error}, nil
		case ctl.ExitTimeout:
			return nil, Asked{TimedOut: true, Message: resp.Error}, nil
		}
		return nil, Asked{}, errors.New(resp.Error)
	})
}
