package defaults_test

import (
	"context"
	"path/filepath"
	"testing"

	"chiso/data/defaults"
	"chiso/data/store"
)

// TestInstallDemoThrough installs the demo as it stood at the end of
// 2023 (before the years of the reform were added) and whole: 2023 has
// the districts' and communes' 177, the whole demo the 54 units since the
// reform too, and the values of later years.
func TestInstallDemoThrough(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		through, areas int
		last           string
	}{{2023, 2 + 14 + 177, "2023"}, {0, 2 + 14 + 177 + 54, "2026"}} {
		st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := defaults.InstallDemo(ctx, st, tc.through); err != nil {
			t.Fatal(err)
		}
		c, err := st.Catalog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Areas) != tc.areas {
			t.Errorf("through %d: %d areas, want %d", tc.through, len(c.Areas), tc.areas)
		}
		periods, err := st.Periods(ctx)
		if err != nil || len(periods) == 0 || periods[len(periods)-1] != tc.last {
			t.Errorf("through %d: periods %v %v, want the last %s", tc.through, periods, err, tc.last)
		}
		if !defaults.IsDemo(st) {
			t.Error("not marked as the demo")
		}
	}
}
