package importer

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"maps"
	"slices"
	"strings"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/period"
	"chiso/data/store"
)

// hash sums up what a change would write, to compare it with a stored
// value: the value, the comment if the file gives it, the follow-up flag
// if a stream gives it.
func (r *runner) hash(value, comment string, followUp bool) uint64 {
	switch {
	case r.stream:
		if followUp {
			comment += "\x00+"
		}
	case r.commentCol < 0:
		comment = ""
	}
	r.hasher.Reset()
	r.hasher.WriteString(value)
	r.hasher.WriteByte(0)
	r.hasher.WriteString(comment)
	return r.hasher.Sum64()
}

// keptKey is the key of a stored value whose comment or follow-up flag an
// import keeps.
type keptKey struct {
	element, area    uint32
	period, category string
}

type kept struct {
	comment  string
	followUp bool
}

// loadKept reads the comments and follow-up flags of the stored values in
// the scope of the file, that the import keeps.
func (r *runner) loadKept(ctx context.Context, st *store.Store, scope store.ValueFilter) error {
	r.kept = map[keptKey]kept{}
	if len(scope.Elements) == 0 {
		return nil
	}
	return st.EachValue(ctx, scope, func(v store.Value) error {
		if v.Comment == "" && !v.FollowUp {
			return nil
		}
		e, ok1 := r.elemIdx[v.Element]
		a, ok2 := r.areaIdx[v.Area]
		if ok1 && ok2 {
			r.kept[keptKey{e, a, v.Period, v.Category}] = kept{comment: v.Comment, followUp: v.FollowUp}
		}
		return nil
	})
}

// valueKey is an element, area, period and category, interned.
type valueKey struct{ element, area, period, category uint32 }

type keyEntry struct {
	row  int32
	col  int32
	hash uint64
}

// runner reads the rows of a plan into changes.
type runner struct {
	p   *Plan
	cat *catalog.Catalog

	elements *elements
	areas    *areas
	elemIdx  map[string]uint32
	areaIdx  map[string]uint32
	areaOf   map[string]*catalog.Area
	placed   map[[2]string]placement // by area and period code
	periods  map[string]periodMemo
	catIdx   map[string]uint32

	keys   map[valueKey]keyEntry
	seed   maphash.Seed
	hasher maphash.Hash
	elemOf map[uint32]string
	perOf  map[uint32]string

	elementCol, areaCol, periodCol, categoryCol, commentCol int
	valueCols                                               []int
	// unmapped counts the numbers of each column not imported (by index;
	// columns beyond the plan's too), for the dry run's warnings.
	unmapped map[int]int

	// stream: the changes give their comment and follow-up flag (a stream
	// of changes); otherwise the follow-up flag, and the comment when no
	// column gives it, are kept from the stored value (kept).
	stream bool
	kept   map[keptKey]kept

	sum Summary
}

type periodMemo struct {
	code string
	idx  uint32
	ok   bool
}

func newRunner(ctx context.Context, st *store.Store, p *Plan) (*runner, error) {
	if err := p.Ready(); err != nil {
		return nil, err
	}
	cat, err := st.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	r := &runner{p: p, cat: cat, elements: newElements(cat), areas: newAreas(cat),
		elemIdx: map[string]uint32{}, areaIdx: map[string]uint32{}, periods: map[string]periodMemo{}, catIdx: map[string]uint32{"": 0},
		keys: map[valueKey]keyEntry{}, seed: maphash.MakeSeed(), elemOf: map[uint32]string{}, perOf: map[uint32]string{},
		elementCol: -1, areaCol: -1, periodCol: -1, categoryCol: -1, commentCol: -1}
	r.hasher.SetSeed(r.seed)
	for i, e := range cat.Elements {
		r.elemIdx[e.Code] = uint32(i)
		r.elemOf[uint32(i)] = e.Code
	}
	r.indexAreas()
	for _, c := range p.Columns {
		switch c.Role {
		case RoleElement:
			r.elementCol = c.Index
		case RoleArea:
			r.areaCol = c.Index
		case RolePeriod:
			r.periodCol = c.Index
		case RoleCategory:
			r.categoryCol = c.Index
		case RoleComment:
			r.commentCol = c.Index
		case RoleValue:
			r.valueCols = append(r.valueCols, c.Index)
		}
	}
	r.sum = Summary{File: p.File.Name, Sheet: p.sheetName(), EndRow: p.EndRow, EndText: p.EndText}
	r.unmapped = map[int]int{}
	return r, nil
}

