package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"chiso/data/msg"
)

// OpID names one change forever: the device (writer) that made it and its
// sequence number there.
type OpID struct {
	Writer string
	Seq    int64
}

// String is the change's id as it is written in files: writer:seq.
func (id OpID) String() string { return id.Writer + ":" + strconv.FormatInt(id.Seq, 10) }

// ParseOpID reads an id written by OpID.String.
func ParseOpID(s string) (OpID, error) {
	i := strings.LastIndexByte(s, ':')
	if i <= 0 {
		return OpID{}, fmt.Errorf("change id %q is not writer:seq", s)
	}
	n, err := strconv.ParseInt(s[i+1:], 10, 64)
	if err != nil || n <= 0 {
		return OpID{}, fmt.Errorf("change id %q is not writer:seq", s)
	}
	return OpID{s[:i], n}, nil
}

// Op is one change of a value as it travels between devices.
type Op struct {
	ID                              OpID
	HLC                             int64 // hybrid logical clock: ms << 16 | counter
	Element, Area, Period, Category string
	Value                           string // canonical; "" deletes the value (a tombstone)
	Comment                         string
	FollowUp                        bool
	Status                          Status
	Bases                           []OpID // the changes it replaces; none for a first value
	Author, At, Source              string // of the user action that made it
	// Kind is "" for a value change, else the step of a form's cycle (the
	// form is DataSet, Area, Period; Element and Value are empty; Bases are
	// the steps it replaces; Covers, see FormEvent).
	Kind    Action
	DataSet string
	Covers  []OpID
}

