package llm

import "strings"

// ContextWindow is the number of tokens model takes, as far as slopgui
// knows it: from the model's name for well-known families, else a
// cautious 32,768 (local servers often run with small contexts).
func ContextWindow(model string) int {
	m := strings.ToLower(model)
	for _, w := range []struct {
		prefix string
		tokens int
	}{
		{"gpt-4.1", 1_047_576}, {"gpt-5", 400_000}, {"gpt-4o", 128_000}, {"gpt-4-turbo", 128_000},
		{"o1", 200_000}, {"o3", 200_000}, {"o4", 200_000}, {"gpt-4", 8_192}, {"gpt-3.5", 16_385},
		{"claude", 200_000}, {"gemini-1.5", 1_048_576}, {"gemini", 1_048_576},
		{"llama-3", 131_072}, {"llama3", 131_072}, {"qwen", 32_768}, {"mistral", 32_768},
	} {
		if strings.HasPrefix(m, w.prefix) {
			return w.tokens
		}
	}
	return 32_768
}

// EstimateTokens estimates the tokens of n bytes of text: about four
// bytes a token for English and code. Images count a flat 1,000.
func EstimateTokens(bytes int64, images int) int {
	return int((bytes+3)/4) + images*1000
}
