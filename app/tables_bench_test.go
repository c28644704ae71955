//go:build ci

package app

import (
	"slices"
	"strconv"
	"testing"

	"chiso/data/benchgen"
)

// BenchmarkTablesCold measures the Bảng screen at the national scale of
// benchgen: the table of POP for the 3,321 communes of the nation and the
// 10 years 2016–2025, computed on an engine that has read nothing (as just
// after opening the database: s.reload() outside the timing) and shown in
// the screen's table, through the screen's own code (tables.load, which
// asks calc.Pivot, and tables.show).
//
//	go test -tags ci,migrated_fynedo -run '^$' -bench TablesCold -benchtime 10x -count 3 ./app
//
// cpu-ms/op is the process's CPU time per table, steadier than the wall
// time on a shared machine.
func BenchmarkTablesCold(b *testing.B) {
	sc := benchgen.National
	st := dbNationalStore(b)
	s := newTestSession(b, st)
	t := newTables(s)
	s.win.SetContent(t.content)
	t.tree.Select(benchgen.NationCode)
	i := slices.IndexFunc(t.whats, func(w tableWhat) bool { return w.code == "POP" })
	level := slices.Index(t.levels, 4) // communes
	if i < 0 || level < 0 {
		b.Fatalf("no POP (%d) or commune level (%v)", i, t.levels)
	}
	t.ready = false // set the choices without computing each
	t.what.SetSelectedIndex(i)
	t.level.SetSelectedIndex(level)
	t.from.SetSelected(strconv.Itoa(sc.FirstYear))
	t.to.SetSelected(strconv.Itoa(sc.LastYear))
	t.ready = true
	check := func() {
		b.Helper()
		if t.pivot == nil || t.shown.code != "POP" || len(t.pivot.Rows) != sc.Communes || len(t.pivot.Periods) != sc.Years() ||
			!t.pivot.Total.OK[sc.Years()-1] || t.status.Visible() {
			b.Fatalf("the table shows %+v (status %q)", t.shown, t.status.Text)
		}
	}
	var cpu cpuMeter
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		if err := s.reload(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		cpu.start()
		t.load() // the session computes synchronously: shown on return
		cpu.stop()
		b.StopTimer()
		check()
		b.StartTimer()
	}
	cpu.report(b)
}