// Ops calls fn for each change made on this device with a sequence number
// above after, in sequence order.
func (s *Store) Ops(ctx context.Context, after int64, fn func(Op) error) error {
	extra := map[int64][]OpID{}
	rows, err := s.db.QueryContext(ctx, `SELECT b.seq, d.uid, b.base_seq FROM op_base b JOIN device d ON d.id = b.base_device
		WHERE b.device_id = ? AND b.seq > ? ORDER BY b.seq, d.uid, b.base_seq`, s.deviceID, after)
	if err != nil {
		return fmt.Errorf("read changes to send: %w", err)
	}
	for rows.Next() {
		var seq int64
		var b OpID
		if err := rows.Scan(&seq, &b.Writer, &b.Seq); err != nil {
			rows.Close()
			return err
		}
		extra[seq] = append(extra[seq], b)
	}
	rows.Close()
	steps, err := s.formEvents(ctx, `f.device_id = ? AND f.seq > ?`, s.deviceID, after)
	if err != nil {
		return fmt.Errorf("read changes to send: %w", err)
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i].ID.Seq < steps[j].ID.Seq })
	// sendSteps sends the steps numbered below seq (all with 0).
	sendSteps := func(seq int64) error {
		for len(steps) > 0 && (seq == 0 || steps[0].ID.Seq < seq) {
			e := steps[0]
			steps = steps[1:]
			op := Op{ID: e.ID, HLC: e.HLC, Area: e.Area, Period: e.Period, Comment: e.Comment, Bases: extra[e.ID.Seq],
				Author: e.Author, At: e.At, Source: "cycle:" + string(e.Action), Kind: e.Action, DataSet: e.DataSet, Covers: e.Covers}
			if err := fn(op); err != nil {
				return err
			}
		}
		return nil
	}
	rows, err = s.db.QueryContext(ctx, `WITH c AS (
			SELECT * FROM datavalue WHERE device_id = ?1 AND seq > ?2
			UNION ALL
			SELECT * FROM value_history WHERE device_id = ?1 AND seq > ?2)
		SELECT c.seq, c.hlc, e.code, a.code, c.period, c.category, COALESCE(c.value, ''), c.comment, c.followup, c.status,
			COALESCE(rd.uid, ''), COALESCE(c.rep_seq, 0), cs.author, cs.at, cs.source
		FROM c JOIN element e ON e.id = c.element_id JOIN area a ON a.id = c.area_id
		JOIN changeset cs ON cs.id = c.changeset_id LEFT JOIN device rd ON rd.id = c.rep_device
		ORDER BY c.seq`, s.deviceID, after)
	if err != nil {
		return fmt.Errorf("read changes to send: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		op := Op{ID: OpID{Writer: s.device}}
		var rep OpID
		if err := rows.Scan(&op.ID.Seq, &op.HLC, &op.Element, &op.Area, &op.Period, &op.Category, &op.Value, &op.Comment, &op.FollowUp, &op.Status,
			&rep.Writer, &rep.Seq, &op.Author, &op.At, &op.Source); err != nil {
			return err
		}
		if rep.Writer != "" {
			op.Bases = append(op.Bases, rep)
		}
		op.Bases = append(op.Bases, extra[op.ID.Seq]...)
		if err := sendSteps(op.ID.Seq); err != nil {
			return err
		}
		if err := fn(op); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return sendSteps(0)
}

// Segment is one signed file of changes of one writer, as kept for relaying.
type Segment struct {
	Writer   string
	Number   int64 // 1, 2, … in the writer's chain
	Manifest []byte
	Sig      []byte
	Data     []byte
	Size     int64 // length of Data, also when it was not read
}

// WriterState is what this database knows of one writer (device).
type WriterState struct {
	Writer       string
	Office       string
	Segments     int64  // number of its last segment accepted (or written, for this device)
	LastManifest string // hash of that segment's manifest, which the next one must name
	Seen         int64  // sequence number of its last change applied (or sent)
	MaxHLC       int64  // the latest clock reading received from it
	Status       string // "" or a problem: "forked", "clock-ahead"
	Cert         []byte // the certificate it last signed with (JSON), nil for this device
	ReceivedAt   string // when this database last accepted a segment of it (UTC)
}

// Writers returns the state of every writer known, by writer id.
func (s *Store) Writers(ctx context.Context) (map[string]WriterState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.uid, w.office, w.segments, w.last_manifest, w.seen, w.max_hlc, w.status, w.cert, w.received_at
		FROM sync_writer w JOIN device d ON d.id = w.device_id`)
	if err != nil {
		return nil, fmt.Errorf("read sync writers: %w", err)
	}
	defer rows.Close()
	out := map[string]WriterState{}
	for rows.Next() {
		var w WriterState
		if err := rows.Scan(&w.Writer, &w.Office, &w.Segments, &w.LastManifest, &w.Seen, &w.MaxHLC, &w.Status, &w.Cert, &w.ReceivedAt); err != nil {
			return nil, err
		}
		out[w.Writer] = w
	}
	return out, rows.Err()
}

// SetWriterStatus records a problem seen with a writer ("" clears it).
func (s *Store) SetWriterStatus(ctx context.Context, writer, status string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	id, err := deviceIDTx(ctx, tx, writer)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_writer(device_id, status) VALUES (?, ?)
		ON CONFLICT(device_id) DO UPDATE SET status = excluded.status`, id, status); err != nil {
		return err
	}
	return tx.Commit()
}

// deviceIDTx returns the database id of a writer, adding it if new.
func deviceIDTx(ctx context.Context, tx *sql.Tx, uid string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO device(uid) VALUES (?) ON CONFLICT(uid) DO UPDATE SET uid = uid RETURNING id`, uid).Scan(&id)
	return id, err
}

// SegmentList returns every segment kept, of every writer, in writer and
// number order, without their data (Size says how long it is): a
// province keeps thousands, and relays only those a folder lacks.
func (s *Store) SegmentList(ctx context.Context) ([]Segment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.uid, g.number, g.manifest, g.sig, length(g.data) FROM sync_segment g
		JOIN device d ON d.id = g.device_id ORDER BY d.uid, g.number`)
	if err != nil {
		return nil, fmt.Errorf("read sync segments: %w", err)
	}
	defer rows.Close()
	var out []Segment
	for rows.Next() {
		var g Segment
		if err := rows.Scan(&g.Writer, &g.Number, &g.Manifest, &g.Sig, &g.Size); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// SegmentData reads the data of a segment listed by SegmentList into g.
func (s *Store) SegmentData(ctx context.Context, g *Segment) error {
	err := s.db.QueryRowContext(ctx, `SELECT g.data FROM sync_segment g JOIN device d ON d.id = g.device_id
		WHERE d.uid = ? AND g.number = ?`, g.Writer, g.Number).Scan(&g.Data)
	if err != nil {
		return fmt.Errorf("read segment %d of %s: %w", g.Number, g.Writer, err)
	}
	return nil
}

// AddOwnSegment keeps a segment this device wrote of its changes up to
// lastSeq, and records them as sent.
func (s *Store) AddOwnSegment(ctx context.Context, g Segment, manifestHash string, lastSeq, maxHLC int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := putSegment(sqlExec(ctx, tx), s.deviceID, g, manifestHash, lastSeq, maxHLC, Signer{}); err != nil {
		return err
	}
	return tx.Commit()
}

// Signer is the office that signed a segment, with its certificate.
type Signer struct {
	Office string
	Cert   []byte
}

// sqlExec is the exec function of putSegment for a database/sql
// transaction.
func sqlExec(ctx context.Context, tx *sql.Tx) func(string, ...any) error {
	return func(q string, args ...any) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}
}

