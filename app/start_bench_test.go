//go:build ci

package app

import (
	"context"
	"path/filepath"
	"testing"

	"chiso/data/defaults"
	"chiso/data/store"
)

// Speed of the first start and of the area trees on an office's
// database (bench/README.md, "First start"):
//
//	go test -tags ci,migrated_fynedo -run '^$' -bench 'FirstStart|AreaNodes' -benchmem ./app

// BenchmarkFirstStartScreen builds the first-start screen: the official
// list read and every commune's names folded for the search.
func BenchmarkFirstStartScreen(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "x.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	s := newTestSession(b, st)
	for b.Loop() {
		if st := newStart(s); len(st.provinces) != 34 {
			b.Fatal("the first-start screen lacks the provinces")
		}
	}
}

// BenchmarkAreaNodes makes the nodes of the area tree of a commune
// office's database (3,557 areas: today's and its province's of before),
// sorted by collation keys, with the names each is found by.
func BenchmarkAreaNodes(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "x.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := defaults.InstallOffice(context.Background(), st, "06970", ""); err != nil {
		b.Fatal(err)
	}
	s := newTestSession(b, st)
	cat := s.catalog()
	for b.Loop() {
		if n := len(areaNodes(cat)); n != 3557 {
			b.Fatalf("%d nodes", n)
		}
	}
}
