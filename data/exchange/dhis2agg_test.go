package exchange_test

import (
	"testing"

	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/exchange"
)

func TestDHIS2AggregationType(t *testing.T) {
	el := func(a catalog.Aggregation, tm catalog.TimeAggregation) *catalog.Element {
		return &catalog.Element{ValueType: catalog.Number, Aggregation: a, TimeAggregation: tm}
	}
	for _, c := range []struct {
		e     *catalog.Element
		want  string
		exact bool
	}{
		{el(catalog.Sum, catalog.TimeFlow), "SUM", true},
		{el(catalog.Sum, catalog.TimeLevel), "LAST", true},
		{el(catalog.Sum, catalog.TimeAverage), "AVERAGE_SUM_ORG_UNIT", true},
		{el(catalog.Sum, catalog.TimeNone), "NONE", false},
		{el(catalog.Average, catalog.TimeAverage), "AVERAGE", true},
		{el(catalog.Average, catalog.TimeLevel), "LAST_AVERAGE_ORG_UNIT", true},
		{el(catalog.WeightedAverage, catalog.TimeLevel), "LAST_AVERAGE_ORG_UNIT", false},
		{el(catalog.Min, catalog.TimeLevel), "MIN", false},
		{el(catalog.CountYes, catalog.TimeLevel), "LAST", true},
		{el(catalog.Sum, ""), "NONE", false}, // an old catalog's sum: not aggregated over time
	} {
		got, exact := exchange.DHIS2AggregationType(c.e)
		if got != c.want || exact != c.exact {
			t.Errorf("%s/%q: %s (exact %v), want %s (%v)", c.e.Aggregation, c.e.TimeAggregation, got, exact, c.want, c.exact)
		}
	}
}

// TestDHIS2AggregationOfTheDefaultCatalog: the core elements map to what
// a DHIS2 configured for them uses.
func TestDHIS2AggregationOfTheDefaultCatalog(t *testing.T) {
	c, err := defaults.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"POP": "LAST", "HH_POOR": "LAST", "SS_SPEND": "SUM", "HOUSE_SUPPORT": "SUM", "HS_STD": "LAST",
		"INC_PC": "LAST_AVERAGE_ORG_UNIT"}
	for i := range c.Elements {
		e := &c.Elements[i]
		if w, ok := want[e.Code]; ok {
			if got, _ := exchange.DHIS2AggregationType(e); got != w {
				t.Errorf("%s: %s, want %s", e.Code, got, w)
			}
		}
	}
}
