package main

import (
	"fmt"
	"time"

	"chiso/data/msg"
	"chiso/data/report"
)

const reportUsage = `
Báo cáo / reports:
  chiso report  [--db F] --area A --period P [--dataset D | --form M] [--format xlsx|pdf|csv]
                [--agency "UBND XÃ …"] [--style vi|en] -o FILE
                                               báo cáo của một địa bàn trong một kỳ (năm hoặc giai đoạn
                                               2016-2020), có phần nhận xét; --form: theo mẫu biểu quy
                                               định (xem chiso catalog); định dạng theo đuôi tệp
`

func (c *cli) report(args []string) error {
	area := c.fs.String("area", "", "area code (e.g. QN)")
	per := c.fs.String("period", "", "period (e.g. 2024, 2016-2020)")
	dataset := c.fs.String("dataset", "", "data set code (default: every element and indicator)")
	form := c.fs.String("form", "", "form layout code: the report in the form's official layout (see chiso catalog)")
	format := c.fs.String("format", "", "xlsx, pdf or csv (default: from the file name)")
	agency := c.fs.String("agency", "", "issuing office (default: the office name of the database)")
	styleName := c.fs.String("style", "", "number style of the CSV and the analysis: vi or en (default: that of --lang)")
	out := c.fs.String("o", "", "report file to write")
	if err := c.parse(args, 0); err != nil {
		return err
	}
	if *out == "" {
		return msg.New("cần -o FILE: tệp báo cáo sẽ ghi (.xlsx, .pdf hoặc .csv)", "want -o FILE: the report file to write (.xlsx, .pdf or .csv)")
	}
	q, err := c.openArea(*area, "", *per, *styleName, false)
	if err != nil {
		return err
	}
	s, en, p, st := q.st, q.en, q.p, q.style
	defer s.Close()
	if *agency == "" {
		*agency, _ = s.Meta("office")
	}
	if *form != "" && *dataset != "" {
		return msg.New("chọn --dataset hoặc --form, không cả hai", "give --dataset or --form, not both")
	}
	rep, err := report.New(en, report.Options{Area: *area, Period: p, DataSet: *dataset, Layout: *form, Lang: c.lang, Agency: *agency, Today: time.Now()}, st)
	if err != nil {
		return err
	}
	if err := rep.NoData(); err != nil {
		return err
	}
	if err := report.WriteFile(*out, *format, rep, st); err != nil {
		return err
	}
	for _, sentence := range rep.Analysis {
		fmt.Fprintln(c.stdout, sentence)
	}
	rows := len(rep.Rows)
	if rep.Form != nil {
		rows = len(rep.Form.Rows)
		for _, n := range rep.Form.Notes {
			fmt.Fprintln(c.stdout, n)
		}
	}
	for _, n := range rep.Notes {
		fmt.Fprintln(c.stdout, n)
	}
	fmt.Fprintf(c.stdout, c.say("Đã ghi báo cáo %s (%d dòng)\n", "Wrote the report %s (%d rows)\n"), *out, rows)
	return nil
}
