package main

import (
	"context"
	"fmt"
	"os"

	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/msg"
)

const catalogUsage = `
Danh mục / catalog:
  chiso catalog load [--db F] [FILE]           nạp tệp danh mục (JSON): chỉ tiêu, chỉ số, quy tắc, biểu
                                               cùng mã thì thay, mã mới thì thêm, không xóa gì; không có
                                               FILE: danh mục chính thức đi kèm chương trình
`

func (c *cli) catalog(args []string) error {
	if len(args) == 0 || args[0] != "load" {
		return msg.New("cách dùng: chiso catalog load [--db F] [FILE]", "usage: chiso catalog load [--db F] [FILE]")
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
	ctx := context.Background()
	cur, err := s.Catalog(ctx)
	if err != nil {
		return err
	}
	added := countNew(cur, file)
	if err := defaults.LoadCatalog(ctx, s, file); err != nil {
		return msg.Wrap(err, fmt.Sprintf("%s không nạp được, danh mục không đổi", name), fmt.Sprintf("%s was not loaded, the catalog is unchanged", name))
	}
	version := file.Version
	if version == "" {
		version = "-"
	}
	fmt.Fprintf(c.stdout, c.say(
		"Đã nạp %s (phiên bản %s): %d chỉ tiêu thu thập, %d chỉ số, %d quy tắc, %d biểu; mới: %d\n",
		"Loaded %s (version %s): %d elements, %d indicators, %d rules, %d forms; new: %d\n"),
		name, version, len(file.Elements), len(file.Indicators), len(file.Rules), len(file.DataSets), added)
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

// countNew counts the elements, indicators, rules and forms of o that c
// does not have yet.
func countNew(c, o *catalog.Catalog) int {
	have := map[string]bool{}
	for _, k := range keys(c) {
		have[k] = true
	}
	n := 0
	for _, k := range keys(o) {
		if !have[k] {
			n++
		}
	}
	return n
}

// keys lists the elements, indicators, rules and forms of c by kind and code.
func keys(c *catalog.Catalog) []string {
	var out []string
	for _, e := range c.Elements {
		out = append(out, "element "+e.Code)
	}
	for _, in := range c.Indicators {
		out = append(out, "indicator "+in.Code)
	}
	for _, r := range c.Rules {
		out = append(out, "rule "+r.Code)
	}
	for _, d := range c.DataSets {
		out = append(out, "form "+d.Code)
	}
	return out
}
