// Command chiso-cli is the console companion of chiso.exe on Windows. It
// runs chiso (chiso.exe) from its own folder with the same arguments and
// waits for it, so that cmd.exe, PowerShell and scripts wait for the
// command, see its output where it belongs and get its exit status.
//
// chiso.exe is a windowed program (a double-click opens no console): run
// from a console with a sub-command it prints there too, but shells do not
// wait for windowed programs.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run runs chiso beside this program with args and returns its exit status.
func run(args []string) int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "chiso-cli:", err)
		return 1
	}
	name := "chiso"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	cmd := exec.Command(filepath.Join(filepath.Dir(self), name), args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// Ctrl+C reaches chiso too (same console): wait for it to stop.
	signal.Ignore(os.Interrupt)
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		fmt.Fprintln(os.Stderr, "chiso-cli:", err)
		return 1
	}
	return 0
}
