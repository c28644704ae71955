package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/replica"
	"chiso/data/rootkey"
	"chiso/data/store"
)

const syncUsage = `
Đồng bộ / sync:
  chiso sync    [--db F] DIR                   gửi thay đổi của máy này vào thư mục đồng bộ DIR và nhận của các máy khác
  chiso package export|import [--db F] FILE    ghi / đọc một gói đồng bộ (.chisopkg) để gửi e-mail hoặc chép USB
  chiso office  province --name N --area A[,A…] [--passphrase-file P]
                                               (tỉnh) tạo khóa gốc (tệp riêng, mã hóa bằng mật khẩu) và chứng thư của tỉnh
  chiso office  issue --name N --area A[,A…] [--role commune|district] [--years 2] [--passphrase-file P] -o FILE
                                               (tỉnh) cấp tệp đơn vị cho một xã / huyện (cần mật khẩu khóa gốc)
  chiso office  load FILE                      (xã, huyện) nạp tệp đơn vị do tỉnh cấp
  chiso office  show                           đơn vị của máy này và các máy đã nhận
  chiso conflicts [--db F]                     các giá trị xung đột cần giải quyết
  chiso resolve [--db F] --element E --area A --period P [--category C] [--style vi|en] VALUE
                                               giải quyết một xung đột bằng giá trị VALUE
`

// progress shows how far a sync or a package has got, as a line of stderr
// rewritten in place ("Đang đồng bộ… 3/11 tệp"), when stderr is a terminal
// a person watches; a script or a log gets only the summary.
func (c *cli) progress(vi, en string) replica.Progress {
	if !c.tty {
		return nil
	}
	label := c.say(vi, en)
	return func(done, total int) {
		if total == 0 {
			return
		}
		fmt.Fprintf(c.stderr, "\r\033[K%s %d/%d %s", label, done, total, c.say("tệp", "files"))
		if done == total {
			fmt.Fprint(c.stderr, "\r\033[K") // the summary follows on stdout
		}
	}
}

// printReport prints a sync report and fails when something was refused.
func (c *cli) printReport(rep *replica.Report) error {
	for _, l := range rep.Lines(c.lang) {
		fmt.Fprintln(c.stdout, l.Text)
	}
	if len(rep.Rejected) > 0 {
		return msg.New(fmt.Sprintf("%d tệp hoặc thay đổi bị từ chối", len(rep.Rejected)), fmt.Sprintf("%d files or changes refused", len(rep.Rejected)))
	}
	return nil
}

func (c *cli) sync(args []string) error {
	if err := c.parse(args, 1); err != nil {
		return err
	}
	st, err := c.open()
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := replica.Sync(context.Background(), st, c.fs.Arg(0), c.lang, c.progress("Đang đồng bộ…", "Syncing…"))
	if err != nil {
		return err
	}
	return c.printReport(rep)
}

func (c *cli) pkg(args []string) error {
	if len(args) == 0 || (args[0] != "export" && args[0] != "import") {
		return msg.New("cần: chiso package export|import FILE", "want: chiso package export|import FILE")
	}
	if err := c.parse(args[1:], 1); err != nil {
		return err
	}
	st, err := c.open()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx, file := context.Background(), c.fs.Arg(0)
	var rep *replica.Report
	if args[0] == "export" {
		if rep, err = replica.ExportPackage(ctx, st, file, c.lang, c.progress("Đang ghi gói…", "Writing the package…")); err == nil {
			fmt.Fprintln(c.stdout, c.say("Đã ghi gói ", "Wrote the package ")+file)
		}
	} else {
		rep, err = replica.ImportPackage(ctx, st, file, c.lang, c.progress("Đang đọc gói…", "Reading the package…"))
	}
	if err != nil {
		return err
	}
	return c.printReport(rep)
}

