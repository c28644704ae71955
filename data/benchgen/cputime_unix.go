//go:build unix

package benchgen

import (
	"syscall"
	"time"
)

// CPUTime returns the CPU time the process has used so far (user and
// system): on a machine shared with other work, the steadier measure of
// what a benchmark costs than wall time.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
