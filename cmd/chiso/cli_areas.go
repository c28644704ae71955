package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"chiso/data/adminupdate"
	"chiso/data/catalog"
	"chiso/data/importer"
	"chiso/data/msg"
	"chiso/data/number"
)

const areasUsage = `
Đơn vị hành chính / administrative units:
  chiso areas update [--db F] [--mapping FILE] [--date NGÀY] [--dry-run] FILE
                                               cập nhật theo danh mục mới của cơ quan thống kê (tệp Excel
                                               hay CSV: Mã, Tên, Cấp, Mã TP, Tỉnh / Thành Phố) và bảng
                                               chuyển đổi (Mã xã mới, Mã xã cũ, Ghi chú): in các thay đổi
                                               (mới, đổi tên, chuyển tỉnh, nhập, chia, giải thể), rồi áp
                                               dụng từ --date (ngày đầu tiên của danh mục mới), sao lưu CSDL
                                               trước; không xóa gì, không đổi số liệu; --dry-run: chỉ xem
`

func (c *cli) areas(args []string) error {
	if len(args) == 0 || args[0] != "update" {
		return msg.New("cách dùng: chiso areas update [--db F] [--mapping FILE] [--date NGÀY] [--dry-run] FILE",
			"usage: chiso areas update [--db F] [--mapping FILE] [--date DATE] [--dry-run] FILE")
	}
	mapping := c.fs.String("mapping", "", "the conversion table of old codes to new ones (Excel or CSV)")
	date := c.fs.String("date", "", "the first day of the new list: yyyy-mm-dd or dd/mm/yyyy")
	dryRun := c.fs.Bool("dry-run", false, "show what would change, write nothing")
	if err := c.parse(args[1:], 1); err != nil {
		return err
	}
	day := ""
	if !*dryRun {
		var err error
		if day, err = parseDay(*date); err != nil {
			return err
		}
	}
	l, err := adminupdate.ReadList(c.fs.Arg(0))
	if err != nil {
		return err
	}
	var links []adminupdate.Link
	if *mapping != "" {
		if links, err = adminupdate.ReadMapping(*mapping); err != nil {
			return err
		}
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	cat, err := s.Catalog(ctx)
	if err != nil {
		return err
	}
	mappingName := ""
	if *mapping != "" {
		mappingName = filepath.Base(*mapping)
	}
	p, err := adminupdate.Diff(cat, l, links, mappingName)
	if err != nil {
		return err
	}
	c.printPlan(p, cat, l)
	if *dryRun || p.Empty() {
		if p.Empty() {
			fmt.Fprintln(c.stdout, c.say("Không có gì thay đổi.", "Nothing changes."))
		} else {
			fmt.Fprintln(c.stdout, c.say("Chạy thử: chưa ghi gì.", "Dry run: nothing written."))
		}
		return nil
	}
	backup := importer.BackupPath(c.db, time.Now())
	if err := s.Backup(ctx, backup); err != nil {
		return err
	}
	if err := adminupdate.Apply(ctx, s, p, day); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, c.say("Đã cập nhật từ ngày %s. Bản sao lưu trước khi cập nhật: %s\n", "Updated from %s. Backup before the update: %s\n"),
		showDay(day), backup)
	return nil
}

// printPlan prints what an update would change, grouped.
func (c *cli) printPlan(p *adminupdate.Plan, cat *catalog.Catalog, l *adminupdate.List) {
	names := map[string]string{}
	for _, a := range cat.Areas {
		names[a.Code] = a.Name
	}
	for _, u := range append(l.Provinces, l.Communes...) {
		if _, ok := names[u.Code]; !ok || u.Name != "" {
			names[u.Code] = u.Name
		}
	}
	n := func(v int) string { return number.FormatFloat(float64(v), 0, c.numberStyle()) }
	fmt.Fprintf(c.stdout, c.say("Danh mục %s: %s tỉnh, thành phố; %s xã, phường, đặc khu", "List %s: %s provinces; %s communes"), p.List, n(p.Provinces), n(p.Communes))
	if p.Mapping != "" {
		fmt.Fprintf(c.stdout, c.say("; bảng chuyển đổi %s", "; mapping %s"), p.Mapping)
	}
	fmt.Fprintln(c.stdout)
	for _, k := range adminupdate.Kinds {
		if p.Count(k) == 0 {
			continue
		}
		fmt.Fprintf(c.stdout, "%s (%s):\n", k.Label(c.lang), n(p.Count(k)))
		for _, ch := range p.Changes {
			if ch.Kind == k {
				fmt.Fprintln(c.stdout, "  "+ch.Describe(func(code string) string { return names[code] }, c.lang))
			}
		}
	}
	fmt.Fprintf(c.stdout, c.say("Không đổi: %s\n", "Unchanged: %s\n"), n(p.Unchanged))
}

// parseDay reads a date written yyyy-mm-dd or dd/mm/yyyy.
func parseDay(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, "02/01/2006", "2/1/2006"} {
		if d, err := time.Parse(layout, s); err == nil {
			return d.Format(time.DateOnly), nil
		}
	}
	return "", msg.New(fmt.Sprintf("cần --date, ngày đầu tiên của danh mục mới (ví dụ 01/01/2027), nhận %q", s),
		fmt.Sprintf("--date is needed, the first day of the new list (e.g. 2027-01-01), got %q", s))
}

// showDay writes yyyy-mm-dd as dd/mm/yyyy.
func showDay(day string) string {
	if d, err := time.Parse(time.DateOnly, day); err == nil {
		return d.Format("02/01/2006")
	}
	return day
}
