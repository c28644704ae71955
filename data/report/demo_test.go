package report

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"chiso/data/calc"
	"chiso/data/defaults"
	"chiso/data/store"
)

var demo struct {
	once sync.Once
	dir  string
	st   *store.Store
	err  error
}

// TestMain removes the demo database shared by the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if demo.st != nil {
		demo.st.Close()
	}
	if demo.dir != "" {
		os.RemoveAll(demo.dir)
	}
	os.Exit(code)
}

// demoEngine returns an engine over the demo database as it stood at the
// end of 2023 (defaults.InstallDemo), which the package's tests were
// written for, built once for all of them (a fresh engine each call, so
// caches do not leak).
func demoEngine(t testing.TB) *calc.Engine {
	t.Helper()
	ctx := context.Background()
	demo.once.Do(func() {
		if demo.dir, demo.err = os.MkdirTemp("", "chiso-report-"); demo.err != nil {
			return
		}
		if demo.st, demo.err = store.Open(filepath.Join(demo.dir, "demo.db")); demo.err == nil {
			demo.err = defaults.InstallDemo(ctx, demo.st, 2023)
		}
	})
	if demo.err != nil {
		t.Fatal(demo.err)
	}
	cat, err := demo.st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	en, err := calc.New(ctx, cat, demo.st)
	if err != nil {
		t.Fatal(err)
	}
	return en
}
