package exchange

import (
	"strings"
	"testing"

	"chiso/data/number"
	"chiso/data/store"
)

// FuzzReadLong feeds arbitrary files to the CSV importer: it never panics,
// every change it yields fits the catalog, and every error names the file;
// after a faulty line it reads on.
func FuzzReadLong(f *testing.F) {
	head := "element,area,period,category,value,comment\n"
	for _, s := range []string{
		head + "HH_TOTAL,QN,2020,,8.981,\n",
		head + "INC_PC,QN,2021,,\"52,5\",ước tính\n",
		head + "HOUSE,QN,2023,NEW,260,\n",
		"\uFEFF" + head + "HS_STD,QN,2023,,có,\n",
		head + "HH_TOTAL,QN,2020,,\"1,\n",
		"",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	cat := testCatalog()
	elements := map[string]int{}
	for i, e := range cat.Elements {
		elements[e.Code] = i
	}
	f.Fuzz(func(t *testing.T, text string, vi bool) {
		st := number.English
		if vi {
			st = number.Vietnamese
		}
		for c, err := range ReadLong(strings.NewReader(text), "f.csv", cat, st) {
			if err != nil {
				if !strings.Contains(err.Error(), "f.csv") {
					t.Fatalf("error without the file name: %v", err)
				}
				if _, ok := err.(*RecordError); ok {
					continue // a faulty line: the reading goes on
				}
				return
			}
			i, ok := elements[c.Element]
			if !ok {
				t.Fatalf("unknown element yielded: %+v", c)
			}
			if err := store.CheckValue(&cat.Elements[i], c.Value); err != nil || c.Value == "" {
				t.Fatalf("invalid value yielded: %+v (%v)", c, err)
			}
		}
	})
}
