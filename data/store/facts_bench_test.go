package store_test

import (
	"context"
	"strconv"
	"testing"
)

// BenchmarkElementFacts reads one element of every commune for each of
// the ten years, as a pivot of the Bảng screen does.
func BenchmarkElementFacts(b *testing.B) {
	st := filled(b)
	ctx := context.Background()
	n := 0
	for b.Loop() {
		n = 0
		for y := 2016; y <= 2025; y++ {
			f, err := st.ElementFacts(ctx, "POP", strconv.Itoa(y))
			if err != nil {
				b.Fatal(err)
			}
			n += len(f)
		}
	}
	if n != 1000 {
		b.Fatalf("%d facts, want 1000", n)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/fact")
}
