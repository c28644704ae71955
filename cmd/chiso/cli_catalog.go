package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/msg"
)

const catalogUsage = `
Danh mục / catalog:
  chiso catalog [--db F]                       phiên bản danh mục chính thức, căn cứ pháp lý và thời gian
                                               hiệu lực, các biểu (ký hiệu, hạn nhận, mẫu in)
  chiso catalog load [--db F] [FILE]           nạp tệp danh mục (JSON): chỉ tiêu, chỉ số, quy tắc, biểu
                                               cùng mã thì thay, mã mới thì thêm, không xóa gì; không có
                                               FILE: danh mục chính thức đi kèm chương trình
`

func (c *cli) catalog(args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return c.catalogShow(args)
	}
	if args[0] != "load" {
		return msg.New("cách dùng: chiso catalog [--db F] | chiso catalog load [--db F] [FILE]",
			"usage: chiso catalog [--db F] | chiso catalog load [--db F] [FILE]")
	}
	if err := c.fs.Parse(args[1:]); err != nil {
		return err
	}
	if c.fs.NArg() > 1 {
		return msg.New(fmt.Sprintf("cần nhiều nhất 1 tệp, nhận %d", c.fs.NArg()), fmt.Sprintf("want at most 1 file, got %d", c.fs.NArg()))
	}
	name, file, err := c.catalogFile()
	if err != nil {
		return err
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	added, err := defaults.LoadCatalog(context.Background(), s, file)
	if err != nil {
		return msg.Wrap(err, fmt.Sprintf("%s không nạp được, danh mục không đổi", name), fmt.Sprintf("%s was not loaded, the catalog is unchanged", name))
	}
	version := file.Version
	if version == "" {
		version = "-"
	}
	fmt.Fprintf(c.stdout, c.say(
		"Đã nạp %s (phiên bản %s): %d chỉ tiêu thu thập, %d chỉ số, %d quy tắc, %d biểu, %d mẫu in; mới: %d\n",
		"Loaded %s (version %s): %d elements, %d indicators, %d rules, %d forms, %d layouts; new: %d\n"),
		name, version, len(file.Elements), len(file.Indicators), len(file.Rules), len(file.DataSets), len(file.Layouts), added)
	return nil
}

// catalogFile reads the file named on the command line, or the official
// catalog shipped in the program when none is named.
func (c *cli) catalogFile() (string, *catalog.Catalog, error) {
	if c.fs.NArg() == 0 {
		o, err := defaults.Official()
		return defaults.OfficialCatalog, o, err
	}
	name := c.fs.Arg(0)
	f, err := os.Open(name)
	if err != nil {
		return name, nil, msg.Wrap(err, fmt.Sprintf("không mở được %s", name), fmt.Sprintf("cannot open %s", name))
	}
	defer f.Close()
	o, err := catalog.Read(f)
	if err != nil {
		return name, nil, msg.Wrap(err, fmt.Sprintf("%s không phải tệp danh mục hợp lệ", name), fmt.Sprintf("%s is not a valid catalog file", name))
	}
	return name, o, nil
}

// catalogShow prints which version of the official catalog the database
// has, its legal bases with their dates, and its forms with their symbols,
// deadlines and layouts.
func (c *cli) catalogShow(args []string) error {
	if err := c.parse(args, 0); err != nil {
		return err
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	cat, err := s.Catalog(context.Background())
	if err != nil {
		return err
	}
	vi := c.lang == "vi"
	version := cat.Version
	if version == "" {
		version = c.say("(chưa có: danh mục chưa nạp phần chính thức)", "(none: the official part was never loaded)")
	}
	fmt.Fprintf(c.stdout, c.say("Phiên bản danh mục chính thức: %s\n", "Official catalog version: %s\n"), version)
	if len(cat.LegalBases) > 0 {
		fmt.Fprintln(c.stdout, c.say("\nCăn cứ pháp lý:", "\nLegal bases:"))
	}
	today := time.Now()
	for _, b := range cat.LegalBases {
		title := b.TitleVI
		if !vi && b.TitleEN != "" {
			title = b.TitleEN
		}
		state := ""
		switch {
		case !b.InForce(today) && b.ValidFrom > today.Format(time.DateOnly):
			state = c.say(" [chưa có hiệu lực]", " [not yet in force]")
		case !b.InForce(today):
			state = c.say(" [hết hiệu lực]", " [no longer in force]")
		}
		dates := b.Dates(c.lang)
		if dates == "" {
			dates = c.say("(ngày hiệu lực chưa rõ)", "(dates not known)")
		}
		fmt.Fprintf(c.stdout, "  %-22s %s\n  %-22s %s%s\n", b.Number, title, "", dates, state)
		for _, r := range cat.ReplacedBy(b.Code) {
			fmt.Fprintf(c.stdout, "  %-22s %s %s\n", "", c.say("thay bởi", "replaced by"), r.Number)
		}
	}
	fmt.Fprintln(c.stdout, c.say("\nBiểu:", "\nForms:"))
	for _, d := range cat.DataSets {
		name := d.NameVI
		if !vi && d.NameEN != "" {
			name = d.NameEN
		}
		fmt.Fprintf(c.stdout, "  %-16s %s", d.Code, name)
		if d.FormSymbol != "" {
			fmt.Fprintf(c.stdout, c.say(" — biểu số %s", " — form %s"), d.FormSymbol)
		}
		if due := d.DueText(c.lang); due != "" {
			fmt.Fprintf(c.stdout, c.say(", hạn nhận: %s", ", due: %s"), due)
		}
		fmt.Fprintln(c.stdout)
		for _, l := range cat.Layouts {
			if l.DataSet == d.Code {
				name := l.NameVI
				if !vi && l.NameEN != "" {
					name = l.NameEN
				}
				fmt.Fprintf(c.stdout, c.say("  %-16s   mẫu in %s: %s (chiso report --form %s)\n", "  %-16s   layout %s: %s (chiso report --form %s)\n"), "", l.Code, name, l.Code)
			}
		}
	}
	return nil
}
