package exchange

import "chiso/data/catalog"

// DHIS2AggregationType returns the DHIS2 aggregationType of a data element
// that aggregates like e, over areas and over time together, as DHIS2
// names them (SUM sums over both, LAST sums over areas and takes the last
// period, LAST_AVERAGE_ORG_UNIT averages over areas and takes the last
// period, AVERAGE_SUM_ORG_UNIT sums over areas and averages over time…).
// exact is false where DHIS2 has no equal: a weighted average (DHIS2
// averages without weights), the smallest or the largest over areas with
// any rule over time (DHIS2's MIN and MAX apply to time too), and an
// element not aggregated over time (DHIS2's NONE aggregates over nothing).
func DHIS2AggregationType(e *catalog.Element) (aggregationType string, exact bool) {
	t := e.TimeAggregationOrDefault()
	switch e.Aggregation {
	case catalog.Sum, catalog.Last, catalog.CountYes: // "last" over areas adds up
		switch t {
		case catalog.TimeFlow:
			return "SUM", true
		case catalog.TimeLevel:
			return "LAST", true
		case catalog.TimeAverage:
			return "AVERAGE_SUM_ORG_UNIT", true
		}
	case catalog.Average, catalog.WeightedAverage:
		exact := e.Aggregation == catalog.Average
		switch t {
		case catalog.TimeAverage:
			return "AVERAGE", exact
		case catalog.TimeLevel:
			return "LAST_AVERAGE_ORG_UNIT", exact
		case catalog.TimeFlow:
			return "AVERAGE", false
		}
	case catalog.Min: // DHIS2 takes the smallest over time too
		return "MIN", false
	case catalog.Max:
		return "MAX", false
	}
	return "NONE", false
}
