package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"chiso/data/catalog"
	"chiso/data/period"
	"chiso/data/store/internal/direct"
)

// OutsideError says that an area has no place in a period: the period
// ends before the area was created or after it was abolished. Every figure
// of a period counts the areas that exist on its last day (package calc),
// so a value stored there would count nowhere. Successor, when set, is
// the area that took its place in that period, reached through single
// successors (Hoành Bồ → Hạ Long); its values may be recorded there.
type OutsideError struct {
	Area      *catalog.Area
	Period    period.Period
	Successor *catalog.Area
}

// Error returns the English text.
func (e *OutsideError) Error() string { return e.Message("en") }

// Message says why in lang ("vi" or "en").
func (e *OutsideError) Message(lang string) string {
	a, p := e.Area, e.Period
	name := fmt.Sprintf("%s (%s)", a.Name, a.Code)
	var s string
	switch {
	case a.ValidFrom != "" && p.End().Format("2006-01-02") < a.ValidFrom && lang == "vi":
		s = fmt.Sprintf("địa bàn %s chưa có trong kỳ %s (có từ %s), số liệu này sẽ không được tính vào đâu", name, p.Label("vi"), dmy(a.ValidFrom))
	case a.ValidFrom != "" && p.End().Format("2006-01-02") < a.ValidFrom:
		s = fmt.Sprintf("area %s did not exist yet in %s (it exists from %s): the value would count nowhere", name, p.Label("en"), dmy(a.ValidFrom))
	case lang == "vi":
		s = fmt.Sprintf("địa bàn %s không còn trong kỳ %s (chỉ có đến %s), số liệu này sẽ không được tính vào đâu", name, p.Label("vi"), dmy(a.ValidTo))
	default:
		s = fmt.Sprintf("area %s no longer existed in %s (it existed until %s): the value would count nowhere", name, p.Label("en"), dmy(a.ValidTo))
	}
	if e.Successor != nil {
		if lang == "vi" {
			s += fmt.Sprintf("; có thể ghi vào địa bàn kế tiếp %s (%s)", e.Successor.Name, e.Successor.Code)
		} else {
			s += fmt.Sprintf("; it may be recorded on the area that succeeded it, %s (%s)", e.Successor.Name, e.Successor.Code)
		}
	}
	return s
}

// dmy writes a date yyyy-mm-dd as dd/mm/yyyy.
func dmy(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return t.Format("02/01/2006")
}

// CheckArea returns an *OutsideError when area a has no place in period
// p, that is when a does not exist on the last day of p; area looks areas
// up by code, to follow a's successors. It returns nil when a exists then.
func CheckArea(a *catalog.Area, p period.Period, area func(code string) *catalog.Area) error {
	end := p.End()
	if period.ValidOn(a.ValidFrom, a.ValidTo, end) {
		return nil
	}
	e := &OutsideError{Area: a, Period: p}
	day := end.Format("2006-01-02")
	if a.ValidTo != "" && day > a.ValidTo {
		seen := map[string]bool{a.Code: true}
		for s := a; len(s.Successors) == 1; {
			if s = area(s.Successors[0]); s == nil || seen[s.Code] {
				break
			}
			seen[s.Code] = true
			if period.ValidOn(s.ValidFrom, s.ValidTo, end) {
				e.Successor = s
				break
			}
		}
	}
	return e
}

// areaCheck refuses, within one write, a value whose area does not exist
// in its period (CheckArea): the rule every local write obeys (entry,
// restore, undo, import, resolution). It reads each area once, on the
// write's own connection, and remembers for each the last period checked
// (the values of a file come by period or by area).
type areaCheck struct {
	c     *direct.Conn
	areas map[string]*checkedArea // by code; nil for an unknown code
}

// checkedArea is an area with the last period checked for it.
type checkedArea struct {
	catalog.Area
	period string
	err    error // CheckArea in period
}

