package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"chiso/data/calc"
	"chiso/data/defaults"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
)

func (c *cli) values(args []string) error {
	area := c.fs.String("area", "", "area code (e.g. QN), or an area group (e.g. DBKK) for the group over the whole country")
	group := c.fs.String("group", "", "only the areas of this group below the area (e.g. DBKK)")
	per := c.fs.String("period", "", "period (e.g. 2020, 2024Q1, 2021-2025)")
	format := c.fs.String("format", "table", "table, csv or json")
	styleName := c.fs.String("style", "", "number style: vi or en (default: that of --lang)")
	if err := c.parse(args, 0); err != nil {
		return err
	}
	q, err := c.openArea(*area, *group, *per, *styleName, true)
	if err != nil {
		return err
	}
	defer q.st.Close()
	rows, err := q.en.Rows(q.area.Code, q.p)
	if err != nil {
		return err
	}
	name := q.area.Name
	if q.group != "" {
		if rows, err = groupRows(q.en, rows, q.area.Code, q.group, q.p); err != nil {
			return err
		}
		for _, g := range q.en.Catalog.Groups {
			if g.Code == q.group {
				name += c.say(" — nhóm "+g.NameVI, " — group "+g.NameEN)
			}
		}
	}
	if defaults.IsDemo(q.st) {
		fmt.Fprintln(c.stderr, "("+c.say(defaults.DemoNoticeVI, defaults.DemoNoticeEN)+")")
	}
	return writeRows(c.stdout, *format, rows, name, q.p, c.lang, q.style)
}

// groupRows computes the rows of an area's sheet over the areas of a
// group below it, each figure as the engine makes it (with what it lacks).
// A yes/no element counts the group's areas answering yes among those
// reporting ("5/6").
func groupRows(en *calc.Engine, rows []calc.Row, area, group string, p period.Period) ([]calc.Row, error) {
	for i := range rows {
		r := &rows[i]
		f, err := en.Figure(r.Code, area, p, group)
		if err != nil {
			return nil, err
		}
		r.Figure = f
		if r.YesNo {
			r.Of = f.Reporting
			r.UnitVI, r.UnitEN = "đơn vị đạt/báo cáo", "areas yes/reporting"
		}
	}
	return rows, nil
}

// writeRows prints an area's sheet as a table, CSV or JSON.
func writeRows(w io.Writer, format string, rows []calc.Row, areaName string, p period.Period, lang string, st number.Style) error {
	val := func(r calc.Row) string { return r.Text(st, lang) }
	switch format {
	case "table":
		fmt.Fprintf(w, "%s — %s\n", areaName, p.Label(lang))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		head := []string{"Mã", "Chỉ tiêu", "Đơn vị", "Giá trị"}
		if lang == "en" {
			head = []string{"Code", "Name", "Unit", "Value"}
		}
		// A figure short of some parts of the period or of some areas
		// says so in a last column ("đến năm 2023").
		notes := slices.ContainsFunc(rows, func(r calc.Row) bool { return r.Note(p, lang) != "" })
		if notes {
			head = append(head, map[bool]string{true: "Note", false: "Ghi chú"}[lang == "en"])
		}
		fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
		for _, r := range rows {
			v := val(r)
			if v == "" {
				v = "–"
			}
			line := []string{r.Code, r.Name(lang), r.Unit(lang), v}
			if notes {
				line = append(line, r.Note(p, lang))
			}
			fmt.Fprintln(tw, strings.Join(line, "\t")+"\t")
		}
		return tw.Flush()
	case "csv":
		fmt.Fprint(w, "\uFEFFcode,name,unit,value\n")
		for _, r := range rows {
			fmt.Fprintf(w, "%s,%s,%s,%s\n", csvField(r.Code), csvField(r.Name(lang)), csvField(r.Unit(lang)), csvField(val(r)))
		}
		return nil
	case "json":
		type item struct {
			Code      string   `json:"code"`
			Name      string   `json:"name"`
			Unit      string   `json:"unit"`
			Indicator bool     `json:"indicator,omitempty"`
			Value     *float64 `json:"value"`
			Text      string   `json:"text"`
		}
		out := make([]item, 0, len(rows))
		for _, r := range rows {
			it := item{Code: r.Code, Name: r.Name(lang), Unit: r.Unit(lang), Indicator: r.Indicator, Text: val(r)}
			if r.OK {
				// Rounded as the text shows it, but never through the
				// text: its grouping ("1,314,541") is not a number.
				v, _ := strconv.ParseFloat(strconv.FormatFloat(r.Value, 'f', r.Decimals, 64), 64)
				it.Value = &v
			}
			out = append(out, it)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"area": areaName, "period": p.String(), "values": out})
	}
	return msg.New(fmt.Sprintf("định dạng %q không hợp lệ (table, csv, json)", format), fmt.Sprintf("format %q: want table, csv or json", format))
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
