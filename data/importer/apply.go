package importer

// This file: the dry run and the all-or-nothing import of a plan.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"chiso/data/msg"
	"chiso/data/store"
)

// fingerprint sums up what a plan would import, so that Apply can tell a
// plan it ran a clean dry run of.
func (p *Plan) fingerprint() string {
	fi, err := os.Stat(p.File.Path)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s|%d|%d|%s|%d|%v|%s|%s|%s|%v", p.File.Path, fi.Size(), fi.ModTime().UnixNano(), p.Sheet, p.HeaderRow,
		p.Columns, p.Element, p.Period, p.Category, p.Successors) + p.Layout.String()
}

// DryRun reads every row of the plan's sheet as Apply would, against the
// catalog and values of st, and counts new, changed, unchanged and
// rejected values, writing nothing. progress, if set, is called with the
// rows read and the total. A refused plan (see Plan.Ready) or an
// unreadable file is an error; rejections are not: they are in the
// Summary.
func DryRun(ctx context.Context, st *store.Store, p *Plan, progress func(done, total int)) (Summary, error) {
	r, err := newRunner(ctx, st, p)
	if err != nil {
		return Summary{}, err
	}
	total := max(p.Rows, 1)
	err = r.pass(ctx, func(int, store.Change) error { return nil }, func(Rejection) error { return nil }, func(done int) {
		if progress != nil {
			progress(done, max(total, done))
		}
	})
	if err != nil {
		return Summary{}, err
	}
	r.warnings()
	if err := r.compare(ctx, st); err != nil {
		return Summary{}, err
	}
	p.scope = r.scope()
	if r.sum.Rejected == 0 {
		p.checked = p.fingerprint()
	} else {
		p.checked = ""
	}
	return r.sum, nil
}

// scope returns a filter selecting the stored values the file's values
// may replace (the areas only when there are few).
func (r *runner) scope() store.ValueFilter {
	elemIn := map[uint32]bool{}
	perIn := map[uint32]bool{}
	areaIn := map[uint32]bool{}
	for k := range r.keys {
		elemIn[k.element], perIn[k.period], areaIn[k.area] = true, true, true
	}
	var f store.ValueFilter
	for e := range elemIn {
		f.Elements = append(f.Elements, r.elemOf[e])
	}
	for p := range perIn {
		f.Periods = append(f.Periods, r.perOf[p])
	}
	if len(areaIn) <= 500 {
		for _, a := range r.cat.Areas {
			if areaIn[r.areaIdx[a.Code]] {
				f.Areas = append(f.Areas, a.Code)
			}
		}
	}
	return f
}

// compare counts the values read against those stored.
func (r *runner) compare(ctx context.Context, st *store.Store) error {
	if r.sum.Values == 0 {
		return nil
	}
	f := r.scope()
	perIdx := map[string]uint32{}
	for _, pm := range r.periods {
		if pm.ok {
			perIdx[pm.code] = pm.idx
		}
	}
	err := st.EachValue(ctx, f, func(v store.Value) error {
		e, ok1 := r.elemIdx[v.Element]
		a, ok2 := r.areaIdx[v.Area]
		p, ok3 := perIdx[v.Period]
		c, ok4 := r.catIdx[v.Category]
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return nil
		}
		ent, ok := r.keys[valueKey{e, a, p, c}]
		if !ok {
			return nil
		}
		if ent.hash == r.hash(v.Value, v.Comment, v.FollowUp) {
			r.sum.Unchanged++
		} else {
			r.sum.Changed++
		}
		return nil
	})
	if err != nil {
		return err
	}
	r.sum.New = r.sum.Values - r.sum.Changed - r.sum.Unchanged
	return nil
}

// BackupPath returns where Apply backs up the database at db before an
// import at t: "<db>.before-import-20261128-0915.db" beside it, with
// "-2", "-3"… when that file exists.
func BackupPath(db string, t time.Time) string {
	base := db + ".before-import-" + t.Format("20060102-1504")
	path := base + ".db"
	for i := 2; ; i++ {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return path
		}
		path = fmt.Sprintf("%s-%d.db", base, i)
	}
}

