package replica

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/store"
)

// SegmentSize is the most changes one segment file holds.
const SegmentSize = 50_000

// Report says what one sync did.
type Report struct {
	Exported       int      // changes of this device written into new segments
	Written        int      // segment files written to the folder (this device's and relayed ones)
	Received       int      // changes in the segments read
	Applied        int      // changes applied here
	Present        int      // changes that were here already
	Refused        int      // changes refused (outside their office's areas)
	Conflicts      int      // values now in conflict (to resolve)
	Rejected       []string // what was refused and why, one line each
	Waiting        []string // segments that wait for something not received yet
	ClockAhead     []string // offices whose clock runs ahead of this computer's
	CatalogVersion int64    // catalog version applied, 0 when unchanged
	NewIdentity    bool     // this database took a new device identity (it was copied or restored)
	Revoked        bool     // this office's certificate is revoked: its new changes were not sent
}

// Progress is told how far a sync has got: done of total steps.
type Progress func(done, total int)

// run is one sync: this database with its identity.
type run struct {
	ctx      context.Context
	st       *store.Store
	id       *Identity
	lang     string
	progress Progress
	rep      Report
	rev      revocations
	ahead    map[string]chan openedSegment // segments read and verified ahead, by base name
}

func newRun(ctx context.Context, st *store.Store, lang string, progress Progress) (*run, error) {
	id, err := LoadIdentity(st)
	if err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	r := &run{ctx: ctx, st: st, id: id, lang: lang, progress: progress}
	if err := r.loadRevocations(); err != nil {
		return nil, err
	}
	return r, r.checkClone()
}

// loadRevocations reads the certificates revoked in the catalog.
func (r *run) loadRevocations() error {
	cat, err := r.st.Catalog(r.ctx)
	if err != nil {
		return err
	}
	r.rev, err = loadRevocations(r.ctx, r.st, cat)
	return err
}

// checkClone gives the database a new device identity when it is not
// where it was last synced (another computer or another file: a copy), so
// that two copies never sign different changes under one id.
func (r *run) checkClone() error {
	host, _ := os.Hostname()
	abs, _ := filepath.Abs(r.st.Path())
	marker := host + "|" + abs
	old, err := r.st.Meta(metaMarker)
	if err != nil {
		return err
	}
	if old != "" && old != marker {
		if err := r.st.NewDevice(r.ctx); err != nil {
			return err
		}
		r.rep.NewIdentity = true
	}
	return r.st.SetMeta(metaMarker, marker)
}

// Sync exchanges changes with the sync folder dir: it writes this device's
// new changes and every segment it holds that the folder lacks (relaying
// other offices' files), then reads and applies every verified segment of
// the others. lang ("vi" or "en") is the language of the report's lines.
func Sync(ctx context.Context, st *store.Store, dir, lang string, progress Progress) (*Report, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, msg.New("không có thư mục đồng bộ "+dir, "no sync folder "+dir)
	}
	r, err := newRun(ctx, st, lang, progress)
	if err != nil {
		return nil, err
	}
	fsys := os.DirFS(dir)
	if err := checkFormat(fsys); err != nil {
		return nil, err
	}
	w := folderWriter{dir}
	if _, err := w.put(formatFile, []byte(formatLine+"\n")); err != nil {
		return nil, err
	}
	if err := r.export(); err != nil {
		return nil, err
	}
	if err := r.writeAll(w, fsys); err != nil {
		return nil, err
	}
	if err := r.read(fsys); err != nil {
		return nil, err
	}
	return r.finish(dir)
}

// finish counts the conflicts and remembers the folder.
func (r *run) finish(place string) (*Report, error) {
	cs, err := r.st.Conflicts(r.ctx)
	if err != nil {
		return nil, err
	}
	r.rep.Conflicts = len(cs)
	if place != "" {
		if err := r.st.SetMeta(metaFolder, place); err != nil {
			return nil, err
		}
	}
	return &r.rep, nil
}

