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
// read by package exchange). The stream has no columns: a rejection names
// the place the reader gives (see ChangeStream), or the position of the
// value in the file ("item 12").

// ChangeStream is a file read into changes by another package's reader.
// A record the reader cannot take is an error that names its place and
// goes on (it has methods Where(lang string) string and Unwrap() error,
// as exchange.RecordError has): the dry run lists it as a rejection and
// reads on. Any other error ends the stream.
type ChangeStream struct {
	Name    string // the file's base name, for messages
	Changes iter.Seq2[store.Change, error]
	// Where, when set, names in lang the place of the change the reader
	// last yielded ("tệp a.csv, dòng 12"), for the rejections found here.
	Where func(lang string) string
}

// ChangeOptions tune DryRunChanges and ApplyChanges.
type ChangeOptions struct {
	// Successors records a value of an area outside its dates on the area
	// that took its place, as Plan.Successors does.
	Successors bool
	// Progress, if set, gets the changes done and 0 for an unknown total.
	Progress func(done, total int)
}

// placedError is the error of a record a stream's reader refuses and
// reads on after.
type placedError interface {
	Where(lang string) string
	Unwrap() error
}

// changeChecker checks changes against a catalog as the store will, and
// finds keys given twice.
type changeChecker struct {
	r     *runner
	n     int
	where func(lang string) string
}

func newChangeChecker(ctx context.Context, st *store.Store, s ChangeStream, opt ChangeOptions) (*changeChecker, error) {
	cat, err := st.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	p := &Plan{File: &File{Name: s.Name, Kind: CSV}, cat: cat, elements: newElements(cat), Successors: opt.Successors}
	r := &runner{p: p, cat: cat, elements: p.elements, areas: newAreas(cat),
		elemIdx: map[string]uint32{}, areaIdx: map[string]uint32{}, periods: map[string]periodMemo{}, catIdx: map[string]uint32{"": 0},
		keys: map[valueKey]keyEntry{}, seed: maphash.MakeSeed(), elemOf: map[uint32]string{}, perOf: map[uint32]string{}, stream: true}
	r.hasher.SetSeed(r.seed)
	for i, e := range cat.Elements {
		r.elemIdx[e.Code] = uint32(i)
		r.elemOf[uint32(i)] = e.Code
	}
	r.indexAreas()
	r.sum = Summary{File: s.Name}
	return &changeChecker{r: r, where: s.Where}, nil
}

// rejection makes the rejection of the change last read.
func (c *changeChecker) rejection(kind Problem, value string, reason error) Rejection {
	rej := Rejection{File: c.r.sum.File, Row: c.n, Value: value, Kind: kind, Reason: reason, item: true}
	if c.where != nil {
		rej.at = [2]string{c.where("vi"), c.where("en")}
	}
	return rej
}

// read takes one item of the stream: a change, or a record its reader
// refused (placed; err then is that record's error). A value of an area
// outside its dates comes with its change, which goes to the area's
// successor when the options say so. It returns the change as it is to be
// written, or its rejection.
func (c *changeChecker) read(ch store.Change, err error, placed placedError) (store.Change, *Rejection) {
	var oe *store.OutsideError
	switch {
	case placed == nil:
	case errors.As(err, &oe) && oe.Successor != nil && c.r.p.Successors:
		ch.Area = oe.Successor.Code
		rej := c.check(&ch)
		if rej == nil {
			c.r.sum.Moved++
		}
		return ch, rej
	default:
		c.n++
		c.r.sum.Rows++
		rej := Rejection{File: c.r.sum.File, Row: c.n, Kind: BadRecord, Reason: placed.Unwrap(),
			at: [2]string{placed.Where("vi"), placed.Where("en")}}
		if oe != nil {
			rej.Kind, rej.Value = OutsideArea, oe.Area.Code
			if oe.Successor != nil {
				rej.Successor = oe.Successor.Code
			}
		}
		c.r.reject(func(Rejection) error { return nil }, rej)
		return ch, &rej
	}
	rej := c.check(&ch)
	return ch, rej
}