// indexAreas indexes the catalog's areas.
func (r *runner) indexAreas() {
	r.areaOf, r.placed = map[string]*catalog.Area{}, map[[2]string]placement{}
	for i := range r.cat.Areas {
		a := &r.cat.Areas[i]
		r.areaIdx[a.Code], r.areaOf[a.Code] = uint32(i), a
	}
}

// placement is where a value of an area in a period goes.
type placement struct {
	area    string              // the area to record it on
	moved   bool                // area is the successor of the area given
	outside *store.OutsideError // when the value is refused
}

// place returns where a value of area in period per (a code) goes: area itself
// when it exists on the period's last day; else its successor when there
// is one and the plan records such values there; else the refusal.
func (r *runner) place(area, per string) placement {
	k := [2]string{area, per}
	if pl, ok := r.placed[k]; ok {
		return pl
	}
	pl := placement{area: area}
	if err := store.CheckArea(r.areaOf[area], period.MustParse(per), func(code string) *catalog.Area { return r.areaOf[code] }); err != nil {
		oe := err.(*store.OutsideError)
		if r.p.Successors && oe.Successor != nil {
			pl = placement{area: oe.Successor.Code, moved: true}
		} else {
			pl.outside = oe
		}
	}
	r.placed[k] = pl
	return pl
}

// countUnmapped counts the numbers of a row in columns not imported; the
// row numbers of an STT column and the like are left alone.
func (r *runner) countUnmapped(cells []cell) {
	for i, c := range cells {
		if i < len(r.p.Columns) && (r.p.Columns[i].Role != RoleIgnore || quietNames[key(withoutParens(r.p.Columns[i].Header))]) {
			continue
		}
		if c.kind == numberCell || c.kind == textCell && c.text != "" && looksNumber(strings.TrimSpace(c.text)) {
			r.unmapped[i]++
		}
	}
}

// warnings turns what the pass saw into the Summary's warnings.
func (r *runner) warnings() {
	cols := slices.Sorted(maps.Keys(r.unmapped))
	for _, i := range cols {
		c := Column{Index: i, Letter: ColumnLetter(i)}
		if i < len(r.p.Columns) {
			c = r.p.Columns[i]
		}
		why := c.skipped
		if why == nil {
			why = msg.New("chưa rõ là chỉ tiêu nào; nếu cần nhập, hãy chọn vai trò của cột", "which element they are is not known; to import them, choose the column's role")
		}
		r.sum.Warnings = append(r.sum.Warnings, msg.Wrap(why,
			fmt.Sprintf("%s, cột %s có %d ô số không được nhập", r.p.where(), c.Name(), r.unmapped[i]),
			fmt.Sprintf("%s, column %s holds %d numbers that are not imported", r.p.whereEN(), c.Name(), r.unmapped[i])))
	}
}

// sheetName is the sheet as rejections name it: "" for a CSV.
func (p *Plan) sheetName() string {
	if p.File.Kind == CSV {
		return ""
	}
	return p.Sheet
}

// errStop ends a pass early without an error of its own.
var errStop = errors.New("stop")

// pass reads every data row, calling emit for each value to import and
// reject for each rejection; either may return an error to stop.
func (r *runner) pass(ctx context.Context, emit func(row int, ch store.Change) error, reject func(Rejection) error, progress func(done int)) error {
	rr, err := r.p.File.rows(r.p.Sheet)
	if err != nil {
		return err
	}
	defer rr.close()
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(r.sum.Rows)
			}
		}
		row, cells, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if row < r.p.DataRow || blankRow(cells) {
			continue
		}
		if r.p.EndRow > 0 && row >= r.p.EndRow {
			break
		}
		r.sum.Rows++
		if err := r.row(row, cells, emit, reject); err != nil {
			return err
		}
	}
	if progress != nil {
		progress(r.sum.Rows)
	}
	return nil
}

