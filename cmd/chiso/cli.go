package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/term"

	"chiso/data/adminmap"
	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/exchange"
	"chiso/data/importer"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/replica"
	"chiso/data/store"
)

const usage = `Chỉ Số — chỉ tiêu kinh tế - xã hội cấp xã / local socio-economic indicators

Cách dùng / usage:
  chiso                         mở ứng dụng / open the app (database: $CHISO_DB or the user's data folder)
  chiso init    [--db F] [--area MÃ|TÊN] [--office TÊN] [--demo] [--empty] [--user TÊN]
                                               tạo CSDL: --area cho cơ quan một xã hay tỉnh hiện nay (danh
                                               mục mặc định, các đơn vị hành chính hiện nay và lịch sử của
                                               tỉnh); --demo (mặc định): dữ liệu minh họa Quảng Ninh;
                                               --empty: chỉ danh mục mặc định; --user: tên người dùng
                                               ghi vào mỗi thay đổi
  chiso import  [--db F] [--sheet S] [--style vi|en] [--dry-run] [--layout long|wide-period|wide-element]
                [--element E] [--period P] [--format long|dhis2-json|dhis2-csv]
                [--encoding auto|utf-8|utf-16|windows-1258] [--successor] FILE
                                               nhập CSV hoặc Excel (.xlsx): dạng dài (element,area,period,
                                               category,value,comment) hoặc bảng rộng (địa bàn theo hàng, kỳ
                                               hay chỉ tiêu theo cột); tất cả hoặc không, sao lưu CSDL trước;
                                               --dry-run: chỉ kiểm tra và đếm; --successor: ghi giá trị của
                                               địa bàn đã giải thể vào địa bàn kế tiếp
  chiso export  [--db F] [--format long|dhis2-json|dhis2-csv|sdmx-csv] [--style en|vi] [--period P]
                [--area A|NHÓM] [--element E] [--since T] [--wide] [--dataset D] [--structure F] [-o FILE]
                                               xuất CSV dạng dài (UTF-8 có BOM); một năm gồm cả các quý,
                                               tháng trong năm; --since: các thay đổi từ thời điểm T, kể cả
                                               việc xoá; --wide: một chỉ tiêu, địa bàn theo hàng, kỳ theo
                                               cột; dhis2-json, dhis2-csv: dataValueSets của DHIS2 theo mã
                                               (idScheme=CODE), --dataset ghi mã bộ dữ liệu; sdmx-csv:
                                               SDMX-CSV 2.0, kèm cấu trúc SDMX-ML 3.0 bên cạnh tệp -o
  chiso values  [--db F] --area A|NHÓM [--group NHÓM] --period P [--format table|csv|json] [--style vi|en]
                                               giá trị chỉ tiêu và chỉ số của một địa bàn (hay một nhóm
                                               địa bàn) trong một kỳ
  chiso check   [--db F] [--repair]            kiểm tra tính toàn vẹn của CSDL, tổng con lưu sẵn và giá
                                               trị của địa bàn ngoài thời gian tồn tại; --repair tính lại
                                               tổng con từ các giá trị
`

// fullUsage is the help of every command.
func fullUsage() string {
	return usage + settingsUsage + catalogUsage + areasUsage + reportUsage + syncUsage + cycleUsage + rootkeyUsage + usageEnd
}

const usageEnd = `
  chiso help

--lang vi|en chooses the language of messages (default: Vietnamese unless LANG starts with "en").
`

// cli holds what every sub-command shares.
type cli struct {
	stdout, stderr io.Writer
	tty            bool // stderr is a terminal: progress is shown there
	lang           string
	db             string
	fs             *flag.FlagSet
}

