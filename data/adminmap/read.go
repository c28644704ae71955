package adminmap

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"chiso/assets"
	"chiso/data/catalog"
	"chiso/data/vntext"
)

// Files are the files of the list in assets/admin, in the order they are
// read.
var Files = []string{"provinces.csv", "communes.csv", "renames.csv", "before.csv", "successors.csv"}

// columns are the header of each file.
var columns = map[string]string{
	"provinces.csv":  "code,type,name",
	"communes.csv":   "code,province,type,name",
	"renames.csv":    "level,code,date,resolution,old_type,old_name,new_type,new_name",
	"before.csv":     "level,code,parent,type,name,from,to",
	"successors.csv": "level,from,to_level,to,date,kind,share,basis",
}

// Load reads the list shipped in the binary.
func Load() (*List, error) { return Read(assets.FS, "admin") }

// Read reads the list from the files of dir in fsys (see Files and
// assets/admin/PROVENANCE.md for their columns).
func Read(fsys fs.FS, dir string) (*List, error) {
	// The shipped list has 15,310 units; room for them avoids copying a
	// growing slice.
	const size = 1 << 14
	r := reader{l: &List{Units: make([]Unit, 0, size)}, index: make(map[string]int, size)}
	r.add(Unit{Area: catalog.Area{Code: Nation, Name: "Việt Nam", NameEN: "Viet Nam", Level: LevelNation}})
	rows := map[string]func([]string) error{
		"provinces.csv": r.province, "communes.csv": r.commune, "renames.csv": r.rename,
		"before.csv": r.before, "successors.csv": r.successor,
	}
	for _, name := range Files {
		if err := r.readFile(fsys, path.Join(dir, name), columns[name], rows[name]); err != nil {
			return nil, err
		}
	}
	r.l.index = r.index
	return r.l, nil
}

type reader struct {
	l     *List
	index map[string]int // catalog code → index in l.Units
}

func (r *reader) add(u Unit) error {
	if _, ok := r.index[u.Code]; ok {
		return fmt.Errorf("%s listed twice", u.Code)
	}
	r.index[u.Code] = len(r.l.Units)
	r.l.Units = append(r.l.Units, u)
	return nil
}

func (r *reader) unit(code string) *Unit {
	if i, ok := r.index[code]; ok {
		return &r.l.Units[i]
	}
	return nil
}