// row reads one data row.
func (r *runner) row(row int, cells []cell, emit func(row int, ch store.Change) error, reject func(Rejection) error) error {
	if r.p.File.Kind == CSV && len(cells) != r.p.fields {
		return r.fail(reject, row, cells, -1, BadRow, r.fieldCount(cells))
	}
	r.countUnmapped(cells)
	// The area of the row.
	areaText := strings.TrimSpace(cellAt(cells, r.areaCol).text)
	if areaText == "" {
		if r.rowHasValues(cells) {
			if err := r.fail(reject, row, cells, r.areaCol, MissingKey, msg.New("thiếu địa bàn", "the area is missing")); err != nil {
				return err
			}
		}
		return nil
	}
	m := r.areas.find(areaText)
	if m.code == "" {
		if isTotal(areaText) {
			r.sum.Totals++
			return nil
		}
		var err error
		if len(m.candidates) > 0 {
			err = r.fail(reject, row, cells, r.areaCol, AmbiguousArea, msg.New(
				fmt.Sprintf("tên %q ứng với nhiều địa bàn: %s; hãy ghi mã địa bàn", areaText, r.areas.describe(m.candidates)),
				fmt.Sprintf("the name %q fits several areas: %s; write the area code", areaText, r.areas.describe(m.candidates))))
		} else {
			err = r.fail(reject, row, cells, r.areaCol, UnknownArea, msg.New(fmt.Sprintf("không có địa bàn mã hay tên %q", areaText),
				fmt.Sprintf("no area has the code or name %q", areaText)))
		}
		return err
	}
	area, comment := m.code, ""
	if r.commentCol >= 0 {
		comment = strings.TrimSpace(cellAt(cells, r.commentCol).text)
	}

	// The row's element, period and category, read when a value needs them.
	var rowElem, rowPer, rowCat string
	var rowElemDone, rowPerDone, rowCatDone, rowBad bool
	for _, vc := range r.valueCols {
		col := &r.p.Columns[vc]
		c := cellAt(cells, vc)
		if c.blank() {
			if r.p.Layout == LayoutLong {
				if err := r.fail(reject, row, cells, vc, MissingValue, msg.New("thiếu giá trị", "the value is missing")); err != nil {
					return err
				}
			} else {
				r.sum.Blank++
			}
			continue
		}
		elem := col.Element
		if elem == "" && r.elementCol >= 0 {
			if !rowElemDone {
				rowElemDone = true
				t := strings.TrimSpace(cellAt(cells, r.elementCol).text)
				code, amb, ok := r.elements.find(t)
				switch {
				case ok:
					rowElem = code
				case t == "":
					rowBad = true
					if err := r.fail(reject, row, cells, r.elementCol, MissingKey, msg.New("thiếu chỉ tiêu", "the element is missing")); err != nil {
						return err
					}
				case len(amb) > 0:
					rowBad = true
					if err := r.fail(reject, row, cells, r.elementCol, AmbiguousElement, msg.New(
						fmt.Sprintf("tên %q ứng với nhiều chỉ tiêu: %s; hãy ghi mã", t, strings.Join(amb, ", ")),
						fmt.Sprintf("the name %q fits several elements: %s; write the code", t, strings.Join(amb, ", ")))); err != nil {
						return err
					}
				default:
					rowBad = true
					if err := r.fail(reject, row, cells, r.elementCol, UnknownElement, msg.New("không có chỉ tiêu mã hay tên "+t, "no element has the code or name "+t)); err != nil {
						return err
					}
				}
			}
			elem = rowElem
		}
		if elem == "" && r.elementCol < 0 {
			elem = r.p.Element
		}
		per := col.Period
		if per == "" && r.periodCol >= 0 {
			if !rowPerDone {
				rowPerDone = true
				pc := cellAt(cells, r.periodCol)
				t := strings.TrimSpace(pc.text)
				pm, ok := r.periods[t]
				if !ok {
					pm.code, pm.ok = periodOf(t)
					if pc.kind == dateCell {
						pm.ok = false
					}
					if pm.ok {
						pm.idx = uint32(len(r.periods) + 1)
						r.perOf[pm.idx] = pm.code
					}
					r.periods[t] = pm
				}
				if pm.ok {
					rowPer = pm.code
				} else {
					rowBad = true
					var err error
					if t == "" {
						err = r.fail(reject, row, cells, r.periodCol, MissingKey, msg.New("thiếu kỳ", "the period is missing"))
					} else {
						err = r.fail(reject, row, cells, r.periodCol, BadPeriod, msg.New(fmt.Sprintf("kỳ %q không hợp lệ (ví dụ 2024, 2024Q1, 202401, 2021-2025, Năm 2024, Quý I/2024)", t),
							fmt.Sprintf("period %q is not valid (e.g. 2024, 2024Q1, 202401, 2021-2025)", t)))
					}
					if err != nil {
						return err
					}
				}
			}
			per = rowPer
		}
		if per == "" && r.periodCol < 0 {
			per = r.p.Period
		}
		if rowBad && (elem == "" || per == "") {
			continue
		}
		e := r.elements.byCode[elem]
		if e == nil {
			if err := r.fail(reject, row, cells, vc, UnknownElement, msg.New("không có chỉ tiêu mã "+elem, "unknown element code "+elem)); err != nil {
				return err
			}
			continue
		}
		pm := r.periods[per]
		if !pm.ok || pm.code != per {
			if code, ok := periodOf(per); ok {
				pm = periodMemo{code: code, ok: true, idx: uint32(len(r.periods) + 1)}
				r.perOf[pm.idx] = code
				r.periods[per] = pm
			} else {
				if err := r.fail(reject, row, cells, vc, BadPeriod, msg.New(fmt.Sprintf("kỳ %q không hợp lệ", per), fmt.Sprintf("period %q is not valid", per))); err != nil {
					return err
				}
				continue
			}
		}
		pl := r.place(area, pm.code)
		if pl.outside != nil {
			rej := r.rejection(row, cells, r.areaCol, OutsideArea, pl.outside)
			if pl.outside.Successor != nil {
				rej.Successor = pl.outside.Successor.Code
			}
			if err := r.reject(reject, rej); err != nil {
				return err
			}
			continue
		}
		cat := col.Category
		if cat == "" && r.categoryCol >= 0 {
			if !rowCatDone {
				rowCatDone = true
				t := strings.TrimSpace(cellAt(cells, r.categoryCol).text)
				if code, ok := r.elements.cats[key(t)]; ok && t != "" {
					rowCat = code
				} else {
					rowCat = strings.ToUpper(t)
				}
			}
			cat = rowCat
		}
		if cat == "" && r.categoryCol < 0 {
			cat = r.p.Category
		}
		if err := categoryError(e, cat); err != nil {
			c := r.categoryCol
			if col.Category != "" || c < 0 {
				c = vc
			}
			if err := r.fail(reject, row, cells, c, BadCategory, err); err != nil {
				return err
			}
			continue
		}
		val, kind, err := parseCell(e, col, c)
		if err != nil {
			if err := r.fail(reject, row, cells, vc, kind, err); err != nil {
				return err
			}
			continue
		}
		k := valueKey{element: r.elemIdx[elem], area: r.areaIdx[pl.area], period: pm.idx, category: r.catID(cat)}
		h := r.hash(val, comment, false)
		if prev, dup := r.keys[k]; dup {
			other := ""
			if int(prev.col) != vc {
				other = " " + r.p.Columns[prev.col].Letter
			}
			if err := r.fail(reject, row, cells, vc, Duplicate, msg.New(
				fmt.Sprintf("trùng với %s %d%s (cùng chỉ tiêu %s, địa bàn %s, kỳ %s%s)", r.p.rowWord("vi"), prev.row, other, elem, pl.area, per, catText(cat, true)),
				fmt.Sprintf("same as %s %d%s (same element %s, area %s, period %s%s)", r.p.rowWord("en"), prev.row, other, elem, pl.area, per, catText(cat, false)))); err != nil {
				return err
			}
			continue
		}
		r.keys[k] = keyEntry{row: int32(row), col: int32(vc), hash: h}
		r.sum.Values++
		if pl.moved {
			r.sum.Moved++
		}
		ch := store.Change{Element: elem, Area: pl.area, Period: per, Category: cat, Value: val, Comment: comment}
		if kv, ok := r.kept[keptKey{k.element, k.area, per, cat}]; ok {
			ch.FollowUp = kv.followUp
			if r.commentCol < 0 {
				ch.Comment = kv.comment
			}
		}
		if err := emit(row, ch); err != nil {
			return err
		}
	}
	return nil
}