// putSegment keeps a segment and what it tells of its writer, through
// exec (a database/sql transaction or the direct connection).
func putSegment(exec func(string, ...any) error, device int64, g Segment, manifestHash string, lastSeq, maxHLC int64, signer Signer) error {
	if err := exec(`INSERT INTO sync_segment(device_id, number, manifest, sig, data) VALUES (?,?,?,?,?)`,
		device, g.Number, g.Manifest, g.Sig, g.Data); err != nil {
		return fmt.Errorf("keep segment %d of %s: %w", g.Number, g.Writer, err)
	}
	received := ""
	if signer.Cert != nil { // received, not written here
		received = now()
	}
	return exec(`INSERT INTO sync_writer(device_id, office, cert, segments, last_manifest, seen, max_hlc, received_at) VALUES (?,?,?,?,?,?,?,?)
		ON CONFLICT(device_id) DO UPDATE SET segments = excluded.segments, last_manifest = excluded.last_manifest,
			seen = max(seen, excluded.seen), max_hlc = max(max_hlc, excluded.max_hlc),
			office = CASE WHEN excluded.office = '' THEN office ELSE excluded.office END,
			cert = COALESCE(excluded.cert, cert),
			received_at = CASE WHEN excluded.received_at = '' THEN received_at ELSE excluded.received_at END`,
		device, signer.Office, signer.Cert, g.Number, manifestHash, lastSeq, maxHLC, received)
}

// Rejection is a change or a file refused, with the reason.
type Rejection struct {
	At     string
	Writer string
	What   string // the segment or the change refused
	Reason string
}

// AddRejections records refused changes or files, so that they can be
// shown again later.
func (s *Store) AddRejections(ctx context.Context, rs ...Rejection) error {
	for _, r := range rs {
		if r.At == "" {
			r.At = now()
		}
		if _, err := s.db.ExecContext(ctx, `INSERT INTO sync_rejected(at, writer, what, reason) VALUES (?,?,?,?)`,
			r.At, r.Writer, r.What, r.Reason); err != nil {
			return err
		}
	}
	return nil
}