// readFile checks the header of a CSV file and calls row for each line
// after it, naming the file and line of any error.
func (r *reader) readFile(fsys fs.FS, name, header string, row func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("official list: %w", err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err == nil && strings.Join(head, ",") != header {
		err = fmt.Errorf("columns %q, want %q", strings.Join(head, ","), header)
	}
	if err != nil {
		return fmt.Errorf("official list: %s: %w", name, err)
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err == nil {
			err = row(rec)
		}
		if err != nil {
			return fmt.Errorf("official list: %s line %d: %w", name, line, err)
		}
	}
}

// province reads provinces.csv: code, type, name.
func (r *reader) province(f []string) error {
	return r.add(Unit{
		Area:     catalog.Area{Code: f[0], Name: vntext.NFC(f[2]), Level: LevelProvince, Parent: Nation, ValidFrom: Reform},
		Official: f[0], Type: f[1],
	})
}

// commune reads communes.csv: code, province, type, name.
func (r *reader) commune(f []string) error {
	if r.unit(f[1]) == nil {
		return fmt.Errorf("commune %s: province %s not in provinces.csv", f[0], f[1])
	}
	return r.add(Unit{
		Area:     catalog.Area{Code: f[0], Name: vntext.NFC(f[3]), Level: LevelCommune, Parent: f[1], ValidFrom: Reform},
		Official: f[0], Type: f[2],
	})
}

// rename reads renames.csv: level, code, date, resolution, old_type,
// old_name, new_type, new_name.
func (r *reader) rename(f []string) error {
	if r.unit(f[1]) == nil {
		return fmt.Errorf("rename of %s, which is not in the list", f[1])
	}
	rn := Rename{Code: f[1], Date: f[2], Resolution: f[3], OldType: f[4], OldName: vntext.NFC(f[5]), NewType: f[6], NewName: vntext.NFC(f[7])}
	r.l.Renames = append(r.l.Renames, rn)
	u := r.unit(rn.Code)
	u.FormerNames = append(u.FormerNames, catalog.FormerName{Name: rn.OldName, Until: dayBefore(rn.Date)})
	return nil
}

var levels = map[string]int{"province": LevelProvince, "district": LevelDistrict, "commune": LevelCommune}

func level(s string) (int, error) {
	if l, ok := levels[s]; ok {
		return l, nil
	}
	return 0, fmt.Errorf("unknown level %q", s)
}

// before reads before.csv: level, code, parent, type, name, from, to, one
// line for each span of a unit's life with the same parent, type and name,
// in order of date.
func (r *reader) before(f []string) error {
	lv, err := level(f[0])
	if err != nil {
		return err
	}
	code := Code(lv, f[1], true)
	parent := Nation
	if lv > LevelProvince {
		parent = Code(lv-1, f[2], true)
		if r.unit(parent) == nil {
			return fmt.Errorf("%s: parent %s not listed before it", code, parent)
		}
	}
	from, to := f[5], f[6]
	u := r.unit(code)
	if u == nil {
		return r.add(Unit{
			Area:     catalog.Area{Code: code, Name: vntext.NFC(f[4]), Level: lv, Parent: parent, ValidFrom: from, ValidTo: to},
			Official: strings.SplitN(f[1], "_", 2)[0], Type: f[3],
		})
	}
	if from != nextDay(u.ValidTo) {
		return fmt.Errorf("%s: span from %q does not follow the one ending %s", code, from, u.ValidTo)
	}
	if parent != u.Parent {
		if len(u.Parents) == 0 {
			u.Parents = []catalog.ParentSpan{{Parent: u.Parent, From: u.ValidFrom, To: u.ValidTo}}
		}
		u.Parents = append(u.Parents, catalog.ParentSpan{Parent: parent, From: from, To: to})
	} else if n := len(u.Parents); n > 0 {
		u.Parents[n-1].To = to
	}
	u.Name, u.Type, u.Parent, u.ValidTo = vntext.NFC(f[4]), f[3], parent, to
	return nil
}

// successor reads successors.csv: level, from, to_level, to, date, kind,
// share, basis. The unit that ended is always one before the reform; the
// one that took over is from after it when date is the day of the reform.
func (r *reader) successor(f []string) error {
	lv, err := level(f[0])
	if err != nil {
		return err
	}
	toLv, err := level(f[2])
	if err != nil {
		return err
	}
	from := r.unit(Code(lv, f[1], true))
	if from == nil {
		return fmt.Errorf("successor of %s %s, which is not in before.csv", f[0], f[1])
	}
	to := Code(toLv, f[3], f[4] != Reform)
	if r.unit(to) == nil {
		return fmt.Errorf("%s: successor %s not in the list", from.Code, to)
	}
	if slices.Contains(from.Successors, to) {
		return fmt.Errorf("%s: successor %s listed twice", from.Code, to)
	}
	from.Successors = append(from.Successors, to)
	if f[6] != "" {
		v, err := strconv.ParseFloat(f[6], 64)
		if err != nil {
			return fmt.Errorf("%s: share %q: %w", from.Code, f[6], err)
		}
		if from.Shares == nil {
			from.Shares = map[string]float64{}
		}
		from.Shares[to] = v
	}
	return nil
}

// dayBefore returns the day before day (yyyy-mm-dd), or "" if day is not
// a date.
func dayBefore(day string) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return ""
	}
	return d.AddDate(0, 0, -1).Format(time.DateOnly)
}

// nextDay returns the day after day (yyyy-mm-dd), or "" if day is not a
// date.
func nextDay(day string) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return ""
	}
	return d.AddDate(0, 0, 1).Format(time.DateOnly)
}
