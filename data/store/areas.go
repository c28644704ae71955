package store

import (
	"context"
	"fmt"
	"strings"

	"chiso/data/catalog"
	"chiso/data/store/internal/direct"
)

// saveAreas adds the areas to the database, updating those whose code it
// has, with their parents over time, groups, successors (and the
// successors' shares) and former names. Each statement is prepared once: a first start
// saves the 3,321 communes of the country and more.
func saveAreas(dc *direct.Conn, areas []catalog.Area) error {
	if len(areas) == 0 {
		return nil
	}
	existing, err := loadCodeMap(dc, `SELECT id, code FROM area`)
	if err != nil {
		return err
	}
	id := make(map[string]int64, len(existing.id)+len(areas))
	for code, n := range existing.id {
		id[code] = n
	}
	upsert, err := dc.Cached(`INSERT INTO area(code, name, name_en, level, valid_from, valid_to, parent_id) VALUES (?,?,?,?,?,?,?)
		ON CONFLICT(code) DO UPDATE SET name=excluded.name, name_en=excluded.name_en, level=excluded.level,
		valid_from=excluded.valid_from, valid_to=excluded.valid_to, parent_id=excluded.parent_id RETURNING id`)
	if err != nil {
		return err
	}
	// Areas in order, each with its parent when the parent is known by
	// then; a parent that follows its child in the list is set after.
	var later []int
	for i, a := range areas {
		var parent any
		if a.Parent != "" {
			if p, ok := id[a.Parent]; ok {
				parent = p
			} else {
				later = append(later, i)
			}
		}
		err := upsert.Bind(a.Code, a.Name, a.NameEN, a.Level, a.ValidFrom, a.ValidTo, parent)
		var row bool
		if err == nil {
			row, err = upsert.Step()
		}
		if err == nil && !row {
			err = fmt.Errorf("no id returned")
		}
		if err == nil {
			id[a.Code] = upsert.Int64(0)
		}
		if rerr := upsert.Reset(); err == nil {
			err = rerr
		}
		if err != nil {
			return fmt.Errorf("area %s: %w", a.Code, err)
		}
	}
	ref := func(a *catalog.Area, what, code string) (int64, error) {
		if n, ok := id[code]; ok {
			return n, nil
		}
		return 0, fmt.Errorf("area %s: %s %q not found", a.Code, what, code)
	}
	for _, i := range later {
		a := &areas[i]
		p, err := ref(a, "parent", a.Parent)
		if err == nil {
			err = dc.Exec(`UPDATE area SET parent_id = ? WHERE id = ?`, p, id[a.Code])
		}
		if err != nil {
			return err
		}
	}
	for i := range areas {
		a := &areas[i]
		self := id[a.Code]
		if _, existed := existing.id[a.Code]; existed {
			for _, del := range []string{
				`DELETE FROM area_group_member WHERE area_id = ?`,
				`DELETE FROM area_successor WHERE area_id = ?`,
				`DELETE FROM area_parent_span WHERE area_id = ?`,
				`DELETE FROM area_former_name WHERE area_id = ?`,
			} {
				if err := dc.Exec(del, self); err != nil {
					return fmt.Errorf("area %s: %w", a.Code, err)
				}
			}
		}
		for _, g := range a.Groups {
			if err := dc.Exec(`INSERT INTO area_group_member(group_code, area_id) VALUES (?, ?)`, g, self); err != nil {
				return fmt.Errorf("area %s group %s: %w", a.Code, g, err)
			}
		}
		for _, code := range a.Successors {
			succ, err := ref(a, "successor", code)
			if err != nil {
				return err
			}
			var share any
			if v, ok := a.Shares[code]; ok {
				share = v
			}
			if err := dc.Exec(`INSERT INTO area_successor(area_id, successor_id, share) VALUES (?, ?, ?)`, self, succ, share); err != nil {
				return fmt.Errorf("area %s successor %s: %w", a.Code, code, err)
			}
		}
		for _, p := range a.Parents {
			parent, err := ref(a, "parent", p.Parent)
			if err != nil {
				return err
			}
			if err := dc.Exec(`INSERT INTO area_parent_span(area_id, parent_id, valid_from, valid_to) VALUES (?, ?, ?, ?)`, self, parent, p.From, p.To); err != nil {
				return fmt.Errorf("area %s parent %s from %q: %w", a.Code, p.Parent, p.From, err)
			}
		}
		for j, f := range a.FormerNames {
			if err := dc.Exec(`INSERT INTO area_former_name(area_id, sort, name, valid_to) VALUES (?, ?, ?, ?)`, self, j, f.Name, f.Until); err != nil {
				return fmt.Errorf("area %s former name %s: %w", a.Code, f.Name, err)
			}
		}
	}
	return nil
}

// readAreas reads every area with its groups, successors (and shares),
// parents over time and former names, in the order they were first saved.
// It reads on the direct connection: opening a national database reads
// thousands of areas, a column at a time.
func readAreas(c *direct.Conn) ([]catalog.Area, error) {
	var areas []catalog.Area
	index := map[int64]int{}
	err := eachRow(c, `SELECT a.id, a.code, a.name, a.name_en, a.level, COALESCE(p.code, ''), a.valid_from, a.valid_to,
		(SELECT group_concat(group_code) FROM area_group_member WHERE area_id = a.id)
		FROM area a LEFT JOIN area p ON p.id = a.parent_id ORDER BY a.id`, func(st *direct.Stmt) error {
		a := catalog.Area{Code: st.Text(1), Name: st.Text(2), NameEN: st.Text(3), Level: int(st.Int64(4)), Parent: st.Text(5),
			ValidFrom: st.Text(6), ValidTo: st.Text(7)}
		if groups := st.Text(8); groups != "" {
			a.Groups = strings.Split(groups, ",")
		}
		index[st.Int64(0)] = len(areas)
		areas = append(areas, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(c, `SELECT x.area_id, s.code, x.share FROM area_successor x JOIN area s ON s.id = x.successor_id ORDER BY x.area_id, s.id`, func(st *direct.Stmt) error {
		a := &areas[index[st.Int64(0)]]
		code := st.Text(1)
		a.Successors = append(a.Successors, code)
		if !st.IsNull(2) {
			if a.Shares == nil {
				a.Shares = map[string]float64{}
			}
			a.Shares[code] = st.Float(2)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(c, `SELECT x.area_id, p.code, x.valid_from, x.valid_to FROM area_parent_span x JOIN area p ON p.id = x.parent_id ORDER BY x.area_id, x.valid_from`, func(st *direct.Stmt) error {
		a := &areas[index[st.Int64(0)]]
		a.Parents = append(a.Parents, catalog.ParentSpan{Parent: st.Text(1), From: st.Text(2), To: st.Text(3)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(c, `SELECT area_id, name, valid_to FROM area_former_name ORDER BY area_id, sort`, func(st *direct.Stmt) error {
		a := &areas[index[st.Int64(0)]]
		a.FormerNames = append(a.FormerNames, catalog.FormerName{Name: st.Text(1), Until: st.Text(2)})
		return nil
	})
	return areas, err
}

// HasCatalog reports whether the database holds any element or area:
// whether it was ever filled.
func (s *Store) HasCatalog(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM (SELECT 1 FROM element LIMIT 1)) + (SELECT count(*) FROM (SELECT 1 FROM area LIMIT 1))`).Scan(&n)
	return n > 0, err
}
