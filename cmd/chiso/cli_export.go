package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"chiso/data/atomicfile"
	"chiso/data/catalog"
	"chiso/data/exchange"
	"chiso/data/msg"
	"chiso/data/store"
)

func (c *cli) export(args []string) error {
	styleName := c.fs.String("style", "en", "number style of the values: en (canonical, 1234.5) or vi (1.234,5)")
	per := c.fs.String("period", "", "only this period, with the quarters and months inside it (a year, a quarter, or a range 2021-2025)")
	area := c.fs.String("area", "", "only this area, or the areas of this group (e.g. DBKK)")
	element := c.fs.String("element", "", "only this element")
	since := c.fs.String("since", "", "only the values changed since this time (2026-11-01 or 2026-11-01T08:00), deletions included")
	out := c.fs.String("o", "", "output file (default: standard output)")
	wide := c.fs.Bool("wide", false, "one element as a table: areas as rows, periods as columns (needs --element)")
	format := c.fs.String("format", "long", "long (CSV, one value a line), dhis2-json, dhis2-csv (DHIS2 dataValueSets by code) or sdmx-csv (SDMX-CSV 2.0)")
	dataSet := c.fs.String("dataset", "", "dhis2-json: the code of the data set, written as dataSet")
	structure := c.fs.String("structure", "", "sdmx-csv: where to write the data structure and its codelists (SDMX-ML 3.0); default: beside -o, as NAME.structure.xml")
	if err := c.parse(args, 0); err != nil {
		return err
	}
	if *wide && *element == "" {
		return msg.New("--wide cần --element", "--wide needs --element")
	}
	switch *format {
	case "long":
	case "dhis2-json", "dhis2-csv", "sdmx-csv":
		if *wide {
			return msg.New("--wide chỉ dùng với --format long", "--wide works only with --format long")
		}
		if *styleName != "en" {
			return msg.New(fmt.Sprintf("--format %s luôn ghi số kiểu chuẩn (1234.5): bỏ --style", *format),
				fmt.Sprintf("--format %s always writes canonical numbers (1234.5): drop --style", *format))
		}
	default:
		return msg.New(fmt.Sprintf("định dạng %q không hợp lệ (long, dhis2-json, dhis2-csv hoặc sdmx-csv)", *format),
			fmt.Sprintf("format %q: want long, dhis2-json, dhis2-csv or sdmx-csv", *format))
	}
	if *dataSet != "" && *format != "dhis2-json" {
		return msg.New("--dataset chỉ dùng với --format dhis2-json", "--dataset works only with --format dhis2-json")
	}
	if *structure != "" && *format != "sdmx-csv" {
		return msg.New("--structure chỉ dùng với --format sdmx-csv", "--structure works only with --format sdmx-csv")
	}
	s, st, err := c.openStyled(*styleName)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	cat, err := s.Catalog(ctx)
	if err != nil {
		return err
	}
	f, err := exportFilter(cat, *per, *area, *element, *since)
	if err != nil {
		return err
	}
	if *dataSet != "" && !slices.ContainsFunc(cat.DataSets, func(d catalog.DataSet) bool { return d.Code == *dataSet }) {
		return msg.New(fmt.Sprintf("không có bộ biểu mẫu mã %q", *dataSet), fmt.Sprintf("no data set with code %q", *dataSet))
	}
	// Deletions travel with the changes since a time, in the formats
	// that can carry them; the long CSV counts those it leaves out.
	carries := *format != "long"
	f.Deleted = f.Since != "" && !*wide

	written, skipped := 0, 0
	each := func(fn func(store.Value) error) error {
		return s.EachValue(ctx, f, func(v store.Value) error {
			if v.Value == "" && !carries {
				skipped++
				return nil
			}
			written++
			return fn(v)
		})
	}
	write := func(w io.Writer) error {
		switch {
		case *wide:
			values, err := s.Values(ctx, f)
			if err != nil {
				return err
			}
			written = len(values)
			return exchange.WriteWide(w, values, areaNames(cat), st)
		case *format == "dhis2-json":
			return exchange.WriteDHIS2JSON(w, each, exchange.DHIS2Options{DataSet: *dataSet, Catalog: cat})
		case *format == "dhis2-csv":
			return exchange.WriteDHIS2CSV(w, each, exchange.DHIS2Options{Catalog: cat})
		case *format == "sdmx-csv":
			return exchange.WriteSDMXCSV(w, each, exchange.SDMXOptions{})
		}
		return exchange.WriteLong(w, each, st)
	}
	if *out == "" {
		err = write(c.stdout)
	} else {
		err = atomicfile.Write(*out, "", write)
	}
	if err != nil {
		return msg.Wrap(err, "không xuất được", "cannot export")
	}
	if skipped > 0 {
		fmt.Fprintf(c.stderr, c.say("chú ý: %d giá trị đã xoá không ghi được trong CSV dạng dài; để gửi cả việc xoá, dùng --format dhis2-json, dhis2-csv hoặc sdmx-csv\n",
			"note: %d deleted values cannot be written in the long CSV; to send deletions too, use --format dhis2-json, dhis2-csv or sdmx-csv\n"), skipped)
	}
	switch {
	case written == 0:
		fmt.Fprintln(c.stderr, c.say("chú ý: không có giá trị nào khớp các điều kiện đã chọn", "note: no value matches the conditions given"))
	case *out != "":
		fmt.Fprintf(c.stderr, c.say("Đã ghi %d giá trị vào %s\n", "Wrote %d values to %s\n"), written, *out)
	}
	if *format == "sdmx-csv" {
		return c.writeSDMXStructure(*structure, *out, cat)
	}
	return nil
}

