package defaults

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"chiso/data/adminmap"
	"chiso/data/msg"
	"chiso/data/store"
)

// Meta keys of a database installed for an office.
const (
	MetaOffice     = "office"      // the office's name, shown in the title and on reports
	MetaOfficeArea = "office_area" // the code of the commune or province it keeps
	MetaInstalled  = "installed"   // "1" once the database was filled
)

// Installed reports whether the database was filled (for an office, with
// the demo data or the default catalog alone, or by any other means: it
// holds a catalog): a database that was not is new, and the app asks whom
// it is for.
func Installed(st *store.Store) bool {
	if v, _ := st.Meta(MetaInstalled); v != "" {
		return true
	}
	ok, _ := st.HasCatalog(context.Background())
	return ok
}

// OfficeArea returns the unit of the official list in force today that
// area names: a commune or a province. An older unit (X06988) is refused
// with the units that hold it today.
func OfficeArea(l *adminmap.List, area string) (*adminmap.Unit, error) {
	u := l.Unit(area)
	if u == nil {
		return nil, msg.New(fmt.Sprintf("không có đơn vị hành chính mã %q trong danh mục chính thức", area),
			fmt.Sprintf("no administrative unit has the code %q in the official list", area))
	}
	if u.ValidTo != "" {
		var now []string
		for _, c := range l.Lineage().Now(u.Code, adminmap.Today) {
			now = append(now, c+" "+l.Unit(c).Name)
		}
		return nil, msg.New(
			fmt.Sprintf("%s là %s, đơn vị trước ngày 01/7/2025; nay thuộc %s", area, u.Name, strings.Join(now, ", ")),
			fmt.Sprintf("%s is %s, a unit before 1/7/2025; today it is part of %s", area, u.Name, strings.Join(now, ", ")))
	}
	if u.Level != adminmap.LevelCommune && u.Level != adminmap.LevelProvince {
		return nil, msg.New(fmt.Sprintf("%s không phải xã hay tỉnh", area), fmt.Sprintf("%s is not a commune nor a province", area))
	}
	return u, nil
}

// OfficeName returns the usual name of the office of a unit: "UBND xã Ba
// Chẽ", "UBND tỉnh Quảng Ninh".
func OfficeName(u *adminmap.Unit) string {
	r, n := utf8.DecodeRuneInString(u.Name)
	return "UBND " + string(unicode.ToLower(r)) + u.Name[n:]
}

// InstallOffice fills a new database for the office of area, a commune or
// a province in force today (see OfficeArea): the default catalog with its
// official part, every unit of the official list in force today, and the
// units of before of the area's province with their history and
// successors (adminmap.List.ForProvince). It records the office's name
// (OfficeName when name is empty) and area.
func InstallOffice(ctx context.Context, st *store.Store, area, name string) error {
	l, err := adminmap.Load()
	if err != nil {
		return err
	}
	u, err := OfficeArea(l, area)
	if err != nil {
		return err
	}
	province := u.Code
	if u.Level == adminmap.LevelCommune {
		province = u.Parent
	}
	c, err := Catalog()
	if err != nil {
		return err
	}
	if c.Areas, err = l.ForProvince(province); err != nil {
		return err
	}
	if err := st.SaveCatalog(ctx, c); err != nil {
		return err
	}
	if name = strings.TrimSpace(name); name == "" {
		name = OfficeName(u)
	}
	for _, kv := range [][2]string{{MetaOffice, name}, {MetaOfficeArea, u.Code}, {MetaInstalled, "1"}} {
		if err := st.SetMeta(kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// DemoPath returns the demo database: chiso-demo.db beside the database
// the app opens by default (see DBPath), apart from the office's data.
func DemoPath() string { return filepath.Join(filepath.Dir(DBPath()), "chiso-demo.db") }
