package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/store/internal/direct"
)

// Change is one value to write: Value is canonical (see package number), ""
// deletes the value.
type Change struct {
	Element, Area, Period, Category string
	Value                           string
	Comment                         string
	FollowUp                        bool
	Status                          Status
}

// Value is a stored value with who wrote it.
type Value struct {
	Element, Area, Period, Category string
	Value                           string // canonical decimal; "" for a deleted value
	Comment                         string
	FollowUp                        bool
	Status                          Status
	Author                          string
	ChangedAt                       string
	OpID                            string // device:seq of the change that wrote it
}

// Status says whether a value is an official figure or an estimate. It is
// a field of each change, like the comment: making an estimate official
// is a new change (with the same number or a new one), so the estimate
// stays in the value's history with its date and author, and sync treats
// it as any other change.
type Status string

// The statuses of a value.
const (
	Official Status = ""  // số chính thức: the figure as finally reported
	Estimate Status = "E" // số ước tính (ước thực hiện): the figure estimated before the period's end
)

// Valid reports whether st is a status this program knows.
func (st Status) Valid() bool { return st == Official || st == Estimate }

// Result counts what a Save or an Import did.
type Result struct {
	Rows      int // changes read
	New       int // keys that had no value
	Changed   int // keys whose value, comment or flag changed
	Unchanged int // identical to what was stored
}

// refs maps the catalog's codes to database ids, for one transaction.
type refs struct {
	elements map[string]elementRef
	areas    map[string]int64
	datasets map[string]int64
	periods  map[string]bool
}

type elementRef struct {
	id int64
	e  catalog.Element
}

// queryer is a database or a transaction.
type queryer interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}

func (s *Store) loadRefs(ctx context.Context, q queryer) (*refs, error) {
	r := &refs{elements: map[string]elementRef{}, areas: map[string]int64{}, periods: map[string]bool{}}
	rows, err := q.QueryContext(ctx, `SELECT id, code, value_type, categories, min, max, decimals FROM element`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var er elementRef
		var cats string
		var min, max sql.NullFloat64
		if err := rows.Scan(&er.id, &er.e.Code, &er.e.ValueType, &cats, &min, &max, &er.e.Decimals); err != nil {
			rows.Close()
			return nil, err
		}
		if cats != "" {
			er.e.Categories = strings.Split(cats, ",")
		}
		er.e.Min, er.e.Max = floatPtr(min), floatPtr(max)
		r.elements[er.e.Code] = er
	}
	rows.Close()
	if r.areas, err = idsOf(ctx, q, `SELECT id, code FROM area`); err != nil {
		return nil, err
	}
	if r.datasets, err = idsOf(ctx, q, `SELECT id, code FROM dataset`); err != nil {
		return nil, err
	}
	return r, nil
}

// idsOf reads (id, code) rows into a map by code.
func idsOf(ctx context.Context, q queryer, query string) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		out[code] = id
	}
	return out, rows.Err()
}

// CheckValue tells whether canonical is an acceptable value of element e.
func CheckValue(e *catalog.Element, canonical string) error {
	if canonical == "" {
		return nil
	}
	f := number.Float(canonical)
	switch e.ValueType {
	case catalog.Integer:
		if strings.Contains(canonical, ".") {
			return msg.New("phải là số nguyên, không có phần thập phân", "must be a whole number")
		}
	case catalog.YesNo:
		if canonical != "0" && canonical != "1" {
			return msg.New("phải là có (1) hoặc không (0)", "must be yes (1) or no (0)")
		}
	case catalog.Percent:
		if f < 0 || f > 100 {
			return msg.New("tỷ lệ phải từ 0 đến 100", "a percentage must be between 0 and 100")
		}
	}
	if e.Min != nil && f < *e.Min {
		m := number.Canonical(*e.Min)
		return msg.New("nhỏ hơn giá trị tối thiểu "+number.Format(m, -1, number.Vietnamese),
			"below the minimum "+number.Format(m, -1, number.English))
	}
	if e.Max != nil && f > *e.Max {
		m := number.Canonical(*e.Max)
		return msg.New("lớn hơn giá trị tối đa "+number.Format(m, -1, number.Vietnamese),
			"above the maximum "+number.Format(m, -1, number.English))
	}
	return nil
}