// export seals this device's changes not yet in a segment into new
// segments of at most SegmentSize changes.
func (r *run) export() error {
	writers, err := r.st.Writers(r.ctx)
	if err != nil {
		return err
	}
	me := writers[r.st.Device()]
	if r.rev.bySerial[r.id.Cert.Serial] != nil {
		r.rep.Revoked = true // the others would refuse what it signs now
		return nil
	}
	// Segments are sealed while the changes are read and kept once the
	// reading is over (the database has one connection).
	type sealed struct {
		g            store.Segment
		hash         string
		last, maxHLC int64
	}
	var done []sealed
	var batch []store.Op
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		g, hash, err := seal(r.id, r.st.Device(), me.Segments+1, me.LastManifest, batch)
		if err != nil {
			return err
		}
		s := sealed{g: g, hash: hash, last: batch[len(batch)-1].ID.Seq}
		for _, op := range batch {
			s.maxHLC = max(s.maxHLC, op.HLC)
		}
		done = append(done, s)
		r.rep.Exported += len(batch)
		me.Segments, me.LastManifest = g.Number, hash
		batch = batch[:0]
		return nil
	}
	err = r.st.Ops(r.ctx, me.Seen, func(op store.Op) error {
		batch = append(batch, op)
		if len(batch) == SegmentSize {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	for _, s := range done {
		if err := r.st.AddOwnSegment(r.ctx, s.g, s.hash, s.last, s.maxHLC); err != nil {
			return err
		}
	}
	return nil
}

// putter is a folder or a package being written.
type putter interface {
	put(rel string, data []byte) (bool, error)
}

// writeAll writes every signed catalog and every segment this database
// holds that fsys (the destination, nil for a new package) lacks.
func (r *run) writeAll(w putter, fsys fs.FS) error {
	if _, _, err := publishCatalog(r.ctx, r.st, r.id); err != nil {
		return err
	}
	cats, err := r.st.SignedCatalogs(r.ctx)
	if err != nil {
		return err
	}
	for _, kept := range cats {
		c, err := signedCatalog(kept)
		if err != nil {
			return err
		}
		body, err := json.Marshal(c)
		if err != nil {
			return err
		}
		if _, err := w.put(catalogPath(c.Version), body); err != nil {
			return err
		}
	}
	list, err := r.st.SegmentList(r.ctx)
	if err != nil {
		return err
	}
	for i, g := range list {
		r.progress(i, len(list))
		// This device's own files are compared byte for byte, so that a
		// damaged copy in the folder is repaired; relayed files only when
		// missing or of the wrong size.
		if fsys != nil && g.Writer != r.st.Device() && sameSizes(fsys, g) {
			continue
		}
		if rv := r.rev.byWriter[g.Writer]; rv != nil && g.Number > cut(rv, g.Writer).Segment {
			continue // never relay what a revoked certificate signed after its cut
		}
		if err := r.st.SegmentData(r.ctx, &g); err != nil {
			return err
		}
		wrote, err := putSegment(w, g)
		if wrote {
			r.rep.Written++
		}
		if err != nil {
			return err
		}
	}
	r.progress(len(list), len(list))
	return nil
}

// sameSizes reports whether the three files of g are in fsys with their
// right sizes.
func sameSizes(fsys fs.FS, g store.Segment) bool {
	base := segmentBase(g.Writer, g.Number, hashHex(g.Manifest))
	for ext, size := range map[string]int64{dataExt: g.Size, manifestExt: int64(len(g.Manifest)), signatureExt: int64(len(g.Sig))} {
		info, err := fs.Stat(fsys, base+ext)
		if err != nil || info.Size() != size {
			return false
		}
	}
	return true
}

// read applies the signed catalogs and the segments found in fsys.
func (r *run) read(fsys fs.FS) error {
	for _, name := range catalogFiles(fsys) {
		b, err := fs.ReadFile(fsys, name)
		var sc SignedCatalog
		if err == nil {
			err = json.Unmarshal(b, &sc)
		}
		if err != nil {
			r.reject("", name, msg.New("tệp danh mục hỏng", "damaged catalog file"))
			continue
		}
		applied, err := applyCatalog(r.ctx, r.st, r.id.Root, sc)
		if err != nil {
			r.reject("", name, err)
			continue
		}
		if applied {
			r.rep.CatalogVersion = sc.Version
		}
	}
	if r.rep.CatalogVersion > 0 {
		// A new catalog may revoke certificates: what they signed after
		// their cut no longer counts here either.
		if err := r.loadRevocations(); err != nil {
			return err
		}
		revs := make([]catalog.Revocation, 0, len(r.rev.bySerial))
		for _, rv := range r.rev.bySerial {
			revs = append(revs, *rv)
		}
		if err := enforceRevocations(r.ctx, r.st, revs); err != nil {
			return err
		}
	}
	found, err := scanSegments(fsys)
	if err != nil {
		return err
	}
	writers, err := r.st.Writers(r.ctx)
	if err != nil {
		return err
	}
	total := 0
	for w, byNum := range found {
		if w == r.st.Device() {
			continue
		}
		for n := range byNum {
			if n > writers[w].Segments {
				total++
			}
		}
	}
	parents, err := r.parents()
	if err != nil {
		return err
	}
	done := 0
	r.progress(0, total)
	names := make([]string, 0, len(found))
	for w := range found {
		if w != r.st.Device() {
			names = append(names, w)
		}
	}
	sort.Strings(names)
	// Apply each writer's segments in chain order; a segment that builds on
	// another writer's change not applied yet waits for the next pass.
	failed := map[string]bool{}
	for progress := true; progress; {
		progress = false
		for _, w := range names {
			for !failed[w] {
				state := writers[w]
				cands := found[w][state.Segments+1]
				if len(cands) == 0 {
					break
				}
				what := fmt.Sprintf("%s/%d", w, state.Segments+1)
				if !cands[0].complete && len(cands) == 1 {
					break // still being written or copied: waited for
				}
				if len(cands) > 1 {
					failed[w] = true
					r.st.SetWriterStatus(r.ctx, w, "forked")
					r.reject(w, what, msg.New(
						"có hai tệp khác nhau cùng số thứ tự: CSDL của máy này bị sao chép sang máy khác; không nhận cho đến khi xử lý xong",
						"two different files with the same number: this computer's database was copied to another; not accepted until that is sorted out"))
					break
				}
				if next := found[w][state.Segments+2]; len(next) == 1 && next[0].complete {
					r.readAhead(fsys, next[0])
				}
				err := r.applyFiles(fsys, cands[0], &state, parents)
				var nr *store.NotReadyError
				if errors.As(err, &nr) {
					break
				}
				if err != nil {
					failed[w] = true
					r.reject(w, what, err)
					break
				}
				writers[w] = state
				done++
				r.progress(done, total)
				progress = true
			}
		}
	}
	for _, w := range names {
		if next := found[w][writers[w].Segments+1]; len(next) == 1 && !failed[w] {
			what := fmt.Sprintf("%s/%d", w, next[0].number)
			if !next[0].complete {
				what += r.say(" (chưa đủ tệp)", " (files missing)")
			}
			r.rep.Waiting = append(r.rep.Waiting, what)
		}
	}
	r.progress(total, total)
	return nil
}

// applyFiles verifies one segment and applies it; a *store.NotReadyError
// says it builds on something not received yet.
func (r *run) applyFiles(fsys fs.FS, f segmentFiles, state *store.WriterState, parents map[string]string) error {
	o := r.open(fsys, f)
	if o.err != nil {
		return o.err
	}
	g, m, cert, ops := o.g, o.m, o.cert, o.ops
	defer releaseOps(ops)
	if rv := r.rev.bySerial[cert.Serial]; rv != nil {
		if err := allows(rv, f.writer, g.Number, hashHex(g.Manifest)); err != nil {
			return err
		}
	}
	if m.Prev != state.LastManifest {
		r.st.SetWriterStatus(r.ctx, f.writer, "forked")
		return msg.New("tệp không nối tiếp tệp trước của cùng máy (máy bị sao chép hoặc tệp bị thay)",
			"the file does not follow the same computer's previous file (a copied computer or a replaced file)")
	}
	// The changes kept are moved to the front of ops (which is this
	// segment's own): no copy of a segment's changes.
	kept := ops[:0]
	for i := range ops {
		op := &ops[i]
		if op.Kind != "" {
			if _, known := parents[op.Area]; known {
				if err := cert.mayTake(op.Kind, op.Area, parents); err != nil {
					r.reject(f.writer, string(op.Kind)+" "+op.DataSet+" "+op.Area+" "+op.Period, err)
					r.rep.Refused++
					continue
				}
			}
			kept = append(kept, *op)
			continue
		}
		if _, known := parents[op.Area]; known && !cert.inScope(op.Area, parents) {
			r.reject(f.writer, op.Element+" "+op.Area+" "+op.Period, msg.New(
				fmt.Sprintf("%s không được phép ghi số liệu của địa bàn %s", cert.Office, op.Area),
				fmt.Sprintf("%s may not write values of area %s", cert.Office, op.Area)))
			r.rep.Refused++
			continue
		}
		kept = append(kept, *op)
	}
	res, err := r.st.ApplySegment(r.ctx, g, hashHex(g.Manifest), store.Signer{Office: cert.Office, Cert: m.Cert.Body}, kept, m.LastSeq)
	if err != nil {
		return err
	}
	r.rep.Received += len(ops)
	r.rep.Applied += res.Applied
	r.rep.Present += res.Present
	if res.Future {
		r.rep.ClockAhead = append(r.rep.ClockAhead, cert.Office)
		r.st.SetWriterStatus(r.ctx, f.writer, "clock-ahead")
	}
	state.Segments, state.LastManifest = g.Number, hashHex(g.Manifest)
	state.Seen = max(state.Seen, m.LastSeq)
	return nil
}

// openedSegment is a segment read from its files and verified.
type openedSegment struct {
	g    store.Segment
	m    Manifest
	cert Cert
	ops  []store.Op
	err  error
}

func openFiles(fsys fs.FS, f segmentFiles, root ed25519.PublicKey) openedSegment {
	var o openedSegment
	if o.g, o.err = readSegment(fsys, f); o.err == nil {
		o.m, o.cert, o.ops, o.err = openSegment(o.g, root)
	}
	return o
}

// open reads and verifies the files of a segment, or takes them from
// readAhead.
func (r *run) open(fsys fs.FS, f segmentFiles) openedSegment {
	if ch, ok := r.ahead[f.base]; ok {
		delete(r.ahead, f.base)
		return <-ch
	}
	return openFiles(fsys, f, r.id.Root)
}

// readAhead reads and verifies the files of a segment on another
// goroutine while the one before it is applied (decoding a segment takes
// about as long as applying it).
func (r *run) readAhead(fsys fs.FS, f segmentFiles) {
	if r.ahead == nil {
		r.ahead = map[string]chan openedSegment{}
	}
	if _, ok := r.ahead[f.base]; ok {
		return
	}
	ch := make(chan openedSegment, 1)
	r.ahead[f.base] = ch
	go func() { ch <- openFiles(fsys, f, r.id.Root) }()
}

// parents maps each area code to its parent's code.
func (r *run) parents() (map[string]string, error) {
	cat, err := r.st.Catalog(r.ctx)
	if err != nil {
		return nil, err
	}
	return parentsOf(cat), nil
}

// say picks the text of the run's language.
func (r *run) say(vi, en string) string {
	if r.lang == "en" {
		return en
	}
	return vi
}

// reject records a refusal and adds it to the report in the run's
// language.
func (r *run) reject(writer, what string, err error) {
	text := msg.Text(err, r.lang)
	r.rep.Rejected = append(r.rep.Rejected, what+": "+text)
	r.st.AddRejections(r.ctx, store.Rejection{At: time.Now().UTC().Format(time.RFC3339), Writer: writer, What: what, Reason: text})
}

// Folder returns the sync folder used last ("" if none).
func Folder(st *store.Store) string {
	v, _ := st.Meta(metaFolder)
	return v
}

// Severity tells how a line of a report should be shown.
type Severity int

// The severities of report lines.
const (
	Info    Severity = iota
	Warning          // something to look at: a clock ahead, files awaited, conflicts
	Refusal          // something refused
)

// Line is one line of a report for a person.
type Line struct {
	Text     string
	Severity Severity
}

// Lines renders the report as short lines for a person, in lang.
func (rep *Report) Lines(lang string) []Line {
	t := func(vi, en string) string {
		if lang == "en" {
			return en
		}
		return vi
	}
	conflicts := Info
	if rep.Conflicts > 0 {
		conflicts = Warning
	}
	out := []Line{
		{fmt.Sprintf(t("Đã gửi %d thay đổi của máy này (%d tệp ghi ra)", "Sent %d changes of this computer (%d files written)"), rep.Exported, rep.Written), Info},
		{fmt.Sprintf(t("Đã nhận %d thay đổi: %d áp dụng, %d đã có, %d bị từ chối", "Received %d changes: %d applied, %d already here, %d refused"),
			rep.Received, rep.Applied, rep.Present, rep.Refused), Info},
		{fmt.Sprintf(t("Xung đột cần giải quyết: %d", "Conflicts to resolve: %d"), rep.Conflicts), conflicts},
	}
	if rep.CatalogVersion > 0 {
		out = append(out, Line{fmt.Sprintf(t("Đã cập nhật danh mục phiên bản %d", "Catalog updated to version %d"), rep.CatalogVersion), Info})
	}
	if rep.Revoked {
		out = append(out, Line{t("Chứng thư của đơn vị này đã bị tỉnh thu hồi: thay đổi mới của máy này không được gửi đi (các đơn vị khác sẽ từ chối). Hãy xin tỉnh tệp đơn vị mới.",
			"This office's certificate was revoked by the province: this computer's new changes were not sent (the other offices would refuse them). Ask the province for a new office file."), Refusal})
	}
	if rep.NewIdentity {
		out = append(out, Line{t("CSDL này được sao chép hoặc khôi phục: máy nhận mã thiết bị mới", "This database was copied or restored: it took a new device id"), Warning})
	}
	for _, o := range rep.ClockAhead {
		out = append(out, Line{fmt.Sprintf(t("Đồng hồ máy của %s chạy nhanh hơn quá 1 ngày: không dùng để sắp thứ tự", "The clock of %s runs more than a day ahead: not trusted for ordering"), o), Warning})
	}
	if len(rep.Waiting) > 0 {
		out = append(out, Line{fmt.Sprintf(t("Chờ tệp còn thiếu: %s", "Waiting for missing files: %s"), strings.Join(rep.Waiting, ", ")), Warning})
	}
	for _, x := range rep.Rejected {
		out = append(out, Line{t("Từ chối ", "Refused ") + x, Refusal})
	}
	return out
}
