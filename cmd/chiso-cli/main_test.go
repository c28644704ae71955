package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestRun builds chiso-cli into a folder (with Vietnamese letters and a
// space) beside a stand-in chiso that prints its arguments and exits with
// status 3, and checks that both pass through.
func TestRun(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in chiso is a shell script")
	}
	dir := filepath.Join(t.TempDir(), "Tài liệu A")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cli := filepath.Join(dir, "chiso-cli")
	if out, err := exec.Command("go", "build", "-o", cli, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	script := "#!/bin/sh\nprintf '%s|' \"$@\"\necho 'lỗi: thử' >&2\nexit 3\n"
	if err := os.WriteFile(filepath.Join(dir, "chiso"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(cli, "values", "--area", "Hạ Long", "--period", "2024")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	exit, ok := err.(*exec.ExitError)
	if !ok || exit.ExitCode() != 3 {
		t.Fatalf("exit = %v, want status 3", err)
	}
	if got, want := stdout.String(), "values|--area|Hạ Long|--period|2024|"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	if got := stderr.String(); got != "lỗi: thử\n" {
		t.Errorf("stderr = %q", got)
	}
}
