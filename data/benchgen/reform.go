package benchgen

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"

	"chiso/data/adminmap"
	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/exchange"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

// The real map: the default catalog laid over the official list of
// Việt Nam's administrative units shipped in the app (data/adminmap) —
// the 63 provinces, their districts and communes before the reform of
// 1/7/2025 with their mergers since 2011, the 34 provinces and 3,321
// communes after it, and the successor mapping between them — with values
// of population, households and poor households for every commune of
// every year on the map of its time: the communes before the reform for
// the years up to 2024, the new ones from 2025. So a province's series
// over the reform can only be made on today's boundaries through the
// successor mapping.

// ReformElements are the elements the real map has values of.
var ReformElements = []string{"POP", "HH_TOTAL", "HH_POOR"}

// ReformCatalog returns the default catalog with the official list's
// areas (every era), as a database opened on the real map would hold it.
func ReformCatalog() (*catalog.Catalog, error) {
	c, err := defaults.Catalog()
	if err != nil {
		return nil, err
	}
	l, err := adminmap.Load()
	if err != nil {
		return nil, err
	}
	c.Areas = append(c.Areas, l.Areas()...)
	return c, nil
}

// WriteReformValues writes the long CSV of the real map's values from
// year first to year last: for each year, each commune-level area of cat
// valid on the year's last day, each of ReformElements. Values are
// invented, steady from year to year for an area (households grow about
// 1% a year, the poverty rate falls), and derived from the area's code, so
// the same catalog gives the same file. It returns the number of lines.
func WriteReformValues(w io.Writer, cat *catalog.Catalog, first, last int) (int, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("element,area,period,category,value,comment\n")
	n := 0
	line := make([]byte, 0, 96)
	for y := first; y <= last; y++ {
		end := period.Period{Type: period.Year, Year: y}.End()
		for _, a := range cat.Areas {
			if a.Level != adminmap.LevelCommune || !period.ValidOn(a.ValidFrom, a.ValidTo, end) {
				continue
			}
			f := fnv.New64a()
			f.Write([]byte(a.Code))
			c := f.Sum64()
			households := int64(800+h(c, 1)%4200) * int64(100+y-2011) / 100
			pop := households * int64(35+h(c, 2)%10) / 10
			permille := int64(h(c, 3)%150) * int64(2032-y) / 21 // falls over the years
			for i, v := range []int64{pop, households, households * permille / 1000} {
				line = append(line[:0], ReformElements[i]...)
				line = append(line, ',')
				line = append(line, a.Code...)
				line = append(line, ',')
				line = strconv.AppendInt(line, int64(y), 10)
				line = append(line, ",,"...)
				line = strconv.AppendInt(line, v, 10)
				line = append(line, ",\n"...)
				if _, err := bw.Write(line); err != nil {
					return n, fmt.Errorf("reform values: %w", err)
				}
				n++
			}
		}
	}
	return n, bw.Flush()
}

// ReformDB creates at path a database of the real map (ReformCatalog) with
// the values of WriteReformValues from 2011 to 2026 for the communes keep
// selects (nil: all), and returns it with the catalog — the one an engine
// should read, since the database does not keep the shares of split
// communes — and the number of values.
func ReformDB(ctx context.Context, path string, keep func(catalog.Area) bool) (*store.Store, *catalog.Catalog, int, error) {
	cat, err := ReformCatalog()
	if err != nil {
		return nil, nil, 0, err
	}
	valued := &catalog.Catalog{}
	for _, a := range cat.Areas {
		if keep == nil || keep(a) {
			valued.Areas = append(valued.Areas, a)
		}
	}
	var buf bytes.Buffer
	n, err := WriteReformValues(&buf, valued, 2011, 2026)
	if err != nil {
		return nil, nil, 0, err
	}
	st, err := store.Open(path)
	if err != nil {
		return nil, nil, 0, err
	}
	if err = st.SaveCatalog(ctx, cat); err == nil {
		_, err = st.Import(ctx, "values.csv", exchange.ReadLong(&buf, "values.csv", cat, number.English))
	}
	if err != nil {
		st.Close()
		return nil, nil, 0, fmt.Errorf("real map database: %w", err)
	}
	return st, cat, n, nil
}