// ParseValue reads text typed or imported for element e in style st and
// returns its canonical form: yes/no elements also take có/không, yes/no.
func ParseValue(e *catalog.Element, text string, st number.Style) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", nil
	}
	if e.ValueType == catalog.YesNo {
		switch strings.ToLower(text) {
		case "1", "có", "co", "yes", "y", "true", "x", "đạt":
			return "1", nil
		case "0", "không", "khong", "no", "n", "false", "chưa đạt":
			return "0", nil
		}
		return "", msg.New(fmt.Sprintf("%q không phải có/không", text), fmt.Sprintf("%q is not yes/no", text))
	}
	c, err := number.Parse(text, st)
	if err != nil {
		return "", err
	}
	return c, CheckValue(e, c)
}

// ValueFilter selects values; empty fields select all.
type ValueFilter struct {
	Periods  []string
	Elements []string
	Areas    []string
	// Since, when set (yyyy-mm-ddThh:mm:ss…Z, or a day yyyy-mm-dd), keeps
	// only the values changed in this database at or after that time.
	Since string
	// Deleted also selects the deleted values (tombstones, Value ""), for
	// EachValue: an export of the changes since a time carries deletions.
	Deleted bool
}

// Values returns the current (not deleted) values matching f, ordered by
// period, element, area and category.
func (s *Store) Values(ctx context.Context, f ValueFilter) ([]Value, error) {
	var out []Value
	err := s.EachValue(ctx, f, func(v Value) error {
		out = append(out, v)
		return nil
	})
	return out, err
}