// Rejections returns the refusals recorded, newest first.
func (s *Store) Rejections(ctx context.Context, limit int) ([]Rejection, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, writer, what, reason FROM sync_rejected ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Rejection
	for rows.Next() {
		var r Rejection
		if err := rows.Scan(&r.At, &r.Writer, &r.What, &r.Reason); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// NotReadyError says a segment cannot be applied yet: it builds on a
// change or a catalog entry this database has not received.
type NotReadyError struct{ Missing string }

func (e *NotReadyError) Error() string { return "waiting for " + e.Missing }

// ApplyResult counts what applying one segment did.
type ApplyResult struct {
	Applied   int  // changes applied
	Present   int  // changes already here
	Conflicts int  // changes that made (or kept) a conflict
	Future    bool // the writer's clock is ahead of this computer's by more than MaxClockAhead
}

// MaxClockAhead is how far ahead of this computer's clock a received change
// may be and still move the local clock forward.
const MaxClockAhead = 24 * time.Hour

// ApplySegment applies the changes of one verified segment of a writer, in
// one transaction, and keeps the segment. Changes already applied are
// skipped; changes whose element, area or replaced change is unknown make
// it fail with a *NotReadyError, applying nothing. lastSeq is the segment's
// last sequence number (changes refused by the caller are counted as seen).
// A segment of first values only is applied on the direct connection
// (see apply_direct.go), any other through database/sql.
func (s *Store) ApplySegment(ctx context.Context, g Segment, manifestHash string, signer Signer, ops []Op, lastSeq int64) (ApplyResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var res ApplyResult
	if g.Writer == s.device {
		return res, fmt.Errorf("segment %d is this device's own", g.Number)
	}
	if res, err := s.applyPlain(ctx, g, manifestHash, signer, ops, lastSeq); !errors.Is(err, errNotPlain) {
		return res, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	a, err := s.newApplier(ctx, tx)
	if err != nil {
		return res, err
	}
	defer a.close()
	writer, err := a.device(g.Writer)
	if err != nil {
		return res, err
	}
	var seen int64
	if err := tx.QueryRowContext(ctx, `SELECT seen FROM sync_writer WHERE device_id = ?`, writer).Scan(&seen); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return res, err
	}
	if err := a.ready(ctx, ops, seen); err != nil {
		return res, err
	}
	clk, err := s.readClock(tx)
	if err != nil {
		return res, err
	}
	seen, maxHLC, err := applyNew(ops, seen, &res, func(op *Op) error { return a.add(ctx, writer, op) })
	if err != nil {
		return ApplyResult{}, err
	}
	if err := a.flush(ctx, writer); err != nil {
		return ApplyResult{}, err
	}
	res.Conflicts = a.conflicts
	if takeClock(&clk, maxHLC, &res) {
		if err := s.saveClock(tx, clk); err != nil {
			return ApplyResult{}, err
		}
	}
	if err := putSegment(sqlExec(ctx, tx), writer, g, manifestHash, max(seen, lastSeq), maxHLC, signer); err != nil {
		return ApplyResult{}, err
	}
	if err := a.cyc.commit(); err != nil {
		return ApplyResult{}, fmt.Errorf("commit segment %d of %s: %w", g.Number, g.Writer, err)
	}
	return res, nil
}

// applyNew calls add for each change of ops numbered above seen, in
// order, counting them and those already applied in res; it returns the
// number of the last change and the latest clock reading among them.
func applyNew(ops []Op, seen int64, res *ApplyResult, add func(*Op) error) (last, maxHLC int64, err error) {
	for i := range ops {
		op := &ops[i]
		if op.ID.Seq <= seen {
			res.Present++
			continue
		}
		seen = op.ID.Seq
		maxHLC = max(maxHLC, op.HLC)
		if err := add(op); err != nil {
			return 0, 0, fmt.Errorf("apply %s: %w", op.ID, err)
		}
		res.Applied++
	}
	return seen, maxHLC, nil
}

// takeClock moves clk to maxHLC, the latest clock reading received, and
// reports whether it did; not when that reading is further ahead of this
// computer's clock than MaxClockAhead, which res then says.
func takeClock(clk *clock, maxHLC int64, res *ApplyResult) bool {
	if maxHLC > time.Now().Add(MaxClockAhead).UnixMilli()<<16 {
		res.Future = true
		return false
	}
	if maxHLC <= clk.hlc {
		return false
	}
	clk.hlc = maxHLC
	return true
}

// Conflict is a value changed on several devices without either seeing the
// other's change.
type Conflict struct {
	Element, Area, Period, Category string
	Heads                           []Head // Heads[0] is the value shown until someone resolves it
}

// Head is one of the competing changes of a conflict.
type Head struct {
	OpID      string
	Writer    string // the device that made the change
	Value     string // "" when the change deleted the value
	Comment   string
	Status    Status
	Author    string
	ChangedAt string
	HLC       int64
}

// Conflicts returns the values in conflict whose competing changes differ
// (same values reached independently are not a conflict to resolve), by
// period, element, area and category.
func (s *Store) Conflicts(ctx context.Context) ([]Conflict, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT h.period, e.code, a.code, h.category, d.uid || ':' || h.seq, d.uid,
			COALESCE(dv.value, vh.value, ''), COALESCE(dv.comment, vh.comment), COALESCE(dv.status, vh.status), cs.author, cs.at, h.hlc, dv.seq IS NOT NULL
		FROM conflict_head h
		LEFT JOIN datavalue dv ON dv.period = h.period AND dv.element_id = h.element_id AND dv.area_id = h.area_id
			AND dv.category = h.category AND dv.device_id = h.device_id AND dv.seq = h.seq
		LEFT JOIN value_history vh ON dv.seq IS NULL AND vh.element_id = h.element_id AND vh.area_id = h.area_id
			AND vh.period = h.period AND vh.category = h.category AND vh.seq = h.seq AND vh.device_id = h.device_id
		JOIN changeset cs ON cs.id = COALESCE(dv.changeset_id, vh.changeset_id)
		JOIN element e ON e.id = h.element_id JOIN area a ON a.id = h.area_id JOIN device d ON d.id = h.device_id
		ORDER BY h.period, h.element_id, h.area_id, h.category, h.hlc DESC, d.uid DESC`)
	if err != nil {
		return nil, fmt.Errorf("read conflicts: %w", err)
	}
	defer rows.Close()
	var out []Conflict
	for rows.Next() {
		var c Conflict
		var h Head
		var shown bool
		if err := rows.Scan(&c.Period, &c.Element, &c.Area, &c.Category, &h.OpID, &h.Writer, &h.Value, &h.Comment, &h.Status, &h.Author, &h.ChangedAt, &h.HLC, &shown); err != nil {
			return nil, err
		}
		n := len(out)
		if n == 0 || out[n-1].Element != c.Element || out[n-1].Area != c.Area || out[n-1].Period != c.Period || out[n-1].Category != c.Category {
			out = append(out, c)
			n++
		}
		last := &out[n-1]
		if shown {
			last.Heads = append([]Head{h}, last.Heads...)
		} else {
			last.Heads = append(last.Heads, h)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	kept := out[:0]
	for _, c := range out {
		for _, h := range c.Heads[1:] {
			if h.Value != c.Heads[0].Value {
				kept = append(kept, c)
				break
			}
		}
	}
	return kept, nil
}

// Resolve ends a conflict (or overrides a value) with the value chosen: a
// new change on this device that replaces every competing change, and
// syncs like any other.
func (s *Store) Resolve(ctx context.Context, c Change) error {
	_, err := s.write(ctx, "", true, false, func(yield func(Change, error) bool) { yield(c, nil) })
	if err != nil {
		return msg.Wrap(err, "không giải quyết được xung đột", "cannot resolve the conflict")
	}
	return nil
}

// SignedCatalog is one version of the catalog as the province signed it.
type SignedCatalog struct {
	Version int64
	JSON    []byte
	Sig     []byte
	Signer  []byte // the signing office's certificate (JSON); nil when the root key signed
}

// SignedCatalogs returns the signed catalog versions kept, oldest first.
func (s *Store) SignedCatalogs(ctx context.Context) ([]SignedCatalog, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT version, json, sig, signer FROM sync_catalog ORDER BY version`)
	if err != nil {
		return nil, fmt.Errorf("read signed catalogs: %w", err)
	}
	defer rows.Close()
	var out []SignedCatalog
	for rows.Next() {
		var c SignedCatalog
		if err := rows.Scan(&c.Version, &c.JSON, &c.Sig, &c.Signer); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// KeepSignedCatalog keeps a signed catalog version (once), for relaying.
func (s *Store) KeepSignedCatalog(ctx context.Context, c SignedCatalog) error {
	_, err := s.db.ExecContext(ctx, `INSERT OR IGNORE INTO sync_catalog(version, json, sig, signer) VALUES (?,?,?,?)`, c.Version, c.JSON, c.Sig, c.Signer)
	return err
}