// check counts a change, moving it to the successor of its area when the
// options say so, and returns its rejection, if any.
func (c *changeChecker) check(ch *store.Change) *Rejection {
	c.n++
	r := c.r
	r.sum.Rows++
	fail := func(kind Problem, value string, reason error) *Rejection {
		rej := c.rejection(kind, value, reason)
		return &rej
	}
	rej := c.validate(ch, fail)
	if rej != nil {
		r.reject(func(Rejection) error { return nil }, *rej)
	}
	return rej
}

// validate checks a change; fail makes its rejection.
func (c *changeChecker) validate(ch *store.Change, fail func(kind Problem, value string, reason error) *Rejection) *Rejection {
	r := c.r
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
	pl := r.place(ch.Area, pm.code)
	if pl.outside != nil {
		rej := fail(OutsideArea, ch.Area, pl.outside)
		if pl.outside.Successor != nil {
			rej.Successor = pl.outside.Successor.Code
		}
		return rej
	}
	ch.Area = pl.area
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
	if pl.moved {
		r.sum.Moved++
	}
	return nil
}

// DryRunChanges reads a stream of changes and counts, against the catalog
// and values of st, the new, changed, unchanged and rejected values,
// writing nothing. Every rejected record is listed. An error of the stream
// that ends it (an unreadable file) ends the dry run with that error.
func DryRunChanges(ctx context.Context, st *store.Store, s ChangeStream, opt ChangeOptions) (Summary, error) {
	c, err := newChangeChecker(ctx, st, s, opt)
	if err != nil {
		return Summary{}, err
	}
	for ch, err := range s.Changes {
		var placed placedError
		if err != nil && !errors.As(err, &placed) {
			return c.r.sum, err
		}
		c.read(ch, err, placed)
		if c.n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return c.r.sum, err
			}
			if opt.Progress != nil {
				opt.Progress(c.n, 0)
			}
		}
	}
	if opt.Progress != nil {
		opt.Progress(c.n, c.n)
	}
	if err := c.r.compare(ctx, st); err != nil {
		return Summary{}, err
	}
	return c.r.sum, nil
}

// ApplyChanges imports a stream of changes, all or nothing: it backs the
// database up first (see BackupPath) and checks every change as
// DryRunChanges does while writing. A rejection stops the writing, the
// stream is read to its end to list every rejection, and the database is
// left unchanged and the backup removed; so does an error of the stream.
func ApplyChanges(ctx context.Context, st *store.Store, s ChangeStream, opt ChangeOptions) (Summary, error) {
	c, err := newChangeChecker(ctx, st, s, opt)
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
	var first *Rejection
	res, err := st.Import(ctx, s.Name, func(yield func(store.Change, error) bool) {
		for ch, err := range s.Changes {
			var placed placedError
			if err != nil && !errors.As(err, &placed) {
				yield(store.Change{}, err)
				return
			}
			ch, rej := c.read(ch, err, placed)
			if rej != nil && first == nil {
				first = rej
			}
			if opt.Progress != nil && c.n%4096 == 0 {
				opt.Progress(c.n, 0)
			}
			if first != nil {
				continue // nothing more is written; the rest is read for its rejections
			}
			if !yield(ch, nil) {
				return
			}
		}
		if first != nil {
			yield(store.Change{}, *first)
		}
	})
	sum := c.r.sum
	if err != nil {
		os.Remove(backup)
		if first != nil {
			return sum, &rejectedError{&sum}
		}
		return sum, msg.Wrap(err, "không nhập gì cả", "nothing imported")
	}
	if opt.Progress != nil {
		opt.Progress(c.n, c.n)
	}
	sum.New, sum.Changed, sum.Unchanged = res.New, res.Changed, res.Unchanged
	sum.Backup, sum.Applied = backup, true
	sum.Pruned, _ = PruneBackups(st.Path(), st.KeepBackups())
	return sum, nil
}