// fieldCount says why a CSV line whose number of fields differs from its
// header's is refused, with the likely cause when a value column holds a
// whole number followed by another: a decimal comma not in quotes, which
// splits "47,9" into 47 and 9.
func (r *runner) fieldCount(cells []cell) error {
	vi := fmt.Sprintf("có %d trường, dòng tiêu đề có %d trường", len(cells), r.p.fields)
	en := fmt.Sprintf("%d fields, the header line has %d", len(cells), r.p.fields)
	if len(cells) > r.p.fields && r.p.File.comma == ',' {
		for _, vc := range r.valueCols {
			if vc+1 < len(cells) && isDigits(cells[vc].text) && isDigits(cells[vc+1].text) {
				ex := cells[vc].text + "," + cells[vc+1].text
				vi += fmt.Sprintf(": có lẽ số %q có dấu phẩy thập phân mà không đặt trong ngoặc kép, nên bị tách làm hai; hãy ghi \"%s\" hoặc lưu lại tệp bằng Excel", ex, ex)
				en += fmt.Sprintf(": the number %q probably has a decimal comma without quotes, which splits it in two; write \"%s\" or save the file from Excel again", ex, ex)
				break
			}
		}
	}
	return msg.New(vi, en)
}

// isDigits reports whether s is a non-empty run of digits.
func isDigits(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// cellAt returns cell i of a row, an empty cell beyond its end.
func cellAt(cells []cell, i int) cell {
	if i >= 0 && i < len(cells) {
		return cells[i]
	}
	return cell{}
}

// fail records a rejection of column col of a row and passes it to
// reject.
func (r *runner) fail(reject func(Rejection) error, row int, cells []cell, col int, kind Problem, reason error) error {
	return r.reject(reject, r.rejection(row, cells, col, kind, reason))
}

// rejection makes the rejection of column col of a row.
func (r *runner) rejection(row int, cells []cell, col int, kind Problem, reason error) Rejection {
	c := cellAt(cells, col)
	rej := Rejection{File: r.sum.File, Sheet: r.sum.Sheet, Row: row, Kind: kind, Reason: reason, Value: strings.TrimSpace(c.text)}
	if col >= 0 && col < len(r.p.Columns) {
		rej.Column, rej.Header = r.p.Columns[col].Letter, r.p.Columns[col].Header
	} else if col >= 0 {
		rej.Column = ColumnLetter(col)
	}
	return rej
}

// reject counts a rejection, keeps it in the Summary and passes it to
// reject.
func (r *runner) reject(reject func(Rejection) error, rej Rejection) error {
	r.sum.Rejected++
	if rej.Successor != "" {
		r.sum.Movable++
	}
	if len(r.sum.Rejections) < MaxRejections {
		r.sum.Rejections = append(r.sum.Rejections, rej)
	}
	return reject(rej)
}

func catText(cat string, vi bool) string {
	if cat == "" {
		return ""
	}
	if vi {
		return ", phân tổ " + cat
	}
	return ", category " + cat
}

func (r *runner) catID(cat string) uint32 {
	id, ok := r.catIdx[cat]
	if !ok {
		id = uint32(len(r.catIdx))
		r.catIdx[cat] = id
	}
	return id
}

// rowHasValues reports whether any value cell of the row holds something.
func (r *runner) rowHasValues(cells []cell) bool {
	for _, vc := range r.valueCols {
		if vc < len(cells) && !cells[vc].blank() {
			return true
		}
	}
	return false
}

// isTotal reports whether an area cell names a row of totals.
func isTotal(s string) bool {
	switch key(s) {
	case "tong", "tong cong", "cong", "tong so", "total", "grand total", "toan tinh", "toan huyen":
		return true
	}
	return false
}