// PruneBackups removes the oldest backups made before imports (BackupPath)
// beside the database at db, keeping the newest keep, and returns the paths
// removed.
func PruneBackups(db string, keep int) ([]string, error) {
	paths, err := filepath.Glob(db + ".before-import-*.db")
	if err != nil || len(paths) <= keep {
		return nil, err
	}
	type backup struct {
		path string
		at   time.Time
	}
	var bs []backup
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			bs = append(bs, backup{p, info.ModTime()})
		}
	}
	slices.SortFunc(bs, func(a, b backup) int { // newest first
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return strings.Compare(b.path, a.path)
	})
	var removed []string
	for _, b := range bs[min(keep, len(bs)):] {
		if err := os.Remove(b.path); err != nil {
			return removed, err
		}
		removed = append(removed, b.path)
	}
	return removed, nil
}

// Apply imports the plan's values into st, all or nothing. It reads the
// file through first, unless the plan has just had a clean DryRun, and
// refuses it (an error wrapping ErrRejected, the Summary listing the
// rejections) if any value is rejected. It then backs the database up
// beside its file (see BackupPath; the Summary says where) and writes
// every value in one transaction, checking each again. If anything fails
// the database is unchanged and the backup is removed. progress, if set,
// is called with the rows done and the total.
func Apply(ctx context.Context, st *store.Store, p *Plan, progress func(done, total int)) (Summary, error) {
	if err := p.Ready(); err != nil {
		return Summary{}, err
	}
	rows := max(p.Rows, 1)
	passes, offset := 1, 0
	report := func(done int) {
		if progress != nil {
			progress(offset+done, max(passes*rows, offset+done))
		}
	}
	if p.checked == "" || p.checked != p.fingerprint() {
		passes = 2
		sum, err := DryRun(ctx, st, p, func(done, _ int) { report(done) })
		if err != nil {
			return sum, err
		}
		if sum.Rejected > 0 {
			return sum, &rejectedError{&sum}
		}
		offset = rows
	}
	r, err := newRunner(ctx, st, p)
	if err != nil {
		return Summary{}, err
	}
	if err := r.loadKept(ctx, st, p.scope); err != nil {
		return Summary{}, err
	}
	if st.Path() == "" {
		return Summary{}, msg.New("CSDL không có tệp để sao lưu", "the database has no file to back up")
	}
	backup := BackupPath(st.Path(), time.Now())
	if err := st.Backup(ctx, backup); err != nil {
		return Summary{}, msg.Wrap(err, "không nhập gì cả: không sao lưu được CSDL trước khi nhập", "nothing imported: cannot back the database up first")
	}
	var stop error
	res, err := st.Import(ctx, p.File.Name, func(yield func(store.Change, error) bool) {
		err := r.pass(ctx, func(_ int, ch store.Change) error {
			if !yield(ch, nil) {
				return errStop
			}
			return nil
		}, func(rej Rejection) error {
			stop = rej
			return rej
		}, report)
		if err != nil && err != errStop {
			if stop == nil {
				stop = err
			}
			yield(store.Change{}, err)
		}
	})
	if err != nil {
		os.Remove(backup)
		sum := r.sum
		sum.Backup = ""
		if stop != nil {
			var rej Rejection
			if errors.As(stop, &rej) {
				return sum, &rejectedError{&sum}
			}
		}
		return sum, msg.Wrap(err, "không nhập gì cả", "nothing imported")
	}
	r.warnings()
	sum := r.sum
	sum.New, sum.Changed, sum.Unchanged = res.New, res.Changed, res.Unchanged
	sum.Backup, sum.Applied = backup, true
	sum.Pruned, _ = PruneBackups(st.Path(), st.KeepBackups())
	p.checked = ""
	return sum, nil
}
