// Command chiso is Chỉ Số: with no arguments it opens the desktop app on the
// default database; with a sub-command it works on the command line,
// without a display (run "chiso help").
package main

import (
	"fmt"
	"os"

	"chiso/app"
)

func main() {
	if len(os.Args) > 1 {
		os.Exit(runCLI(os.Args[1:], os.Stdout, os.Stderr))
	}
	if err := app.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "chiso:", err)
		os.Exit(1)
	}
}
