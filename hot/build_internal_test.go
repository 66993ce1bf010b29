package hot

import "testing"

func TestCompilerOutput(t *testing.T) {
	const mod = "example.com/m"
	tests := []struct {
		name, in, want string
	}{
		{
			"dependency warnings dropped",
			"# github.com/dep/cgo\nwarning: noise\n  | more noise\n# example.com/m/views\n./views/a.go:3:1: syntax error\n",
			"# example.com/m/views\n./views/a.go:3:1: syntax error\n",
		},
		{
			"only the module's output",
			"# example.com/m/views\n./views/a.go:3:1: x\n",
			"# example.com/m/views\n./views/a.go:3:1: x\n",
		},
		{
			"no block of the module: keep all",
			"# github.com/dep/cgo\nfatal error: foo.h: No such file\n",
			"# github.com/dep/cgo\nfatal error: foo.h: No such file\n",
		},
		{
			"leading lines without a header are kept",
			"go: some toolchain message\n# example.com/m\n./a.go:1:1: y\n",
			"go: some toolchain message\n# example.com/m\n./a.go:1:1: y\n",
		},
		{"not a prefix match", "# example.com/mx\nz\n", "# example.com/mx\nz\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := compilerOutput(tc.in, mod); got != tc.want {
				t.Fatalf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}
