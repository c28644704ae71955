package replica

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"chiso/data/store"
)

// device is one database in the convergence test with the areas its
// office may write.
type device struct {
	st    *store.Store
	areas []string
}

// TestConvergence makes random changes on 3–5 devices whose offices'
// areas overlap, and random steps of the reporting cycle (submissions,
// returns, approvals that lock the figures, reopenings, dismissals of
// changes kept aside), delivers their packages in random order with
// duplicates and losses, then lets everyone sync through one folder: every
// database must end with the same values, conflicts, report states and
// changes kept aside.
func TestConvergence(t *testing.T) {
	var approvals, held, refused int
	defer func() {
		// The random steps must have reached what the test is about.
		t.Logf("%d approvals, %d held, %d refused", approvals, held, refused)
		if !t.Failed() && (approvals == 0 || held == 0 || refused == 0) {
			t.Errorf("the random steps made %d approvals, kept %d changes aside, refused %d writes: not enough to test", approvals, held, refused)
		}
	}()
	for seed := range uint64(6) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 42))
			prov := newProvince(t)
			devices := []device{{prov, []string{"QN_HALONG_01", "QN_HALONG_02"}}}
			district := issueOffice(t, prov, "Chi cục Thống kê Hạ Long", District, "QN_HALONG")
			commune := issueOffice(t, prov, "UBND phường Hà Khẩu", Commune, "QN_HALONG_01")
			offices := [][]byte{district, commune, commune, district} // two laptops may share an office file
			areas := [][]string{{"QN_HALONG_01", "QN_HALONG_02"}, {"QN_HALONG_01"}, {"QN_HALONG_01"}, {"QN_HALONG_02"}}
			n := 2 + rng.IntN(3)
			for i := range n {
				st := openDB(t, "d"+strconv.Itoa(i))
				if _, err := LoadOfficeFile(ctx, st, offices[i]); err != nil {
					t.Fatal(err)
				}
				devices = append(devices, device{st, areas[i]})
			}
			var packages []string
			pkgDir := t.TempDir()
			cat, err := prov.Catalog(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for step := range 80 {
				d := devices[rng.IntN(len(devices))]
				switch k := rng.IntN(14); {
				case k < 5:
					v := strconv.Itoa(rng.IntN(5) * 100)
					if rng.IntN(8) == 0 {
						v = "" // a deletion
					}
					// Half the values are estimates, and an estimate made
					// official again with the same number is a change too.
					c := store.Change{Element: []string{"POP", "HH_TOTAL"}[rng.IntN(2)], Area: d.areas[rng.IntN(len(d.areas))],
						Period: []string{"2023", "2024"}[rng.IntN(2)], Value: v, Status: []store.Status{store.Official, store.Estimate}[rng.IntN(2)]}
					if _, err := d.st.Save(ctx, c); isLocked(err) {
						refused++
					} else if err != nil {
						t.Fatal(err)
					}
				case k >= 10:
					f := store.Form{DataSet: "KTXH_XA", Area: []string{"QN_HALONG_01", "QN_HALONG_02"}[rng.IntN(2)], Period: []string{"2023", "2024"}[rng.IntN(2)]}
					a := []store.Action{store.Submit, store.Submit, store.Return, store.Approve, store.Approve, store.Approve, store.Reopen, store.Dismiss}[rng.IntN(8)]
					if MayTake(d.st, cat, a, f.Area) != nil {
						continue
					}
					var dismiss []store.OpID
					if a == store.Dismiss {
						aside, err := d.st.SetAside(ctx, f.Area, f.Period)
						if err != nil {
							t.Fatal(err)
						}
						for _, c := range aside {
							if c.Held() && c.Form == f {
								dismiss = append(dismiss, c.ID)
								break
							}
						}
					}
					if _, err := d.st.Act(ctx, f, a, "xem lại", dismiss); err == nil && a == store.Approve {
						approvals++
					}
				case k < 6:
					cs, err := d.st.Conflicts(ctx)
					if err != nil {
						t.Fatal(err)
					}
					for _, c := range cs {
						if !slicesContain(d.areas, c.Area) {
							continue
						}
						pick := c.Heads[rng.IntN(len(c.Heads))]
						if err := d.st.Resolve(ctx, store.Change{Element: c.Element, Area: c.Area, Period: c.Period, Category: c.Category, Value: pick.Value}); isLocked(err) {
							refused++
						} else if err != nil {
							t.Fatal(err)
						}
						break
					}
				case k < 8:
					p := filepath.Join(pkgDir, fmt.Sprintf("p%02d%s", step, PackageExt))
					if _, err := ExportPackage(ctx, d.st, p, "en", nil); err != nil {
						t.Fatal(err)
					}
					packages = append(packages, p)
				default:
					if len(packages) == 0 {
						continue
					}
					rep, err := ImportPackage(ctx, d.st, packages[rng.IntN(len(packages))], "en", nil)
					if err != nil {
						t.Fatal(err)
					}
					if len(rep.Rejected) > 0 {
						t.Fatalf("step %d: refused %q", step, rep.Rejected)
					}
				}
			}
			dir := t.TempDir()
			for range 2 {
				for _, d := range devices {
					rep := syncWith(t, d.st, dir)
					if len(rep.Rejected) > 0 || len(rep.Waiting) > 0 {
						t.Fatalf("full exchange: %+v", rep)
					}
				}
			}
			want := state(t, devices[0].st)
			held += strings.Count(want, "aside held")
			for i, d := range devices[1:] {
				if got := state(t, d.st); got != want {
					t.Fatalf("device %d differs from the province:\n%s\nprovince:\n%s", i+1, got, want)
				}
			}
			if !strings.Contains(want, "POP") && !strings.Contains(want, "HH_TOTAL") {
				t.Fatalf("nothing was written: %s", want)
			}
		})
	}
}

func slicesContain(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func isLocked(err error) bool {
	var le *store.LockedError
	return errors.As(err, &le)
}

// state renders a database's values (with the change that wrote each),
// conflicts, report states and changes kept aside.
func state(t *testing.T, st *store.Store) string {
	t.Helper()
	vs, err := st.Values(ctx, store.ValueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "%s %s %s %s = %s %q (%s)\n", v.Element, v.Area, v.Period, v.Category, v.Value, v.Status, v.OpID)
	}
	b.WriteString("conflicts: " + conflicts(t, st) + "\n")
	for _, per := range []string{"2023", "2024"} {
		fs, err := st.FormStates(ctx, "KTXH_XA", per)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range []string{"QN_HALONG_01", "QN_HALONG_02"} {
			if f, ok := fs[a]; ok {
				fmt.Fprintf(&b, "form %s %s: %s %s (%d in force)\n", a, per, f.Current.Action, f.Current.ID, f.Concurrent)
			}
		}
		aside, err := st.SetAside(ctx, "", per)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range aside {
			fmt.Fprintf(&b, "aside %s %s %s %s %s %s\n", c.Reason, c.Form.DataSet, c.Element, c.Form.Area, c.Form.Period, c.ID)
		}
	}
	return b.String()
}
