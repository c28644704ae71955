//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"chiso/data/store"
)

// The crash tests kill the real binary with SIGKILL at random moments of a
// command that writes, many times, and check each time that `chiso check`
// finds the file sound and that it holds exactly the data of before the
// command or exactly that of after it. The moments are drawn from a seeded
// generator (CHISO_CRASH_SEED replays another draw; the seed is printed on
// failure): half anywhere in the command's run (and after it), half in its writing, found
// by an event (a file appearing) or by the processor time the command has
// used, so that a loaded machine does not move the kills out of it.
const crashKills = 20

func crashRand(t *testing.T) *rand.Rand {
	seed := uint64(20261204)
	if s := os.Getenv("CHISO_CRASH_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("CHISO_CRASH_SEED=%q: %v", s, err)
		}
		seed = n
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("replay with CHISO_CRASH_SEED=%d", seed)
		}
	})
	return rand.New(rand.NewPCG(seed, 11))
}

// cpuTime is the processor time the process pid has used so far, read from
// /proc (Linux), or -1 where there is none.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	i := bytes.LastIndexByte(b, ')')
	if err != nil || i < 0 {
		return -1
	}
	f := strings.Fields(string(b[i+1:])) // from the state, field 3: utime and stime are 14 and 15
	if len(f) < 13 {
		return -1
	}
	u, _ := strconv.Atoi(f[11])
	s, _ := strconv.Atoi(f[12])
	return time.Duration(u+s) * 10 * time.Millisecond // in clock ticks of 1/100 s
}

// run is one run of the binary being watched.
type run struct {
	start   time.Time
	pid     int
	elapsed time.Duration
}

// cpu is the processor time the run has used, or its elapsed time where
// the system does not tell.
func (r run) cpu() time.Duration {
	if c := cpuTime(r.pid); c >= 0 {
		return c
	}
	return r.elapsed
}

// killWhen starts the binary with args and kills it with SIGKILL as soon as
// when says so, polled every millisecond. It reports whether the kill found
// it still running and the run's processor time then; a run that ends by
// itself must succeed.
func killWhen(t *testing.T, when func(run) bool, args ...string) (killed bool, cpu time.Duration) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "LANG=vi_VN.UTF-8")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	r := run{start: time.Now(), pid: cmd.Process.Pid}
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("chiso %s failed without being killed: %v", strings.Join(args, " "), err)
			}
			return false, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		case <-time.After(time.Millisecond):
		}
		r.elapsed = time.Since(r.start)
		if when(r) {
			cpu = r.cpu()
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if ok && ws.Signaled() {
				return true, cpu
			}
			if !cmd.ProcessState.Success() {
				t.Fatalf("chiso %s failed without being killed", strings.Join(args, " "))
			}
			return false, cpu
		}
	}
}

// fullRun runs the binary to the end and returns how long it took and the
// processor time it used (its elapsed time where the system does not tell).
func fullRun(t *testing.T, args ...string) (elapsed, cpu time.Duration) {
	t.Helper()
	var last run
	killed, cpu := killWhen(t, func(r run) bool { last = r; return false }, args...)
	if killed {
		t.Fatal("killed")
	}
	if cpuTime(os.Getpid()) < 0 {
		cpu = last.elapsed
	}
	return last.elapsed, cpu
}

// copyDB makes dst a copy of the database src (with its WAL, if any),
// removing whatever a killed run left at dst.
func copyDB(t *testing.T, src, dst string) {
	t.Helper()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(dst + suffix)
	}
	for _, suffix := range []string{"", "-wal"} {
		in, err := os.Open(src + suffix)
		if err != nil {
			if suffix == "" {
				t.Fatal(err)
			}
			continue
		}
		out, err := os.OpenFile(dst+suffix, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, in); err != nil {
			t.Fatal(err)
		}
		in.Close()
		out.Close()
	}
}

