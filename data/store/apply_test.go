package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"chiso/data/store"
)

// TestReceivedFirstValues applies a segment of first values (the plain
// path, on the direct connection) into an empty database and into one
// that has a value of its own for one of the keys (a conflict: applied
// the other way, whole), and a segment with a bad value (refused whole).
func TestReceivedFirstValues(t *testing.T) {
	ctx := context.Background()
	from, to, fresh := openTest(t), openTest(t), openTest(t)
	from.SetAuthor("Xã")
	changes := []store.Change{
		{Element: "HH_TOTAL", Area: "C1", Period: "2024", Value: "100", Comment: "đếm lại"},
		{Element: "HH_TOTAL", Area: "C2", Period: "2024", Value: "50", Status: store.Estimate},
		{Element: "RATE", Area: "C1", Period: "2024", Value: "1.5", FollowUp: true},
		{Element: "HOUSE", Area: "C1", Period: "2024", Category: "NEW", Value: "3"},
	}
	if _, err := from.Save(ctx, changes...); err != nil {
		t.Fatal(err)
	}
	save(t, to, "HH_TOTAL", "C1", "2024", "90")

	var ops []store.Op
	if err := from.Ops(ctx, 0, func(op store.Op) error { ops = append(ops, op); return nil }); err != nil {
		t.Fatal(err)
	}
	bad := append([]store.Op(nil), ops...)
	bad[len(bad)-1].Value = "-5"
	bad[len(bad)-1].Element = "HH_TOTAL"
	bad[len(bad)-1].Category = ""
	bad[len(bad)-1].Area = "C2"
	bad[len(bad)-1].Period = "2025"
	g := store.Segment{Writer: from.Device(), Number: 1, Manifest: []byte("1"), Sig: []byte("-"), Data: []byte("-")}
	_, err := fresh.ApplySegment(ctx, g, "1", store.Signer{}, bad, bad[len(bad)-1].ID.Seq)
	if err == nil || !strings.Contains(err.Error(), bad[len(bad)-1].ID.String()) {
		t.Fatalf("a segment with a value below the minimum: %v", err)
	}
	if vs, err := fresh.Values(ctx, store.ValueFilter{}); err != nil || len(vs) != 0 {
		t.Fatalf("the refused segment left %d values (%v)", len(vs), err)
	}
	if ws, err := fresh.Writers(ctx); err != nil || ws[from.Device()].Seen != 0 {
		t.Fatalf("the refused segment counts as seen: %+v %v", ws[from.Device()], err)
	}

	if res := transfer(t, from, fresh); res.Applied != len(changes) || res.Conflicts != 0 {
		t.Errorf("into an empty database: %+v", res)
	}
	want, err := from.Values(ctx, store.ValueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := fresh.Values(ctx, store.ValueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("received values differ:\n got %+v\nwant %+v", got, want)
	}

	if res := transfer(t, from, to); res.Applied != len(changes) || res.Conflicts != 1 {
		t.Errorf("into a database with a value of its own: %+v", res)
	}
	cs, err := to.Conflicts(ctx)
	if err != nil || len(cs) != 1 || cs[0].Area != "C1" || len(cs[0].Heads) != 2 {
		t.Fatalf("conflicts: %+v %v", cs, err)
	}
	for _, c := range changes[1:] {
		v, ok := get(t, to, c.Element, c.Area, c.Period)
		if !ok || v.Value != c.Value || v.Status != c.Status || v.OpID == "" {
			t.Errorf("%s %s: %+v", c.Element, c.Area, v)
		}
	}
	if ws, err := to.Writers(ctx); err != nil || ws[from.Device()].Seen != ops[len(ops)-1].ID.Seq {
		t.Errorf("seen: %+v %v", ws[from.Device()], err)
	}
}