func (c *cli) office(args []string) error {
	if len(args) == 0 {
		return msg.New("cần: chiso office province|issue|load|show", "want: chiso office province|issue|load|show")
	}
	sub := args[0]
	name := c.fs.String("name", "", "office name")
	areas := c.fs.String("area", "", "area codes, comma-separated")
	role := c.fs.String("role", string(replica.Commune), "commune or district")
	years := c.fs.Int("years", 2, "years of validity")
	out := c.fs.String("o", "", "office file to write")
	passFile := c.passphraseFlag()
	positional := 0
	if sub == "load" {
		positional = 1
	}
	if err := c.parse(args[1:], positional); err != nil {
		return err
	}
	st, err := c.open()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	codes := strings.Split(*areas, ",")
	if *areas == "" {
		codes = nil
	}
	switch sub {
	case "province":
		pass, err := c.passphrase(*passFile, true)
		if err != nil {
			return err
		}
		id, path, err := replica.CreateProvince(ctx, st, *name, codes, rootkey.DefaultDir(), pass)
		if err != nil {
			return err
		}
		c.rootKeyAdvice(path)
		return c.showIdentity(ctx, st, id)
	case "issue":
		if *out == "" {
			return msg.New("cần -o FILE: tệp đơn vị sẽ ghi", "want -o FILE: the office file to write")
		}
		if *role != string(replica.Commune) && *role != string(replica.District) {
			return msg.New("--role phải là commune hoặc district", "--role must be commune or district")
		}
		keys := rootkey.DefaultDir()
		if _, err := replica.RootKeyFile(st, keys); err != nil {
			return err // said before asking for a passphrase that could not help
		}
		pass, err := c.passphrase(*passFile, false)
		if err != nil {
			return err
		}
		rootKey, err := replica.UnlockRoot(st, keys, pass)
		if err != nil {
			return err
		}
		data, err := replica.IssueOffice(ctx, st, rootKey, *name, replica.Role(*role), codes, *years)
		if err != nil {
			return err
		}
		if err := rootkey.WriteFile(*out, data); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, c.say("Đã cấp tệp đơn vị %s cho %s (giữ kín như mật khẩu)\n", "Issued the office file %s for %s (keep it secret like a password)\n"), *out, *name)
		return nil
	case "load":
		data, err := os.ReadFile(c.fs.Arg(0))
		if err != nil {
			return msg.Wrap(err, "không đọc được "+c.fs.Arg(0), "cannot read "+c.fs.Arg(0))
		}
		id, err := replica.LoadOfficeFile(ctx, st, data)
		if err != nil {
			return err
		}
		return c.showIdentity(ctx, st, id)
	case "show":
		id, err := replica.LoadIdentity(st)
		if err != nil {
			return err
		}
		return c.showIdentity(ctx, st, id)
	}
	return msg.New("không có lệnh office "+sub, "unknown command office "+sub)
}

// showIdentity prints this computer's office and the writers known.
func (c *cli) showIdentity(ctx context.Context, st *store.Store, id *replica.Identity) error {
	fmt.Fprintf(c.stdout, c.say("Đơn vị: %s (%s), được ghi: %s, chứng thư đến %s\nMã thiết bị: %s\n", "Office: %s (%s), may write: %s, certificate until %s\nDevice id: %s\n"),
		id.Cert.Office, id.Cert.Role, strings.Join(id.Cert.Areas, ", "), id.Cert.NotAfter, st.Device())
	if id.Cert.Role == replica.Province {
		if path, err := replica.RootKeyFile(st, rootkey.DefaultDir()); err == nil {
			fmt.Fprintln(c.stdout, c.say("Khóa gốc: ", "Root key: ")+path)
		} else {
			fmt.Fprintln(c.stdout, c.say("Khóa gốc: không có trên máy này (khôi phục: chiso rootkey restore TỆP)", "Root key: not on this computer (restore it: chiso rootkey restore FILE)"))
		}
	}
	ws, err := st.Writers(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	for _, w := range ws {
		if w.Writer == st.Device() || w.Office == "" {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s %d\t%s\n", w.Writer, w.Office, c.say("tệp", "files"), w.Segments, w.Status)
	}
	return tw.Flush()
}

func (c *cli) conflicts(args []string) error {
	if err := c.parse(args, 0); err != nil {
		return err
	}
	st, err := c.open()
	if err != nil {
		return err
	}
	defer st.Close()
	cs, err := st.Conflicts(context.Background())
	if err != nil {
		return err
	}
	style := number.Vietnamese
	if c.lang == "en" {
		style = number.English
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	for _, k := range cs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t", k.Element, k.Area, k.Period, k.Category)
		for i, h := range k.Heads {
			v := c.say("(đã xóa)", "(deleted)")
			if h.Value != "" {
				v = number.Format(h.Value, -1, style)
			}
			mark := ""
			if i == 0 {
				mark = "*"
			}
			fmt.Fprintf(tw, "%s%s (%s, %s)\t", mark, v, h.Author, h.ChangedAt)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, c.say("%d xung đột (* là giá trị đang hiển thị)\n", "%d conflicts (* is the value shown)\n"), len(cs))
	return nil
}

func (c *cli) resolve(args []string) error {
	element := c.fs.String("element", "", "element code")
	area := c.fs.String("area", "", "area code")
	per := c.fs.String("period", "", "period")
	category := c.fs.String("category", "", "category option")
	styleName := c.fs.String("style", "vi", "number style of VALUE: vi or en")
	if err := c.parse(args, 1); err != nil {
		return err
	}
	st, style, err := c.openStyled(*styleName)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	cat, err := st.Catalog(ctx)
	if err != nil {
		return err
	}
	var canonical string
	found := false
	for i := range cat.Elements {
		if e := &cat.Elements[i]; e.Code == *element {
			found = true
			if canonical, err = store.ParseValue(e, c.fs.Arg(0), style); err != nil {
				return msg.Wrap(err, "giá trị "+c.fs.Arg(0), "value "+c.fs.Arg(0))
			}
		}
	}
	if !found {
		return msg.New("không có chỉ tiêu mã "+*element, "unknown element code "+*element)
	}
	if err := st.Resolve(ctx, store.Change{Element: *element, Area: *area, Period: *per, Category: *category, Value: canonical}); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, c.say("Đã ghi giá trị giải quyết; nó sẽ được gửi ở lần đồng bộ tới", "Resolution saved; it is sent at the next sync"))
	return nil
}