// writeSDMXStructure writes the data structure of an SDMX-CSV export into
// path, or beside the data file out when path is "".
func (c *cli) writeSDMXStructure(path, out string, cat *catalog.Catalog) error {
	if path == "" {
		if out == "" {
			fmt.Fprintln(c.stderr, c.say("chú ý: cấu trúc dữ liệu SDMX không được ghi: thêm -o TỆP hoặc --structure TỆP",
				"note: the SDMX data structure was not written: add -o FILE or --structure FILE"))
			return nil
		}
		path = strings.TrimSuffix(out, filepath.Ext(out)) + ".structure.xml"
	}
	err := atomicfile.Write(path, "", func(w io.Writer) error {
		return exchange.WriteSDMXStructure(w, cat, exchange.SDMXOptions{}, time.Now())
	})
	if err != nil {
		return msg.Wrap(err, "không ghi được cấu trúc SDMX "+path, "cannot write the SDMX structure "+path)
	}
	fmt.Fprintln(c.stderr, c.say("Đã ghi cấu trúc dữ liệu và danh mục mã SDMX vào ", "Wrote the SDMX data structure and codelists to ")+path)
	return nil
}

// exportFilter reads the filters of an export against the catalog,
// refusing a code it does not know: a period selects the quarters and
// months inside it too, an area group its areas, since a time in the
// user's zone.
func exportFilter(cat *catalog.Catalog, per, area, element, since string) (store.ValueFilter, error) {
	var f store.ValueFilter
	if per != "" {
		p, err := parsePeriod(per)
		if err != nil {
			return f, err
		}
		for _, q := range p.Within() {
			f.Periods = append(f.Periods, q.String())
		}
	}
	if area != "" {
		areas, err := areasOf(cat, area)
		if err != nil {
			return f, err
		}
		f.Areas = areas
	}
	if element != "" {
		if !slices.ContainsFunc(cat.Elements, func(e catalog.Element) bool { return e.Code == element }) {
			return f, msg.New(fmt.Sprintf("không có chỉ tiêu mã %q", element), fmt.Sprintf("no element with code %q", element))
		}
		f.Elements = []string{element}
	}
	if since != "" {
		t, err := parseSince(since)
		if err != nil {
			return f, err
		}
		f.Since = t.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	return f, nil
}

// areasOf returns the area with the code, or the areas of the group with
// the code; a code that is neither is refused.
func areasOf(cat *catalog.Catalog, code string) ([]string, error) {
	if slices.ContainsFunc(cat.Areas, func(a catalog.Area) bool { return a.Code == code }) {
		return []string{code}, nil
	}
	if !slices.ContainsFunc(cat.Groups, func(g catalog.Group) bool { return g.Code == code }) {
		return nil, msg.New(fmt.Sprintf("không có địa bàn hay nhóm địa bàn mã %q", code), fmt.Sprintf("no area or area group with code %q", code))
	}
	var out []string
	for _, a := range cat.Areas {
		if slices.Contains(a.Groups, code) {
			out = append(out, a.Code)
		}
	}
	return out, nil
}

// parseSince reads a time: a day, a day and time (in the local zone), or
// RFC 3339 with its zone.
func parseSince(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02", "02/01/2006"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, msg.New(fmt.Sprintf("thời điểm %q không hợp lệ (ví dụ 2026-11-01 hoặc 2026-11-01T08:00)", s),
		fmt.Sprintf("time %q is not valid (e.g. 2026-11-01 or 2026-11-01T08:00)", s))
}

// areaNames maps area codes to names.
func areaNames(cat *catalog.Catalog) map[string]string {
	names := map[string]string{}
	for _, a := range cat.Areas {
		names[a.Code] = a.Name
	}
	return names
}