func runCLI(args []string, stdout, stderr io.Writer) int {
	c := &cli{stdout: stdout, stderr: stderr, lang: "vi"}
	if f, ok := stderr.(*os.File); ok {
		c.tty = term.IsTerminal(int(f.Fd()))
	}
	if strings.HasPrefix(os.Getenv("LANG"), "en") {
		c.lang = "en"
	}
	cmd := args[0]
	cmds := map[string]func([]string) error{
		"init": c.init, "areas": c.areas, "import": c.importCSV, "export": c.export, "values": c.values, "check": c.check, "catalog": c.catalog,
		"report": c.report, "sync": c.sync, "package": c.pkg, "office": c.office, "conflicts": c.conflicts, "resolve": c.resolve,
		"submit": c.cycleStep(store.Submit), "return": c.cycleStep(store.Return), "approve": c.cycleStep(store.Approve),
		"reopen": c.cycleStep(store.Reopen), "dismiss": c.cycleStep(store.Dismiss), "status": c.status, "revoke": c.revoke,
		"rootkey": c.rootkey, "settings": c.settings,
	}
	if cmd == "help" || cmd == "-h" || cmd == "--help" {
		fmt.Fprint(stdout, fullUsage())
		return 0
	}
	run, ok := cmds[cmd]
	if !ok {
		fmt.Fprintf(stderr, "chiso: %s\n%s", c.say(fmt.Sprintf("không có lệnh %q", cmd), fmt.Sprintf("unknown command %q", cmd)), fullUsage())
		return 2
	}
	c.fs = flag.NewFlagSet("chiso "+cmd, flag.ContinueOnError)
	c.fs.SetOutput(stderr)
	c.fs.StringVar(&c.db, "db", defaults.DBPath(), "database file")
	c.fs.StringVar(&c.lang, "lang", c.lang, "language of messages: vi or en")
	if err := run(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "chiso %s: %s\n", cmd, msg.Text(err, c.lang))
		return 1
	}
	return 0
}

func (c *cli) say(vi, en string) string {
	if c.lang == "en" {
		return en
	}
	return vi
}

func (c *cli) parse(args []string, positional int) error {
	if err := c.fs.Parse(args); err != nil {
		return err
	}
	if c.fs.NArg() != positional {
		return msg.New(fmt.Sprintf("cần %d tham số, nhận %d", positional, c.fs.NArg()),
			fmt.Sprintf("want %d arguments, got %d", positional, c.fs.NArg()))
	}
	return nil
}

func (c *cli) style(s string) (number.Style, error) {
	st, err := number.ParseStyle(s)
	if err != nil {
		return 0, msg.New(fmt.Sprintf("kiểu số %q không hợp lệ (vi hoặc en)", s), fmt.Sprintf("number style %q: want vi or en", s))
	}
	return st, nil
}

// open opens an existing database: the CLI never creates one by accident,
// except through init. A database still holding the province root key in
// plain text (an older version's) is refused until the key is moved out.
func (c *cli) open() (*store.Store, error) {
	st, err := c.openAllowingPlainKey()
	if err == nil && replica.HasPlainRootKey(st) {
		st.Close()
		return nil, msg.Wrap(replica.ErrPlainRootKey,
			fmt.Sprintf("chưa làm gì; chạy: chiso rootkey protect --db %s (mật khẩu mới: $%s, --passphrase-file hoặc gõ vào)", c.db, envPassphrase),
			fmt.Sprintf("nothing done; run: chiso rootkey protect --db %s (new passphrase: $%s, --passphrase-file or typed)", c.db, envPassphrase))
	}
	return st, err
}

// openAllowingPlainKey opens an existing database as it is.
func (c *cli) openAllowingPlainKey() (*store.Store, error) {
	if _, err := os.Stat(c.db); err != nil {
		return nil, msg.New(fmt.Sprintf("không có CSDL %s (tạo bằng: chiso init --db %s)", c.db, c.db),
			fmt.Sprintf("no database %s (create it with: chiso init --db %s)", c.db, c.db))
	}
	return store.Open(c.db)
}

// openEngine opens the database and starts a calculation engine on its
// catalog.
func (c *cli) openEngine() (*store.Store, *calc.Engine, error) {
	s, err := c.open()
	if err != nil {
		return nil, nil, err
	}
	ctx := context.Background()
	cat, err := s.Catalog(ctx)
	if err == nil {
		var en *calc.Engine
		if en, err = calc.New(ctx, cat, s); err == nil {
			return s, en, nil
		}
	}
	s.Close()
	return nil, nil, err
}

// areaQuery is what a command computing an area's figures works on.
type areaQuery struct {
	st    *store.Store // closed by the caller
	en    *calc.Engine
	area  *catalog.Area
	group string // the area group the figures are restricted to, "" for none
	p     period.Period
	style number.Style
}

