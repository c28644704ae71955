package exchange

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"slices"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"chiso/data/number"
	"chiso/data/store"
	"chiso/data/vntext"
)

// WriteWide writes the values of one element as the table people keep in
// Excel: one row per area (code and name), one column per period, UTF-8
// with a byte order mark, numbers in style st, an empty cell where there is
// no value. Rows follow the Vietnamese order of the area names.
//
// The shaping is gota's outer join of one column per period on the area
// code, with every column typed as text so that codes such as "00004" keep
// their zeros.
func WriteWide(w io.Writer, values []store.Value, areaNames map[string]string, st number.Style) error {
	byPeriod := map[string][]store.Value{}
	var periods []string
	for _, v := range values {
		if v.Category != "" {
			return fmt.Errorf("wide table: %s has categories; export it in long form", v.Element)
		}
		if _, ok := byPeriod[v.Period]; !ok {
			periods = append(periods, v.Period)
		}
		byPeriod[v.Period] = append(byPeriod[v.Period], v)
	}
	slices.Sort(periods)

	var table dataframe.DataFrame
	for i, p := range periods {
		areas := make([]string, 0, len(byPeriod[p]))
		cells := make([]string, 0, len(byPeriod[p]))
		for _, v := range byPeriod[p] {
			areas = append(areas, v.Area)
			cells = append(cells, number.Format(v.Value, -1, st))
		}
		col := dataframe.New(series.New(areas, series.String, "area"), series.New(cells, series.String, p))
		if i == 0 {
			table = col
		} else {
			table = table.OuterJoin(col, "area")
		}
		if err := table.Err; err != nil {
			return fmt.Errorf("wide table, period %s: %w", p, err)
		}
	}

	records := [][]string{{"area"}}
	if len(periods) > 0 {
		records = table.Records()
	}
	header, rows := records[0], records[1:]
	// gota prints a missing text cell as NaN; the reader sees an empty cell.
	for _, r := range rows {
		for i := range r {
			if r[i] == "NaN" && i > 0 {
				r[i] = ""
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b []string) int {
		if c := vntext.Compare(areaNames[a[0]], areaNames[b[0]]); c != 0 {
			return c
		}
		return vntext.Compare(a[0], b[0])
	})

	bw := bufio.NewWriter(w)
	bw.Write(bom)
	cw := csv.NewWriter(bw)
	cw.Write(append([]string{"area", "name"}, header[1:]...))
	for _, r := range rows {
		cw.Write(append([]string{r[0], areaNames[r[0]]}, r[1:]...))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
