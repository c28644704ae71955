// Package defaults fills a new database with what Chỉ Số ships: the default
// catalog and, on request, the illustrative demo data for Quảng Ninh.
package defaults

import (
	"context"
	"fmt"
	"strconv"

	"chiso/assets"
	"chiso/data/catalog"
	"chiso/data/exchange"
	"chiso/data/number"
	"chiso/data/store"
)

// DemoNotice is shown wherever the demo data appears.
const (
	DemoNoticeVI = "Dữ liệu minh họa, không phải số liệu chính thức"
	DemoNoticeEN = "Illustrative data, not official figures"
)

// OfficialCatalog names the official part of the default catalog: the
// indicators, forms, rules and legal bases of the official lists, with its
// version marker. Its provenance (sources, counts, checksum) sits beside it
// in catalog/official/provenance.json.
const OfficialCatalog = "catalog/official/vn-official.json"

// Catalog returns the default catalog of a new office's database: the
// seed's measures (catalog/default.json) with the official part laid over
// them.
func Catalog() (*catalog.Catalog, error) {
	c, err := readCatalog("catalog/default.json")
	if err != nil {
		return nil, err
	}
	o, err := Official()
	if err != nil {
		return nil, err
	}
	c.Merge(o)
	return c, nil
}

// Official returns the official part of the default catalog alone.
func Official() (*catalog.Catalog, error) { return readCatalog(OfficialCatalog) }

func readCatalog(name string) (*catalog.Catalog, error) {
	f, err := assets.FS.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c, err := catalog.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}

// DemoCatalog returns the seed's measures with the demo's areas (Quảng
// Ninh) and targets: the catalog of the article's story, which has no
// figures of the official forms. A demo database takes the official part
// with "chiso catalog load" or Danh mục → Căn cứ pháp lý.
func DemoCatalog() (*catalog.Catalog, error) {
	c, err := readCatalog("catalog/default.json")
	if err != nil {
		return nil, err
	}
	d, err := readCatalog("demo/areas.json")
	if err != nil {
		return nil, err
	}
	c.Merge(d)
	return c, nil
}

// DemoCatalogThrough returns DemoCatalog as it stood at the end of a year
// (0: as it is), before later years were added to it: without the areas
// that began after that year (the units since the reform, for 2023) and
// the successors among them.
func DemoCatalogThrough(year int) (*catalog.Catalog, error) {
	c, err := DemoCatalog()
	if err != nil || year == 0 {
		return c, err
	}
	end := fmt.Sprintf("%04d-12-31", year)
	kept := map[string]bool{}
	areas := c.Areas[:0]
	for _, a := range c.Areas {
		if a.ValidFrom == "" || a.ValidFrom <= end {
			kept[a.Code] = true
			areas = append(areas, a)
		}
	}
	for i := range areas {
		a := &areas[i]
		succ := a.Successors[:0:0]
		for _, s := range a.Successors {
			if kept[s] {
				succ = append(succ, s)
			} else {
				delete(a.Shares, s)
			}
		}
		a.Successors = succ
		if len(a.Shares) == 0 {
			a.Shares = nil
		}
	}
	c.Areas = areas
	return c, nil
}

// Install saves the default catalog into st and, with demo, the demo areas,
// targets and values (InstallDemo), marking the database as holding demo
// data.
func Install(ctx context.Context, st *store.Store, demo bool) error {
	if demo {
		return InstallDemo(ctx, st, 0)
	}
	c, err := Catalog()
	if err != nil {
		return err
	}
	return st.SaveCatalog(ctx, c)
}

// InstallDemo saves the demo's catalog, areas, targets and values into st
// and marks it as holding the demo. through, when not 0, installs the demo
// as it stood at the end of that year, before later years were added to
// it: the areas that began after it (the units since the reform for
// 2023), the successors among them and the values of later periods are
// left out. Tests of what was written about those years use it.
func InstallDemo(ctx context.Context, st *store.Store, through int) error {
	c, err := DemoCatalogThrough(through)
	if err != nil {
		return err
	}
	if err := st.SaveCatalog(ctx, c); err != nil {
		return err
	}
	f, err := assets.FS.Open("demo/values.csv")
	if err != nil {
		return err
	}
	defer f.Close()
	values := exchange.ReadLong(f, "demo/values.csv", c, number.English)
	if through != 0 {
		all := values
		values = func(yield func(store.Change, error) bool) {
			for ch, err := range all {
				if err == nil && len(ch.Period) >= 4 && ch.Period[:4] > strconv.Itoa(through) {
					continue
				}
				if !yield(ch, err) {
					return
				}
			}
		}
	}
	if _, err := st.Import(ctx, "demo/values.csv", values); err != nil {
		return fmt.Errorf("demo data: %w", err)
	}
	return st.SetMeta("demo", "1")
}

// LoadCatalog lays the catalog file o over the catalog of st (see
// catalog.Overlay): entries with a code st has replace them, new ones are
// added, nothing is removed. The result is checked whole before anything is
// saved, so a file that does not fit changes nothing. It returns how many
// elements, indicators, rules, forms and layouts of o are new.
func LoadCatalog(ctx context.Context, st *store.Store, o *catalog.Catalog) (added int, err error) {
	cur, err := st.Catalog(ctx)
	if err != nil {
		return 0, err
	}
	have := map[string]bool{}
	for _, k := range loadKeys(cur) {
		have[k] = true
	}
	for _, k := range loadKeys(o) {
		if !have[k] {
			added++
		}
	}
	cur.Overlay(o)
	if err := cur.Validate(); err != nil {
		return 0, err
	}
	return added, st.SaveCatalog(ctx, cur)
}

// loadKeys lists the elements, indicators, rules, forms and layouts of c
// by kind and code.
func loadKeys(c *catalog.Catalog) []string {
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
	for _, l := range c.Layouts {
		out = append(out, "layout "+l.Code)
	}
	return out
}

// IsDemo reports whether the database holds the demo data.
func IsDemo(st *store.Store) bool {
	v, _ := st.Meta("demo")
	return v == "1"
}

// OpenOrCreate opens the database at path; a new file gets the default
// catalog and the demo data (the demo database, see DemoPath).
func OpenOrCreate(ctx context.Context, path string) (*store.Store, error) {
	st, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	if !Installed(st) {
		if err := Install(ctx, st, true); err != nil {
			st.Close()
			return nil, fmt.Errorf("fill new database %s: %w", path, err)
		}
		if err := st.SetMeta(MetaInstalled, "1"); err != nil {
			st.Close()
			return nil, err
		}
	}
	return st, nil
}
