package adminupdate

import (
	"context"
	"fmt"
	"slices"
	"time"

	"chiso/data/adminmap"
	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/store"
)

// Apply makes the plan so from date (yyyy-mm-dd), the first day of the new
// list, in one transaction:
//   - a new unit is valid from date, under its province (the nation for a
//     province), and the units the mapping sends into it name it as their
//     successor;
//   - a renamed unit keeps its former name until the day before;
//   - a moved unit keeps its former province as its parent until the day
//     before;
//   - a unit that ends (merged, split, dissolved) has the day before as its
//     last, and its successors (with their shares) where the mapping gives
//     them.
//
// Nothing is deleted and no stored value changes: the values of a unit
// that ended stay, and count for the periods in which it existed. A date
// that is not a date, or on which a unit to end had not begun yet, is
// refused before anything is written.
func Apply(ctx context.Context, st *store.Store, p *Plan, date string) error {
	day, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return msg.New(fmt.Sprintf("ngày hiệu lực %q không phải ngày (yyyy-mm-dd)", date), fmt.Sprintf("effective date %q is not a date (yyyy-mm-dd)", date))
	}
	last := day.AddDate(0, 0, -1).Format(time.DateOnly)
	cat, err := st.Catalog(ctx)
	if err != nil {
		return err
	}
	have := current(cat)
	index := map[string]int{}
	for i, a := range cat.Areas {
		index[a.Code] = i
	}
	area := func(c Change) (*catalog.Area, error) {
		a := have[c.Code]
		if a == nil {
			return nil, msg.New(fmt.Sprintf("%s %s không còn trong cơ sở dữ liệu: hãy xem lại thay đổi", c.Code, c.Name),
				fmt.Sprintf("%s %s is no longer in the database: preview the update again", c.Code, c.Name))
		}
		if a.ValidFrom != "" && a.ValidFrom >= date {
			return nil, msg.New(fmt.Sprintf("%s %s bắt đầu từ %s, không thể đổi từ %s", c.Code, a.Name, a.ValidFrom, date),
				fmt.Sprintf("%s %s began on %s and cannot change from %s", c.Code, a.Name, a.ValidFrom, date))
		}
		return a, nil
	}
	var added []catalog.Area
	for _, c := range p.Changes {
		switch c.Kind {
		case New:
			if _, exists := index[c.Code]; exists {
				return msg.New(fmt.Sprintf("mã %s đã có trong cơ sở dữ liệu (một đơn vị đã kết thúc): mã không được dùng lại", c.Code),
					fmt.Sprintf("code %s is in the database already (a unit that ended): codes are not reused", c.Code))
			}
			a := catalog.Area{Code: c.Code, Name: c.Name, Level: adminmap.LevelCommune, Parent: c.Province, ValidFrom: date}
			if len(c.Code) == 2 {
				a.Level, a.Parent = adminmap.LevelProvince, adminmap.Nation
			}
			added = append(added, a)
		case Renamed:
			a, err := area(c)
			if err != nil {
				return err
			}
			a.FormerNames = append(slices.Clone(a.FormerNames), catalog.FormerName{Name: a.Name, Until: last})
			a.Name = c.Name
		case Moved:
			a, err := area(c)
			if err != nil {
				return err
			}
			spans := slices.Clone(a.Parents)
			if len(spans) == 0 {
				spans = []catalog.ParentSpan{{Parent: a.Parent, From: a.ValidFrom}}
			}
			spans[len(spans)-1].To = last
			a.Parents = append(spans, catalog.ParentSpan{Parent: c.Province, From: date})
			a.Parent = c.Province
		default: // the unit ends
			a, err := area(c)
			if err != nil {
				return err
			}
			a.ValidTo = last
			a.Successors = slices.Clone(a.Successors)
			for _, s := range c.Successors {
				if !slices.Contains(a.Successors, s) {
					a.Successors = append(a.Successors, s)
				}
			}
			for s, v := range c.Shares {
				if a.Shares == nil {
					a.Shares = map[string]float64{}
				}
				a.Shares[s] = v
			}
		}
	}
	c := &catalog.Catalog{Levels: cat.Levels, Groups: cat.Groups, Areas: append(cat.Areas, added...)}
	if err := c.Validate(); err != nil {
		return msg.Wrap(err, "danh mục mới không khớp với cơ sở dữ liệu, không có gì thay đổi", "the new list does not fit the database, nothing was changed")
	}
	return st.SaveCatalog(ctx, c)
}
