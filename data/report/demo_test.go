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

// demoEngine returns an engine over the demo database, built once for
// all the package's tests (a fresh engine each call, so caches do not leak).
func demoEngine(t testing.TB) *calc.Engine {
	t.Helper()
	ctx := context.Background()
	demo.once.Do(func() {
		if demo.dir, demo.err = os.MkdirTemp("", "chiso-report-"); demo.err != nil {
			return
		}
		demo.st, demo.err = defaults.OpenOrCreate(ctx, filepath.Join(demo.dir, "demo.db"))
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
