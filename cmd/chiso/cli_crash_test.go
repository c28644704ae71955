//go:build unix

package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"chiso/data/store"
)

// TestKilledImportLosesNothing kills the CLI with SIGKILL in the middle of
// a large import: the file opens clean, holds every value saved before, and
// none of the interrupted import.
func TestKilledImportLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("large import")
	}
	db := demoDB(t)
	ctx := context.Background()
	before := countValues(t, db)

	// 576 000 values: eight household elements on 30 communes for every
	// month of two centuries.
	big := filepath.Join(t.TempDir(), "big.csv")
	f, _ := os.Create(big)
	w := bufio.NewWriter(f)
	w.WriteString("element,area,period,category,value,comment\n")
	for _, e := range []string{"POP", "HH_TOTAL", "HH_POOR", "HH_NEARPOOR", "HH_ELEC", "HH_WATER", "HH_POOR_EXIT", "HH_POOR_NEW"} {
		for c := 1; c <= 30; c++ {
			a := fmt.Sprintf("QN_HALONG_%02d", c)
			for y := 1950; y <= 2149; y++ {
				for m := 1; m <= 12; m++ {
					fmt.Fprintf(w, "%s,%s,%04d%02d,,%d,\n", e, a, y, m, y+m)
				}
			}
		}
	}
	w.Flush()
	f.Close()

	cmd := exec.Command(bin, "import", "--db", db, "--style", "en", big)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the import has written a good part of its transaction.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if fi, err := os.Stat(db + "-wal"); err == nil && fi.Size() > 8<<20 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the import never got going")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the import finished before it could be killed (%v): make the file bigger", err)
	}

	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	problems, err := st.Check(ctx)
	st.Close()
	if err != nil || len(problems) > 0 {
		t.Fatalf("integrity: %v %v", problems, err)
	}
	if after := countValues(t, db); after != before {
		t.Errorf("%d values before the killed import, %d after", before, after)
	}
	if out, _, _ := chiso(t, "values", "--db", db, "--area", "QN", "--period", "2020"); !strings.Contains(out, "0,36") {
		t.Errorf("the saved data is not intact after the kill:\n%s", out)
	}
}