// EachValue calls fn for each current value matching f, in the order of
// Values, without holding them all in memory; with f.Deleted, deleted
// values too (Value "").
func (s *Store) EachValue(ctx context.Context, f ValueFilter, fn func(Value) error) error {
	var where []string
	var args []any
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		where = append(where, col+" IN ("+strings.Repeat("?,", len(vals)-1)+"?)")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	in("v.period", f.Periods)
	in("e.code", f.Elements)
	in("a.code", f.Areas)
	if !f.Deleted {
		where = append(where, "v.value IS NOT NULL")
	}
	if f.Since != "" {
		where = append(where, "cs.at >= ?")
		args = append(args, f.Since)
	}
	q := `SELECT v.period, e.code, a.code, v.category, coalesce(v.value, ''), v.comment, v.followup, v.status, cs.author, cs.at, d.uid || ':' || v.seq
		FROM datavalue v JOIN element e ON e.id = v.element_id JOIN area a ON a.id = v.area_id JOIN device d ON d.id = v.device_id
		JOIN changeset cs ON cs.id = v.changeset_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += ` ORDER BY v.period, v.element_id, v.area_id, v.category`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("read values: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v Value
		if err := rows.Scan(&v.Period, &v.Element, &v.Area, &v.Category, &v.Value, &v.Comment, &v.FollowUp, &v.Status, &v.Author, &v.ChangedAt, &v.OpID); err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Fact is a current value reduced to what calculation needs.
type Fact struct {
	Element, Area, Category string
	Value                   float64
	Estimate                bool // the value is an estimate (Status Estimate)
}

// ElementFacts returns the current values of one element in one period,
// fast (one range of the primary key, read on the direct connection): the
// input of calculation.
func (s *Store) ElementFacts(ctx context.Context, element, per string) ([]Fact, error) {
	elements, areas, err := s.codes(ctx)
	if err != nil {
		return nil, err
	}
	id, ok := elements.id[element]
	if !ok {
		return nil, fmt.Errorf("unknown element %q", element)
	}
	// As many as the last read, usually: one per area of a level.
	out := make([]Fact, 0, s.factsHint.Load())
	err = s.withDirect(func(c *direct.Conn) error {
		// Values are canonical decimals: SQLite reads them as the nearest
		// float64, as strconv.ParseFloat does, without a Go string each.
		return eachRow(c, `SELECT area_id, category, CAST(value AS REAL), status != '' FROM datavalue
			WHERE period = ? AND element_id = ? AND value IS NOT NULL`, func(st *direct.Stmt) error {
			out = append(out, Fact{Element: element, Area: areas.codeOf(st.Int64(0)), Category: st.Text(1), Value: st.Float(2),
				Estimate: st.Bool(3)})
			return nil
		}, per, id)
	})
	if err != nil {
		return nil, fmt.Errorf("read values of %s in %s: %w", element, per, err)
	}
	s.factsHint.Store(int64(len(out)))
	return out, nil
}

// AreaValues returns the current values of elements for one area in one
// period, with their comment and follow-up flag (not who wrote them): what
// an entry form shows.
func (s *Store) AreaValues(ctx context.Context, per, area string, elements []string) ([]Value, error) {
	codes, areas, err := s.codes(ctx)
	if err != nil {
		return nil, err
	}
	areaID, ok := areas.id[area]
	if !ok || len(elements) == 0 {
		return nil, nil
	}
	args := []any{per, areaID}
	for _, e := range elements {
		if id, ok := codes.id[e]; ok {
			args = append(args, id)
		}
	}
	var out []Value
	err = s.withDirect(func(c *direct.Conn) error {
		return eachRow(c, `SELECT element_id, category, value, comment, followup FROM datavalue
			WHERE period = ? AND area_id = ? AND element_id IN (?`+strings.Repeat(",?", len(args)-3)+`) AND value IS NOT NULL`, func(st *direct.Stmt) error {
			out = append(out, Value{Element: codes.codeOf(st.Int64(0)), Area: area, Period: per, Category: st.Text(1),
				Value: st.Text(2), Comment: st.Text(3), FollowUp: st.Bool(4)})
			return nil
		}, args...)
	})
	if err != nil {
		return nil, fmt.Errorf("read the values of %s in %s: %w", area, per, err)
	}
	return out, nil
}

// Periods returns the periods that hold a value (or held one: a deleted
// value's period counts too), in order of their codes. It seeks the
// primary key once per period, so it costs next to nothing however many
// values there are.
func (s *Store) Periods(ctx context.Context) ([]string, error) {
	var out []string
	err := s.withDirect(func(c *direct.Conn) error {
		var err error
		out, err = periodsOn(c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the periods of the values: %w", err)
	}
	return out, nil
}

// periodsOn is Periods on the direct connection.
func periodsOn(c *direct.Conn) ([]string, error) {
	var out []string
	for last := ""; ; {
		found, err := queryOne(c, `SELECT period FROM datavalue WHERE period > ? ORDER BY period LIMIT 1`,
			func(st *direct.Stmt) { last = st.Text(0) }, last)
		if err != nil || !found {
			return out, err
		}
		out = append(out, last)
	}
}

// AuditEntry is one change of a value, or one step of a report holding
// the value (Step not empty).
type AuditEntry struct {
	Old, New  string // canonical; "" when there was none / it was deleted
	Comment   string
	FollowUp  bool
	Status    Status // of the new value
	Author    string
	ChangedAt string
	Device    string
	OpID      string
	Replaces  string
	Current   bool   // the change the value shows now
	Aside     string // "" or why the change does not count: held, dismissed, revoked
	Step      Action // a report step: submit, return, approve, reopen, dismiss
	DataSet   string // the data set of the report step
}

// History returns every change of one value and every step of the
// reports holding it, oldest first (by clock).
func (s *Store) History(ctx context.Context, element, area, per, category string) ([]AuditEntry, error) {
	var current string
	err := s.db.QueryRowContext(ctx, `SELECT d.uid || ':' || v.seq FROM datavalue v JOIN device d ON d.id = v.device_id
		JOIN element e ON e.id = v.element_id JOIN area a ON a.id = v.area_id
		WHERE e.code = ? AND a.code = ? AND v.period = ? AND v.category = ?`, element, area, per, category).Scan(&current)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT COALESCE(old_value, ''), COALESCE(new_value, ''), comment, followup, status, changed_by, changed_at, device, op_id,
			COALESCE(replaces, ''), hlc, '', '',
			COALESCE((SELECT x.reason FROM set_aside x JOIN device d ON d.id = x.device_id
				WHERE d.uid = audit.device AND x.seq = CAST(substr(op_id, length(device) + 2) AS INTEGER) LIMIT 1), '')
		FROM audit WHERE element = ?1 AND area = ?2 AND period = ?3 AND category = ?4
		UNION ALL
		SELECT '', '', comment, 0, '', changed_by, changed_at, device, op_id, '', hlc, action, dataset, CASE WHEN revoked THEN 'revoked' ELSE '' END
		FROM report_audit WHERE area = ?2 AND period = ?3 AND dataset IN (SELECT d.code FROM dataset d
			JOIN dataset_element de ON de.dataset_id = d.id JOIN element e ON e.id = de.element_id WHERE e.code = ?1)
		ORDER BY hlc, op_id`, element, area, per, category)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var a AuditEntry
		var hlc int64
		if err := rows.Scan(&a.Old, &a.New, &a.Comment, &a.FollowUp, &a.Status, &a.Author, &a.ChangedAt, &a.Device, &a.OpID, &a.Replaces,
			&hlc, &a.Step, &a.DataSet, &a.Aside); err != nil {
			return nil, err
		}
		a.Current = a.Step == "" && a.OpID == current
		out = append(out, a)
	}
	return out, rows.Err()
}