// openArea reads the --area, --group, --period and --style arguments of a
// command that computes an area's figures ("" style: that of --lang),
// opens the database and starts the engine. With groups, --area may name
// an area group (DBKK): the figures are then the group's over the whole
// country; --group restricts them to a group's areas below the area.
// Without groups, an area group is refused with a message saying why.
func (c *cli) openArea(area, group, per, styleName string, groups bool) (*areaQuery, error) {
	if styleName == "" {
		styleName = c.lang
	}
	q := &areaQuery{group: group}
	var err error
	if q.style, err = c.style(styleName); err != nil {
		return nil, err
	}
	if q.p, err = parsePeriod(per); err != nil {
		return nil, err
	}
	if q.st, q.en, err = c.openEngine(); err != nil {
		return nil, err
	}
	fail := func(err error) (*areaQuery, error) {
		q.st.Close()
		return nil, err
	}
	isGroup := func(code string) bool {
		return slices.ContainsFunc(q.en.Catalog.Groups, func(g catalog.Group) bool { return g.Code == code })
	}
	if group != "" && !isGroup(group) {
		return fail(msg.New(fmt.Sprintf("không có nhóm địa bàn mã %q", group), fmt.Sprintf("no area group with code %q", group)))
	}
	if q.area = q.en.Area(area); q.area != nil {
		return q, nil
	}
	switch {
	case !isGroup(area):
		return fail(msg.New(fmt.Sprintf("không có địa bàn mã %q", area), fmt.Sprintf("unknown area code %q", area)))
	case !groups:
		return fail(msg.New(fmt.Sprintf("%q là mã một nhóm địa bàn, không phải một địa bàn: hãy chọn một địa bàn (ví dụ --area QN); số liệu của cả nhóm xem bằng chiso values --area %s", area, area),
			fmt.Sprintf("%q is the code of an area group, not of an area: choose an area (e.g. --area QN); the group's figures are shown by chiso values --area %s", area, area)))
	case group != "":
		return fail(msg.New("--area là một nhóm địa bàn: bỏ --group", "--area is an area group: drop --group"))
	}
	// The group over the whole country: the area at the top.
	var roots []*catalog.Area
	for i, a := range q.en.Catalog.Areas {
		if a.Parent == "" {
			roots = append(roots, &q.en.Catalog.Areas[i])
		}
	}
	if len(roots) != 1 {
		return fail(msg.New(fmt.Sprintf("hãy chọn địa bàn chứa nhóm: --area MÃ --group %s", area), fmt.Sprintf("choose the area holding the group: --area CODE --group %s", area)))
	}
	q.area, q.group = roots[0], area
	return q, nil
}

// parsePeriod reads a --period argument.
func parsePeriod(s string) (period.Period, error) {
	p, err := period.Parse(s)
	if err != nil {
		return p, msg.New(fmt.Sprintf("kỳ %q không hợp lệ (ví dụ 2020, 2024Q1, 202401, 2021-2025)", s), err.Error())
	}
	return p, nil
}

// openStyled checks the number style named, then opens the database.
func (c *cli) openStyled(styleName string) (*store.Store, number.Style, error) {
	st, err := c.style(styleName)
	if err != nil {
		return nil, 0, err
	}
	s, err := c.open()
	return s, st, err
}

func (c *cli) init(args []string) error {
	area := c.fs.String("area", "", "the office's commune or province in force today: its official code (06970, 22) or its name (\"ba che\")")
	office := c.fs.String("office", "", "the office's name (default: UBND and the area's name)")
	demo := c.fs.Bool("demo", false, "the illustrative Quảng Ninh demo data (the default without --area or --empty)")
	empty := c.fs.Bool("empty", false, "the default catalog only: no area, no data")
	user := c.fs.String("user", "", "your name, recorded on every change (until given: the system's user name)")
	if err := c.parse(args, 0); err != nil {
		return err
	}
	chosen := 0
	for _, b := range []bool{*area != "", *demo, *empty} {
		if b {
			chosen++
		}
	}
	if chosen > 1 {
		return msg.New("chọn một trong --area, --demo, --empty", "choose one of --area, --demo, --empty")
	}
	if _, err := os.Stat(c.db); err == nil {
		return msg.New("CSDL "+c.db+" đã có, không ghi đè", "database "+c.db+" exists already, not overwriting it")
	}
	code := ""
	if *area != "" {
		var err error
		if code, err = c.officeArea(*area); err != nil {
			return err
		}
	}
	st, err := store.Open(c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	fail := func(err error) error {
		st.Close()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(c.db + suffix)
		}
		return err
	}
	if *user != "" {
		if err := st.SetAuthor(*user); err != nil {
			return fail(err)
		}
	}
	if code != "" {
		if err := defaults.InstallOffice(ctx, st, code, *office); err != nil {
			return fail(err)
		}
		name, _ := st.Meta(defaults.MetaOffice)
		fmt.Fprintf(c.stdout, c.say("Đã tạo CSDL %s cho %s (mã %s)\n", "Created database %s for %s (code %s)\n"), c.db, name, code)
		return nil
	}
	if err := defaults.Install(ctx, st, !*empty); err != nil {
		return fail(err)
	}
	if *office != "" {
		if err := st.SetMeta(defaults.MetaOffice, strings.TrimSpace(*office)); err != nil {
			return fail(err)
		}
	}
	if err := st.SetMeta(defaults.MetaInstalled, "1"); err != nil {
		return fail(err)
	}
	fmt.Fprintln(c.stdout, c.say("Đã tạo CSDL ", "Created database ")+c.db)
	if !*empty {
		fmt.Fprintln(c.stdout, c.say(defaults.DemoNoticeVI, defaults.DemoNoticeEN))
	}
	return nil
}

