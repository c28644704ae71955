package replica

import (
	"fmt"
	"testing"

	"chiso/data/store"
)

// BenchmarkDecodeOps measures reading a segment of 50,000 changes as
// BenchmarkSync's segments hold them (first values of one import).
func BenchmarkDecodeOps(b *testing.B) {
	ops := make([]store.Op, 50000)
	for i := range ops {
		ops[i] = store.Op{ID: store.OpID{Writer: "w1", Seq: int64(i + 1)}, HLC: int64(i) << 16, Element: fmt.Sprintf("E%02d", i/1640%61), Area: fmt.Sprintf("C%04d", i%1640),
			Period: "2024", Value: fmt.Sprint(i * 37 % 100000), Status: store.Official, Author: "Xã", At: "2026-12-04T08:00:00Z", Source: "values.csv"}
	}
	data, err := encodeOps(ops)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		got, err := decodeOps(data, "w1", len(ops))
		if err != nil || len(got) != len(ops) {
			b.Fatal(err)
		}
		releaseOps(got)
	}
}
