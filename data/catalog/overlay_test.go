package catalog

import (
	"slices"
	"testing"
)

// TestOverlay lays a province's file over a catalog: same codes are
// replaced where they stand, new ones follow, nothing is dropped, and the
// file's version wins.
func TestOverlay(t *testing.T) {
	c := &Catalog{Version: "VN-1",
		Elements:   []Element{{Code: "POP", NameVI: "Dân số"}, {Code: "HH_TOTAL", NameVI: "Số hộ"}},
		Targets:    []Target{{Code: "POP", Area: "QN", Period: "2025", Value: "1"}},
		DataSets:   []DataSet{{Code: "A", Elements: []string{"POP"}}},
		LegalBases: []LegalBasis{{Code: "L1", Number: "1/2023/QĐ-TTg"}},
	}
	c.Overlay(&Catalog{Version: "QN-2",
		Elements:   []Element{{Code: "HH_TOTAL", NameVI: "Tổng số hộ"}, {Code: "HH_NEW", NameVI: "Hộ mới"}},
		Targets:    []Target{{Code: "POP", Area: "QN", Period: "2025", Value: "2"}, {Code: "POP", Area: "QN", Period: "2026", Value: "3"}},
		LegalBases: []LegalBasis{{Code: "L2", Number: "2/2026/QĐ-TTg"}},
	})
	var names []string
	for _, e := range c.Elements {
		names = append(names, e.Code+"="+e.NameVI)
	}
	if want := []string{"POP=Dân số", "HH_TOTAL=Tổng số hộ", "HH_NEW=Hộ mới"}; !slices.Equal(names, want) {
		t.Errorf("elements %v, want %v", names, want)
	}
	if len(c.Targets) != 2 || c.Targets[0].Value != "2" || c.Targets[1].Period != "2026" {
		t.Errorf("targets %v", c.Targets)
	}
	if c.Version != "QN-2" || len(c.DataSets) != 1 || len(c.LegalBases) != 2 {
		t.Errorf("version %q, data sets %v, legal bases %v", c.Version, c.DataSets, c.LegalBases)
	}
	c.Overlay(&Catalog{})
	if c.Version != "QN-2" {
		t.Errorf("a file without a version changed it to %q", c.Version)
	}
}