// officeArea reads the --area of init: the code of a commune or province
// in force today, or a name that finds exactly one (its own name first,
// then a former one, as the first-start screen searches).
func (c *cli) officeArea(area string) (string, error) {
	l, err := adminmap.Load()
	if err != nil {
		return "", err
	}
	if l.Unit(area) != nil {
		u, err := defaults.OfficeArea(l, area)
		if err != nil {
			return "", err
		}
		return u.Code, nil
	}
	var found []adminmap.Match
	for _, level := range []int{adminmap.LevelProvince, adminmap.LevelCommune} {
		found = append(found, l.NewFinder(level).Find(area, "")...)
	}
	if len(found) == 1 {
		return found[0].Unit.Code, nil
	}
	if len(found) == 0 {
		return "", msg.New(fmt.Sprintf("không tìm thấy đơn vị hành chính %q (cho mã, ví dụ 06970, hoặc tên)", area),
			fmt.Sprintf("no administrative unit %q found (give a code, e.g. 06970, or a name)", area))
	}
	var lines []string
	for i, m := range found {
		if i == 10 {
			lines = append(lines, c.say(fmt.Sprintf("… và %d đơn vị khác", len(found)-10), fmt.Sprintf("… and %d more", len(found)-10)))
			break
		}
		line := "  " + m.Unit.Code + "  " + m.Unit.Name
		if p := l.Unit(m.Unit.Parent); p != nil && m.Unit.Level == adminmap.LevelCommune {
			line += ", " + p.Name
		}
		if m.Former != "" {
			line += c.say(" (trước đây: "+m.Former+")", " (formerly "+m.Former+")")
		}
		lines = append(lines, line)
	}
	return "", msg.New(fmt.Sprintf("%q khớp %d đơn vị, hãy cho mã:\n%s", area, len(found), strings.Join(lines, "\n")),
		fmt.Sprintf("%q matches %d units, give the code:\n%s", area, len(found), strings.Join(lines, "\n")))
}

