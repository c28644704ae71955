package importer

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"iter"
	"os"
	"time"

	"chiso/data/msg"
	"chiso/data/period"
	"chiso/data/store"
)

// This file: the same dry run and guarded import for a stream of changes
// that another reader makes of a file (a DHIS2 data value set, a long CSV
// read by exchange.ReadLong). The stream has no columns: a rejection names
// the position of the value in the file ("item 12").

// changeChecker checks changes against a catalog as the store will, and
// finds keys given twice.
type changeChecker struct {
	r *runner
	n int
}

func newChangeChecker(ctx context.Context, st *store.Store, name string) (*changeChecker, error) {
	cat, err := st.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	p := &Plan{File: &File{Name: name, Kind: CSV}, cat: cat, elements: newElements(cat)}
	r := &runner{p: p, cat: cat, elements: p.elements, areas: newAreas(cat),
		elemIdx: map[string]uint32{}, areaIdx: map[string]uint32{}, periods: map[string]periodMemo{}, catIdx: map[string]uint32{"": 0},
		keys: map[valueKey]keyEntry{}, seed: maphash.MakeSeed(), elemOf: map[uint32]string{}, perOf: map[uint32]string{}, stream: true}
	r.hasher.SetSeed(r.seed)
	for i, e := range cat.Elements {
		r.elemIdx[e.Code] = uint32(i)
		r.elemOf[uint32(i)] = e.Code
	}
	for i, a := range cat.Areas {
		r.areaIdx[a.Code] = uint32(i)
	}
	r.sum = Summary{File: name}
	return &changeChecker{r: r}, nil
}

// check counts a change and returns its rejection, if any.
func (c *changeChecker) check(ch store.Change) *Rejection {
	c.n++
	r := c.r
	r.sum.Rows++
	fail := func(kind Problem, value string, reason error) *Rejection {
		rej := Rejection{File: r.sum.File, Row: c.n, Value: value, Kind: kind, Reason: reason, item: true}
		r.sum.Rejected++
		if len(r.sum.Rejections) < MaxRejections {
			r.sum.Rejections = append(r.sum.Rejections, rej)
		}
		return &rej
	}
	e := r.elements.byCode[ch.Element]
	if e == nil {
		return fail(UnknownElement, ch.Element, msg.New("không có chỉ tiêu mã "+ch.Element, "unknown element code "+ch.Element))
	}
	if _, ok := r.areaIdx[ch.Area]; !ok {
		return fail(UnknownArea, ch.Area, msg.New("không có địa bàn mã "+ch.Area, "unknown area code "+ch.Area))
	}
	pm, ok := r.periods[ch.Period]
	if !ok {
		if _, err := period.Parse(ch.Period); err == nil {
			pm = periodMemo{code: ch.Period, ok: true, idx: uint32(len(r.periods) + 1)}
			r.perOf[pm.idx] = ch.Period
		}
		r.periods[ch.Period] = pm
	}
	if !pm.ok {
		return fail(BadPeriod, ch.Period, msg.New(fmt.Sprintf("kỳ %q không hợp lệ (ví dụ 2024, 2024Q1, 202401)", ch.Period),
			fmt.Sprintf("period %q is not valid (e.g. 2024, 2024Q1, 202401)", ch.Period)))
	}
	if err := categoryError(e, ch.Category); err != nil {
		return fail(BadCategory, ch.Category, err)
	}
	if err := store.CheckValue(e, ch.Value); err != nil {
		return fail(BadValue, ch.Value, valueError(e, ch.Value, err))
	}
	k := valueKey{element: r.elemIdx[ch.Element], area: r.areaIdx[ch.Area], period: pm.idx, category: r.catID(ch.Category)}
	if prev, dup := r.keys[k]; dup {
		return fail(Duplicate, ch.Value, msg.New(
			fmt.Sprintf("trùng với mục %d (cùng chỉ tiêu %s, địa bàn %s, kỳ %s%s)", prev.row, ch.Element, ch.Area, ch.Period, catText(ch.Category, true)),
			fmt.Sprintf("same as item %d (same element %s, area %s, period %s%s)", prev.row, ch.Element, ch.Area, ch.Period, catText(ch.Category, false))))
	}
	r.keys[k] = keyEntry{row: int32(c.n), hash: r.hash(ch.Value, ch.Comment, ch.FollowUp)}
	r.sum.Values++
	return nil
}

// DryRunChanges reads a stream of changes, made by a reader of the file
// called name, and counts, against the catalog and values of st, the new,
// changed, unchanged and rejected values, writing nothing. An error of the
// stream (an unreadable file) ends the dry run with that error.
func DryRunChanges(ctx context.Context, st *store.Store, name string, changes iter.Seq2[store.Change, error], progress func(done, total int)) (Summary, error) {
	c, err := newChangeChecker(ctx, st, name)
	if err != nil {
		return Summary{}, err
	}
	for ch, err := range changes {
		if err != nil {
			return c.r.sum, err
		}
		c.check(ch)
		if progress != nil && c.n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return c.r.sum, err
			}
			progress(c.n, 0)
		}
	}
	if progress != nil {
		progress(c.n, c.n)
	}
	if err := c.r.compare(ctx, st); err != nil {
		return Summary{}, err
	}
	return c.r.sum, nil
}

// ApplyChanges imports a stream of changes read from the file called
// name, all or nothing: it backs the database up first (see BackupPath)
// and checks every change as DryRunChanges does while writing, so that
// the first rejection, or an error of the stream, leaves the database
// unchanged and removes the backup. progress gets the changes done and
// 0 for an unknown total.
func ApplyChanges(ctx context.Context, st *store.Store, name string, changes iter.Seq2[store.Change, error], progress func(done, total int)) (Summary, error) {
	c, err := newChangeChecker(ctx, st, name)
	if err != nil {
		return Summary{}, err
	}
	if st.Path() == "" {
		return Summary{}, msg.New("CSDL không có tệp để sao lưu", "the database has no file to back up")
	}
	backup := BackupPath(st.Path(), time.Now())
	if err := st.Backup(ctx, backup); err != nil {
		return Summary{}, msg.Wrap(err, "không nhập gì cả: không sao lưu được CSDL trước khi nhập", "nothing imported: cannot back the database up first")
	}
	var rejected bool
	res, err := st.Import(ctx, name, func(yield func(store.Change, error) bool) {
		for ch, err := range changes {
			if err != nil {
				yield(store.Change{}, err)
				return
			}
			if rej := c.check(ch); rej != nil {
				rejected = true
				yield(store.Change{}, *rej)
				return
			}
			if progress != nil && c.n%4096 == 0 {
				progress(c.n, 0)
			}
			if !yield(ch, nil) {
				return
			}
		}
	})
	sum := c.r.sum
	if err != nil {
		os.Remove(backup)
		if rejected {
			return sum, &rejectedError{&sum}
		}
		var rej Rejection
		if errors.As(err, &rej) {
			return sum, &rejectedError{&sum}
		}
		return sum, msg.Wrap(err, "không nhập gì cả", "nothing imported")
	}
	if progress != nil {
		progress(c.n, c.n)
	}
	sum.New, sum.Changed, sum.Unchanged = res.New, res.Changed, res.Unchanged
	sum.Backup, sum.Applied = backup, true
	return sum, nil
}