// state is a digest of what a user sees of a database: every value with
// its comment, flag and author, and the conflicts. (When a change was
// made is left out: two runs of one import differ there.)
func state(t *testing.T, db string) string {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h := sha256.New()
	n := 0
	if err := st.EachValue(context.Background(), store.ValueFilter{}, func(v store.Value) error {
		n++
		fmt.Fprintf(h, "%s|%s|%s|%s|%s|%s|%v|%s\n", v.Element, v.Area, v.Period, v.Category, v.Value, v.Comment, v.FollowUp, v.Author)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	cs, err := st.Conflicts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(h, "%+v", cs)
	return fmt.Sprintf("%d values, %d conflicts, %x", n, len(cs), h.Sum(nil)[:8])
}

// checkSound runs chiso check on db.
func checkSound(t *testing.T, db string) {
	t.Helper()
	if out, errs, code := chiso(t, "check", "--db", db); code != 0 || !strings.Contains(out, "toàn vẹn") {
		t.Fatalf("chiso check after the kill: exit %d\n%s%s", code, out, errs)
	}
}

// writeValuesCSV writes a long CSV of values for the communes of Hạ Long,
// month by month from January 2020 (the demo's communes exist from 2020 to
// June 2025).
// crashElements are the elements of the crash tests' files: 8 elements × 30
// communes × 66 months = 15,840 values.
var crashElements = []string{"POP", "HH_TOTAL", "HH_POOR", "HH_NEARPOOR", "HH_ELEC", "HH_WATER", "HH_POOR_EXIT", "HH_POOR_NEW"}

func writeValuesCSV(t *testing.T, path string, elements []string, communes, months int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("element,area,period,category,value,comment\n")
	for _, e := range elements {
		for c := 1; c <= communes; c++ {
			for m := range months {
				fmt.Fprintf(w, "%s,QN_HALONG_%02d,%04d%02d,,%d,\n", e, c, 2020+m/12, m%12+1, 1000+c+m)
			}
		}
	}
	w.Flush()
	f.Close()
}

// TestKilledImportIsAllOrNothing kills `chiso import` of 15,840 values at
// random moments: the file is sound and holds the values of before or all
// of the import's, never part of them.
func TestKilledImportIsAllOrNothing(t *testing.T) {
	rng := crashRand(t)
	dir := t.TempDir()
	base, work, csv := demoDB(t), filepath.Join(dir, "work.db"), filepath.Join(dir, "big.csv")
	writeValuesCSV(t, csv, crashElements, 30, 66)
	before := state(t, base)
	args := []string{"import", "--db", work, "--style", "en", csv}
	// The values are written right after the backup is complete.
	backedUp := func() bool {
		done, _ := filepath.Glob(work + ".before-import-*.db")
		return len(done) > 0
	}
	fresh := func() {
		copyDB(t, base, work)
		backups, _ := filepath.Glob(work + ".before-import-*")
		for _, b := range backups {
			os.Remove(b)
		}
	}
	fresh()
	var full, writing time.Duration // the whole run, and from the backup on
	killWhen(t, func(r run) bool {
		if writing == 0 && backedUp() {
			writing = -r.elapsed
		}
		full = r.elapsed
		return false
	}, args...)
	writing += full
	after := state(t, work)
	if after == before {
		t.Fatal("the import changes nothing")
	}
	outcomes := map[string]int{}
	inWrite := 0
	for i := range crashKills {
		fresh()
		var when func(run) bool
		if i%2 == 0 { // anywhere
			at := time.Duration(rng.Float64() * 1.5 * float64(full))
			when = func(r run) bool { return r.elapsed >= at }
		} else { // in the writing
			after, seen := time.Duration(rng.Float64()*float64(writing)), time.Duration(0)
			when = func(r run) bool {
				if seen == 0 && backedUp() {
					seen = r.elapsed
				}
				return seen > 0 && r.elapsed >= seen+after
			}
		}
		killed, _ := killWhen(t, when, args...)
		checkSound(t, work)
		switch got := state(t, work); {
		case got == before:
			outcomes["before"]++
			if killed && backedUp() {
				inWrite++
			}
		case got == after:
			outcomes["after"]++
		default:
			t.Fatalf("kill %d: the database holds neither the state before (%s) nor after (%s): %s", i, before, after, got)
		}
		if !killed {
			outcomes["finished"]++
		}
	}
	t.Logf("import of %v (writing %v): %d kills, %v; %d while writing", full.Round(time.Millisecond), writing.Round(time.Millisecond), crashKills, outcomes, inWrite)
	if inWrite < crashKills/4 {
		t.Errorf("only %d of %d kills fell in the import's writing: the test proves too little", inWrite, crashKills)
	}
}

// TestKilledSyncIsAllOrNothing kills the province's `chiso sync` at random
// moments while it receives a district's segment of 15,840 changes: the
// file is sound, holds the values of before or all of the segment's, and
// the next sync completes it.
func TestKilledSyncIsAllOrNothing(t *testing.T) {
	rng := crashRand(t)
	dir := t.TempDir()
	prov, district, share := filepath.Join(dir, "tinh.db"), filepath.Join(dir, "halong.db"), filepath.Join(dir, "share")
	base, office, csv := filepath.Join(dir, "tinh-base.db"), filepath.Join(dir, "halong.chiso-office"), filepath.Join(dir, "big.csv")
	os.Mkdir(share, 0o755)
	must := func(args ...string) {
		t.Helper()
		if out, errs, code := chiso(t, args...); code != 0 {
			t.Fatalf("chiso %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
		}
	}
	must("init", "--db", prov)
	must("office", "province", "--db", prov, "--name", "Cục Thống kê Quảng Ninh", "--area", "QN")
	must("office", "issue", "--db", prov, "--name", "Thành phố Hạ Long", "--role", "district", "--area", "QN_HALONG", "-o", office)
	must("init", "--empty", "--db", district)
	must("office", "load", "--db", district, office)
	args := []string{"sync", "--db", prov, share}
	must(args...) // the province's own changes go out first
	_, nothing := fullRun(t, args...)
	writeValuesCSV(t, csv, crashElements, 30, 66)
	must("import", "--db", district, "--style", "en", csv)
	must("sync", "--db", district, share)
	// The province's file is copied back to its own path before each run,
	// so that it is not taken for a copied database.
	copyDB(t, prov, base)
	before := state(t, base)
	full, fullCPU := fullRun(t, args...)
	after := state(t, prov)
	if after == before {
		t.Fatal("the sync changes nothing")
	}
	outcomes := map[string]int{}
	inRead := 0
	for i := range crashKills {
		copyDB(t, base, prov)
		var when func(run) bool
		if i%2 == 0 { // anywhere
			at := time.Duration(rng.Float64() * 1.5 * float64(full))
			when = func(r run) bool { return r.elapsed >= at }
		} else { // past what a sync with nothing to receive uses
			at := nothing + time.Duration(rng.Float64()*float64(fullCPU-nothing))
			when = func(r run) bool { return r.cpu() >= at }
		}
		killed, cpu := killWhen(t, when, args...)
		checkSound(t, prov)
		switch got := state(t, prov); {
		case got == before:
			outcomes["before"]++
			if killed && cpu > nothing {
				inRead++ // reading or applying the segment
			}
		case got == after:
			outcomes["after"]++
		default:
			t.Fatalf("kill %d: the database holds neither the state before (%s) nor after (%s): %s", i, before, after, got)
		}
		if !killed {
			outcomes["finished"]++
		}
		if i%4 == 0 { // the next sync completes what the killed one began
			must(args...)
			if got := state(t, prov); got != after {
				t.Fatalf("kill %d: the sync after it ends with %s, want %s", i, got, after)
			}
		}
	}
	t.Logf("sync of %v (processor %v, %v with nothing to receive): %d kills, %v; %d while receiving",
		full.Round(time.Millisecond), fullCPU.Round(time.Millisecond), nothing.Round(time.Millisecond), crashKills, outcomes, inRead)
	if inRead < crashKills/4 {
		t.Errorf("only %d of %d kills fell while the segment was received: the test proves too little", inRead, crashKills)
	}
}
