//go:build !windows

package main

import (
	"fmt"
	"os"
)

// attachConsole does nothing outside Windows: the program has the
// terminal it was started from.
func attachConsole() (done func()) { return func() {} }

// showFatal tells why the app could not start.
func showFatal(err error) { fmt.Fprintln(os.Stderr, "chiso:", err) }