func (c *cli) importCSV(args []string) error {
	styleName := c.fs.String("style", "", "number style of the values: vi (1.234,5) or en (1,234.5); detected per column when not given")
	sheet := c.fs.String("sheet", "", "the sheet of a workbook (default: the first)")
	dryRun := c.fs.Bool("dry-run", false, "check and count, write nothing")
	layoutName := c.fs.String("layout", "", "long, wide-period or wide-element (default: detected)")
	element := c.fs.String("element", "", "the element of a table by period (code or name)")
	per := c.fs.String("period", "", "the period of a table by element (2024, 2024Q1, Năm 2024…)")
	format := c.fs.String("format", "long", "long (CSV or XLSX, any layout), dhis2-json or dhis2-csv")
	encodingName := c.fs.String("encoding", "auto", "text encoding of a CSV: auto, utf-8, utf-16 or windows-1258")
	successor := c.fs.Bool("successor", false, "record the values of an area outside its dates on the area that succeeded it")
	if err := c.parse(args, 1); err != nil {
		return err
	}
	enc, err := importer.ParseEncoding(*encodingName)
	if err != nil {
		return err
	}
	var st number.Style
	if *styleName != "" {
		var err error
		if st, err = c.style(*styleName); err != nil {
			return err
		}
	}
	layout, err := importer.ParseLayout(*layoutName)
	if err != nil {
		return err
	}
	if *format != "long" && *format != "dhis2-json" && *format != "dhis2-csv" {
		return msg.New(fmt.Sprintf("định dạng %q không hợp lệ (long, dhis2-json hoặc dhis2-csv)", *format),
			fmt.Sprintf("format %q: want long, dhis2-json or dhis2-csv", *format))
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
	name := c.fs.Arg(0)
	rejections := func(w io.Writer, sum importer.Summary) {
		for _, r := range sum.Rejections {
			fmt.Fprintln(w, "  "+r.Message(c.lang))
		}
		if more := sum.Rejected - len(sum.Rejections); more > 0 {
			fmt.Fprintf(w, c.say("  … và %d lỗi khác (chỉ liệt kê %d lỗi đầu)\n", "  … and %d more (only the first %d are listed)\n"), more, len(sum.Rejections))
		}
	}
	notes := func(sum importer.Summary) {
		for _, n := range append([]error{sum.TableEnd()}, sum.Warnings...) {
			if n != nil {
				fmt.Fprintln(c.stderr, c.say("chú ý: ", "note: ")+msg.Text(n, c.lang))
			}
		}
	}
	moved := func(w io.Writer, sum importer.Summary) {
		if sum.Moved > 0 {
			fmt.Fprintf(w, c.say("%d giá trị của địa bàn đã giải thể được ghi vào địa bàn kế tiếp\n", "%d values of abolished areas are recorded on the areas that succeeded them\n"), sum.Moved)
		}
		if sum.Movable > 0 {
			fmt.Fprintf(w, c.say("%d giá trị bị từ chối có địa bàn kế tiếp để ghi vào: thêm --successor để ghi chúng vào đó\n",
				"%d rejected values have a successor area to be recorded on: add --successor to record them there\n"), sum.Movable)
		}
	}
	report := func(sum importer.Summary, err error) error {
		notes(sum)
		if err != nil {
			if errors.Is(err, importer.ErrRejected) {
				rejections(c.stderr, sum)
				moved(c.stderr, sum)
			}
			return err
		}
		if *dryRun {
			fmt.Fprintf(c.stdout, c.say("Kiểm tra (không ghi gì): %d giá trị từ %d dòng: %d mới, %d thay đổi, %d không đổi, %d bị từ chối\n",
				"Dry run (nothing written): %d values from %d rows: %d new, %d changed, %d unchanged, %d rejected\n"),
				sum.Values, sum.Rows, sum.New, sum.Changed, sum.Unchanged, sum.Rejected)
			rejections(c.stdout, sum)
			moved(c.stdout, sum)
			if sum.Rejected > 0 {
				return msg.New(fmt.Sprintf("%d giá trị bị từ chối: tệp sẽ không được nhập", sum.Rejected),
					fmt.Sprintf("%d values rejected: the file would not be imported", sum.Rejected))
			}
			return nil
		}
		fmt.Fprintf(c.stdout, c.say("Đã nhập %d giá trị từ %d dòng: %d mới, %d thay đổi, %d không đổi\n", "Imported %d values from %d rows: %d new, %d changed, %d unchanged\n"),
			sum.Values, sum.Rows, sum.New, sum.Changed, sum.Unchanged)
		moved(c.stdout, sum)
		fmt.Fprintln(c.stdout, c.say("Bản sao lưu trước khi nhập: ", "Backup made before the import: ")+sum.Backup)
		fmt.Fprintf(c.stdout, c.say("(giữ %d bản mới nhất cạnh CSDL, đổi bằng chiso settings --keep-backups N; đã xóa %d bản cũ hơn)\n",
			"(the newest %d are kept beside the database, change it with chiso settings --keep-backups N; %d older removed)\n"), s.KeepBackups(), len(sum.Pruned))
		return nil
	}

	// DHIS2 data value sets: read by the exchange package, checked and
	// counted here (the dry run reads the stored values to count).
	if *format != "long" {
		if fi, err := os.Stat(name); err != nil {
			return msg.Wrap(err, "không mở được tệp "+name, "cannot open file "+name)
		} else if fi.Size() > importer.MaxFileSize {
			_, err := importer.Open(name) // says why, with the sizes
			return err
		}
		read := exchange.ReadDHIS2JSON
		if *format == "dhis2-csv" {
			read = exchange.ReadDHIS2CSV
		}
		data, err := os.ReadFile(name) // read whole and closed, as the spreadsheets are
		if err != nil {
			return msg.Wrap(err, "không mở được tệp "+name, "cannot open file "+name)
		}
		base := filepath.Base(name)
		pos := &exchange.Position{}
		stream := importer.ChangeStream{Name: base, Changes: read(bytes.NewReader(data), base, cat, pos),
			Where: func(lang string) string { return pos.Where(lang) }}
		opt := importer.ChangeOptions{Successors: *successor}
		if *dryRun {
			return report(importer.DryRunChanges(ctx, s, stream, opt))
		}
		return report(importer.ApplyChanges(ctx, s, stream, opt))
	}

	f, err := importer.OpenAs(name, enc)
	if err != nil {
		return err
	}
	defer f.Close()
	plan, err := importer.PreviewContext(ctx, f, *sheet, cat, importer.Options{Layout: layout, Element: *element, Period: *per})
	if err != nil {
		return err
	}
	plan.Successors = *successor
	if *styleName != "" {
		plan.SetStyle(st)
	} else if f.Kind == importer.CSV && plan.Layout == importer.LayoutLong && len(plan.Columns) >= 5 {
		// Chỉ Số's own long CSV keeps the default it always had: an
		// ambiguous "9.999" is Vietnamese. Other files must say.
		own := true
		for i, h := range exchange.LongColumns[:min(len(plan.Columns), len(exchange.LongColumns))] {
			own = own && strings.EqualFold(strings.TrimSpace(plan.Columns[i].Header), h)
		}
		for i := range plan.Columns {
			col := &plan.Columns[i]
			if own && col.Role == importer.RoleValue && (col.Style == importer.StyleAmbiguous || col.Style == importer.StyleMixed) {
				col.Style = importer.StyleVietnamese
				fmt.Fprintln(c.stderr, c.say(
					fmt.Sprintf("chú ý: cột %s có số như %q, đọc theo kiểu Việt (1.234,5) như mặc định; ghi --style en nếu tệp dùng kiểu Anh", col.Name(), col.Example),
					fmt.Sprintf("note: column %s has numbers like %q, read in Vietnamese style (1.234,5) by default; give --style en if the file is English style", col.Name(), col.Example)))
			}
		}
	}
	for _, n := range plan.Notes {
		fmt.Fprintln(c.stderr, c.say("chú ý: ", "note: ")+msg.Text(n, c.lang))
	}
	if err := plan.Ready(); err != nil {
		var pe *importer.PlanError
		if errors.As(err, &pe) {
			switch pe.Need {
			case importer.NeedStyle:
				return msg.Wrap(err, "hãy ghi --style vi hoặc --style en", "give --style vi or --style en")
			case importer.NeedElement:
				return msg.Wrap(err, "hãy ghi --element MÃ", "give --element CODE")
			case importer.NeedPeriod:
				return msg.Wrap(err, "hãy ghi --period KỲ", "give --period PERIOD")
			}
		}
		return err
	}
	if *dryRun {
		return report(importer.DryRun(ctx, s, plan, nil))
	}
	return report(importer.Apply(ctx, s, plan, nil))
}

func (c *cli) check(args []string) error {
	repair := c.fs.Bool("repair", false, "work the subtotals out again from the values")
	if err := c.parse(args, 0); err != nil {
		return err
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	if *repair {
		if err := s.RebuildSubtotals(context.Background()); err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.say("Đã tính lại các tổng con từ các giá trị", "The subtotals were worked out again from the values"))
	}
	problems, err := s.Check(context.Background())
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		vi, en := "CSDL có lỗi:\n"+strings.Join(problems, "\n"), "the database has problems:\n"+strings.Join(problems, "\n")
		if slices.ContainsFunc(problems, func(p string) bool { return strings.HasPrefix(p, "subtotal") }) {
			vi += "\nTổng con (subtotal) không khớp với giá trị: chạy chiso check --repair để tính lại."
			en += "\nSubtotals that do not match the values: run chiso check --repair to work them out again."
		}
		return msg.New(vi, en)
	}
	outside, err := s.ValuesOutsideAreas(context.Background())
	if err != nil {
		return err
	}
	if len(outside) > 0 {
		var vi, en []string
		for _, o := range outside {
			vi = append(vi, fmt.Sprintf("  %d giá trị của %s kỳ %s: %s", o.Values, o.Area.Code, o.Period, o.Message("vi")))
			en = append(en, fmt.Sprintf("  %d values of %s in %s: %s", o.Values, o.Area.Code, o.Period, o.Message("en")))
		}
		return msg.New("CSDL có giá trị của địa bàn ngoài thời gian tồn tại, không được tính vào đâu:\n"+strings.Join(vi, "\n"),
			"the database holds values of areas outside their dates, which count nowhere:\n"+strings.Join(en, "\n"))
	}
	v, _ := s.SchemaVersion()
	fmt.Fprintf(c.stdout, c.say("CSDL %s toàn vẹn (phiên bản lược đồ %d)\n", "Database %s is sound (schema version %d)\n"), c.db, v)
	return nil
}
