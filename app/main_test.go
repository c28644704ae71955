package app

import (
	"fmt"
	"os"
	"testing"
)

// TestMain keeps the root keys the tests create in a folder of their own
// ($CHISO_KEY_DIR), never in the user's configuration folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "chiso-app-keys")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("CHISO_KEY_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
