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

	"chiso/data/period"
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

	// About 600 000 values: every element without parts for every year,
	// quarter and month of 1950–2149 in which each area of the demo exists.
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := st.Catalog(ctx)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	var periods []period.Period
	for y := 1950; y <= 2149; y++ {
		periods = append(periods, period.Period{Type: period.Year, Year: y})
		for q := 1; q <= 4; q++ {
			periods = append(periods, period.Period{Type: period.Quarter, Year: y, Index: q})
		}
		for m := 1; m <= 12; m++ {
			periods = append(periods, period.Period{Type: period.Month, Year: y, Index: m})
		}
	}
	big := filepath.Join(t.TempDir(), "big.csv")
	f, _ := os.Create(big)
	w := bufio.NewWriter(f)
	w.WriteString("element,area,period,category,value,comment\n")
	for _, e := range cat.Elements {
		if len(e.Categories) > 0 {
			continue
		}
		for _, a := range cat.Areas {
			for _, p := range periods {
				if period.ValidOn(a.ValidFrom, a.ValidTo, p.End()) {
					fmt.Fprintf(w, "%s,%s,%s,,1,\n", e.Code, a.Code, p)
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
	deadline := time.Now().Add(180 * time.Second) // the machine may be shared and busy
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
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the import finished before it could be killed (%v): make the file bigger", err)
	}

	st, err = store.Open(db)
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
