// Command chiso is Chỉ Số: with no arguments it opens the desktop app on the
// default database; with a sync package or an office file (as Windows
// passes a double-clicked file) it opens the app and offers to read it;
// with a sub-command it works on the command line, without a display (run
// "chiso help").
package main

import (
	"os"

	// First of all: keeps Fyne's start-up quiet under LANG=C.UTF-8.
	_ "chiso/cmd/chiso/internal/posixlocale"

	"chiso/app"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && !app.CanOpen(args[0]) {
		done := attachConsole()
		code := runCLI(args, os.Stdout, os.Stderr)
		done()
		os.Exit(code)
	}
	if err := app.Run(args...); err != nil {
		showFatal(err)
		os.Exit(1)
	}
}