func newAreaCheck(c *direct.Conn) *areaCheck {
	return &areaCheck{c: c, areas: map[string]*checkedArea{}}
}

// check returns an *OutsideError when c writes a value of an area in a
// period the area has no place in. Deleting such a value is allowed: it
// takes away a figure that counted nowhere.
func (k *areaCheck) check(c Change) error {
	if c.Value == "" {
		return nil
	}
	a, err := k.area(c.Area)
	if err != nil || a == nil || a.ValidFrom == "" && a.ValidTo == "" { // unknown (the caller checks codes), or always there
		return err
	}
	if a.period == c.Period {
		return a.err
	}
	p, err := period.Parse(c.Period)
	if err != nil {
		return err
	}
	if period.ValidOn(a.ValidFrom, a.ValidTo, p.End()) { // CheckArea's nil, without its successors
		a.period, a.err = c.Period, nil
		return nil
	}
	var readErr error
	err = CheckArea(&a.Area, p, func(code string) *catalog.Area { // its successors
		s, err := k.area(code)
		if err != nil && readErr == nil {
			readErr = err
		}
		if s == nil {
			return nil
		}
		return &s.Area
	})
	if readErr != nil {
		return readErr
	}
	a.period, a.err = c.Period, err
	return err
}

// area reads an area's name, dates and successors.
func (k *areaCheck) area(code string) (*checkedArea, error) {
	if a, ok := k.areas[code]; ok {
		return a, nil
	}
	a := &checkedArea{Area: catalog.Area{Code: code}}
	found, err := queryOne(k.c, `SELECT a.name, a.valid_from, a.valid_to,
		(SELECT group_concat(s.code) FROM area_successor x JOIN area s ON s.id = x.successor_id WHERE x.area_id = a.id)
		FROM area a WHERE a.code = ?`, func(st *direct.Stmt) {
		a.Name, a.ValidFrom, a.ValidTo = st.Text(0), st.Text(1), st.Text(2)
		if succ := st.Text(3); succ != "" {
			a.Successors = strings.Split(succ, ",")
		}
	}, code)
	if err != nil {
		return nil, fmt.Errorf("read the dates of area %s: %w", code, err)
	}
	if !found {
		a = nil
	}
	k.areas[code] = a
	return a, nil
}

// OutsideValues are stored values of an area in a period the area has no
// place in (see CheckArea), counted.
type OutsideValues struct {
	*OutsideError
	Values int // how many
}

// ValuesOutsideAreas lists the stored values whose area does not exist on
// the last day of their period, by area and period: values no figure
// counts, that `chiso check` reports.
func (s *Store) ValuesOutsideAreas(ctx context.Context) ([]OutsideValues, error) {
	cat, err := s.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	areas := map[string]*catalog.Area{}
	for i := range cat.Areas {
		areas[cat.Areas[i].Code] = &cat.Areas[i]
	}
	lookup := func(code string) *catalog.Area { return areas[code] }
	rows, err := s.db.QueryContext(ctx, `SELECT a.code, v.period, count(*) FROM datavalue v JOIN area a ON a.id = v.area_id
		WHERE v.value IS NOT NULL GROUP BY a.code, v.period ORDER BY a.code, v.period`)
	if err != nil {
		return nil, fmt.Errorf("read the areas and periods of the values: %w", err)
	}
	defer rows.Close()
	var out []OutsideValues
	for rows.Next() {
		var code, per string
		var n int
		if err := rows.Scan(&code, &per, &n); err != nil {
			return nil, err
		}
		a, p := areas[code], period.Period{}
		if p, err = period.Parse(per); err != nil || a == nil {
			continue // not a period or an area of the catalog: Check's business
		}
		if err := CheckArea(a, p, lookup); err != nil {
			out = append(out, OutsideValues{OutsideError: err.(*OutsideError), Values: n})
		}
	}
	return out, rows.Err()
}