// HasValues reports whether any current value exists for the period.
func (s *Store) HasValues(ctx context.Context, per string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM datavalue WHERE period = ? AND value IS NOT NULL LIMIT 1`, per).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// codeMap maps database ids to catalog codes and back.
type codeMap struct {
	code []string // by id (ids are small integers)
	id   map[string]int64
}

// codeOf returns the code of the id ("" for none).
func (m *codeMap) codeOf(id int64) string {
	if id < 0 || id >= int64(len(m.code)) {
		return ""
	}
	return m.code[id]
}

// codes returns the codes of elements and areas by database id, read once
// and kept until the catalog changes.
func (s *Store) codes(ctx context.Context) (elements, areas *codeMap, err error) {
	s.codeMu.Lock()
	defer s.codeMu.Unlock()
	if s.elementCodes != nil {
		return s.elementCodes, s.areaCodes, nil
	}
	err = s.withDirect(func(c *direct.Conn) error {
		if elements, err = loadCodeMap(c, `SELECT id, code FROM element`); err == nil {
			areas, err = loadCodeMap(c, `SELECT id, code FROM area`)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	s.elementCodes, s.areaCodes = elements, areas
	return elements, areas, nil
}

// loadCodeMap reads (id, code) rows.
func loadCodeMap(c *direct.Conn, query string) (*codeMap, error) {
	m := &codeMap{id: map[string]int64{}}
	err := eachRow(c, query, func(st *direct.Stmt) error {
		id, code := st.Int64(0), st.Text(1)
		if id < 0 {
			return nil
		}
		for int64(len(m.code)) <= id {
			m.code = append(m.code, "")
		}
		m.code[id], m.id[code] = code, id
		return nil
	})
	return m, err
}

// HasAreaValues reports whether the area ("" for any area) has a current
// value of any of the elements in the period (a primary-key seek per
// element).
func (s *Store) HasAreaValues(ctx context.Context, per, area string, elements []string) (bool, error) {
	if len(elements) == 0 {
		return false, nil
	}
	args := []any{per}
	q := `SELECT 1 FROM datavalue WHERE period = ? AND value IS NOT NULL`
	if area != "" {
		q += ` AND area_id = (SELECT id FROM area WHERE code = ?)`
		args = append(args, area)
	}
	for _, e := range elements {
		args = append(args, e)
	}
	q += ` AND element_id IN (SELECT id FROM element WHERE code IN (?` + strings.Repeat(",?", len(elements)-1) + `)) LIMIT 1`
	var one int
	err := s.db.QueryRowContext(ctx, q, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
