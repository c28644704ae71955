package replica

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"unicode/utf8"

	"chiso/data/store"
)

// decodeOps reads the data of a segment of writer, which the manifest says
// holds n changes: gzip-compressed JSON objects (one a line, as encodeOps
// writes them).
func decodeOps(data []byte, writer string, n int) ([]store.Op, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	// The gzip trailer gives the length (mod 2³²) of what it holds: read
	// into a buffer of that size rather than one grown by doubling.
	size := 0
	if len(data) >= 4 {
		size = min(int(binary.LittleEndian.Uint32(data[len(data)-4:])), 256<<20)
	}
	raw := decoded.Get().(*[]byte)
	defer decoded.Put(raw)
	if cap(*raw) < size+bytes.MinRead {
		*raw = make([]byte, 0, size+bytes.MinRead)
	}
	buf := bytes.NewBuffer((*raw)[:0])
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, err
	}
	*raw = buf.Bytes()[:0]
	ops := newOps(min(max(n, 0), SegmentSize))
	err = readWire(buf.Bytes(), func(w *wireOp) error {
		op, err := opOf(w, writer)
		if err != nil {
			return fmt.Errorf("change %d: %w", len(ops)+1, err)
		}
		ops = append(ops, op)
		return nil
	})
	return ops, err
}

// A segment's changes are decoded into memory that the segment before it
// used (a million changes in segments of 50,000 allocated and cleared 15 MB
// of changes and as much text 20 times, and kept the collector busy).
// The text of the changes is copied out of it (see opDecoder.text).
var (
	decoded   = sync.Pool{New: func() any { return new([]byte) }}
	opBuffers sync.Pool // of *[]store.Op
)

// newOps returns an empty slice for n changes, from one released.
func newOps(n int) []store.Op {
	if p, ok := opBuffers.Get().(*[]store.Op); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]store.Op, 0, n)
}

// releaseOps gives back the changes of a segment that was applied (or
// refused), for the next one's: nothing may use them after.
func releaseOps(ops []store.Op) {
	if cap(ops) > 0 {
		opBuffers.Put(&ops)
	}
}

// opOf is the change a line of a segment of writer holds.
func opOf(w *wireOp, writer string) (store.Op, error) {
	op := store.Op{ID: store.OpID{Writer: writer, Seq: w.Seq}, HLC: w.HLC, Element: w.Element, Area: w.Area, Period: w.Period,
		Category: w.Category, Comment: w.Comment, FollowUp: w.FollowUp, Author: w.Author, At: w.At, Source: w.Source,
		Kind: store.Action(w.Kind), DataSet: w.DataSet, Status: store.Status(w.Status)}
	if !op.Status.Valid() {
		return op, fmt.Errorf("unknown status %q", w.Status)
	}
	if w.Value != nil {
		op.Value = *w.Value
	}
	for _, list := range []struct {
		ids []string
		dst *[]store.OpID
	}{{w.Bases, &op.Bases}, {w.Covers, &op.Covers}} {
		for _, b := range list.ids {
			id, err := store.ParseOpID(b)
			if err != nil {
				return op, err
			}
			*list.dst = append(*list.dst, id)
		}
	}
	switch op.Kind {
	case "":
	case store.Submit, store.Return, store.Approve, store.Reopen, store.Dismiss:
		if op.DataSet == "" || op.Element != "" {
			return op, fmt.Errorf("a report step names a data set and no element")
		}
	default:
		return op, fmt.Errorf("unknown kind %q", op.Kind)
	}
	return op, nil
}

// readWire calls fn with each JSON object of raw, in order; fn may not
// keep the object after it returns.
//
// The objects encodeOps writes are read by a small parser of that form
// (flat, the keys of wireOp in lower case, strings without escapes, invalid
// UTF-8 or control characters), five times quicker than encoding/json; any
// object it does not take is read by encoding/json, which decides. The
// texts repeated from change to change (codes, author, time) are shared.
func readWire(raw []byte, fn func(*wireOp) error) error {
	d := opDecoder{data: raw, strs: map[string]string{}}
	var w wireOp // one for every object: fn keeps none
	for n := 1; ; n++ {
		d.space()
		if d.i == len(d.data) {
			return nil
		}
		start := d.i
		var ok bool
		w, ok = d.object()
		if !ok {
			d.i = start
			var err error
			if w, err = d.slow(); err != nil {
				return fmt.Errorf("change %d: %w", n, err)
			}
		}
		if err := fn(&w); err != nil {
			return err
		}
	}
}

// opDecoder reads JSON objects from data, from position i.
type opDecoder struct {
	data []byte
	i    int
	strs map[string]string // texts read so far, to share
	last [textKeys]string  // the last text of each key read with text
}

// slow reads one value at i with encoding/json.
func (d *opDecoder) slow() (wireOp, error) {
	var w wireOp
	dec := json.NewDecoder(bytes.NewReader(d.data[d.i:]))
	if err := dec.Decode(&w); err != nil {
		return w, err
	}
	d.i += int(dec.InputOffset())
	return w, nil
}

// space skips JSON white space.
func (d *opDecoder) space() {
	for d.i < len(d.data) {
		switch d.data[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// object reads a flat object of the keys of wireOp; false when it meets
// anything else (which encoding/json then reads, or refuses).
func (d *opDecoder) object() (w wireOp, ok bool) {
	if !d.byte('{') {
		return w, false
	}
	d.space()
	if d.byte('}') {
		return w, true
	}
	for {
		d.space()
		key, ok := d.plain()
		if !ok {
			return w, false
		}
		d.space()
		if !d.byte(':') {
			return w, false
		}
		d.space()
		switch string(key) {
		case "s":
			w.Seq, ok = d.int()
		case "h":
			w.HLC, ok = d.int()
		case "e":
			w.Element, ok = d.text(0)
		case "a":
			w.Area, ok = d.text(1)
		case "p":
			w.Period, ok = d.text(2)
		case "c":
			w.Category, ok = d.text(3)
		case "m":
			w.Comment, ok = d.text(4)
		case "by":
			w.Author, ok = d.text(5)
		case "at":
			w.At, ok = d.text(6)
		case "src":
			w.Source, ok = d.text(7)
		case "k":
			w.Kind, ok = d.text(8)
		case "d":
			w.DataSet, ok = d.text(9)
		case "cv":
			w.Covers, ok = d.texts()
		case "st":
			w.Status, ok = d.text(10)
		case "v":
			if d.word("null") {
				w.Value = nil
			} else {
				// Values seldom repeat: not shared.
				var b []byte
				b, ok = d.plain()
				v := string(b)
				w.Value = &v
			}
		case "f":
			switch {
			case d.word("true"):
				w.FollowUp = true
			case d.word("false"):
				w.FollowUp = false
			default:
				ok = false
			}
		case "b":
			w.Bases, ok = d.texts()
		default:
			ok = false
		}
		if !ok {
			return w, false
		}
		d.space()
		if d.byte('}') {
			return w, true
		}
		if !d.byte(',') {
			return w, false
		}
	}
}

// byte consumes c if it comes next.
func (d *opDecoder) byte(c byte) bool {
	if d.i < len(d.data) && d.data[d.i] == c {
		d.i++
		return true
	}
	return false
}

// word consumes a literal (null, true, false) followed by a delimiter.
func (d *opDecoder) word(lit string) bool {
	end := d.i + len(lit)
	if end > len(d.data) || string(d.data[d.i:end]) != lit {
		return false
	}
	if end < len(d.data) {
		switch d.data[end] {
		case ' ', '\t', '\n', '\r', ',', '}', ']':
		default:
			return false
		}
	}
	d.i = end
	return true
}

// int reads an integer (no fraction, no exponent).
func (d *opDecoder) int() (int64, bool) {
	start := d.i
	if d.i < len(d.data) && d.data[d.i] == '-' {
		d.i++
	}
	digits := d.i
	for d.i < len(d.data) && '0' <= d.data[d.i] && d.data[d.i] <= '9' {
		d.i++
	}
	if d.i == digits || d.data[digits] == '0' && d.i > digits+1 {
		return 0, false
	}
	if d.i < len(d.data) {
		switch d.data[d.i] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	n, err := strconv.ParseInt(string(d.data[start:d.i]), 10, 64)
	return n, err == nil
}

// plain reads a string without escapes, as its bytes.
func (d *opDecoder) plain() ([]byte, bool) {
	if !d.byte('"') {
		return nil, false
	}
	start := d.i
	for d.i < len(d.data) {
		switch c := d.data[d.i]; {
		case c == '"':
			s := d.data[start:d.i]
			d.i++
			return s, utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, false
		}
		d.i++
	}
	return nil, false
}

// textKeys is the number of keys whose texts are shared.
const textKeys = 12 // the 11 text keys of an object, and the items of lists

// text reads a string without escapes, shared with the equal ones read
// before: first the last one of the same key (slot), which a change
// mostly repeats from the one before it.
func (d *opDecoder) text(slot int) (string, bool) {
	b, ok := d.plain()
	if !ok {
		return "", false
	}
	if last := d.last[slot]; last == string(b) {
		return last, true
	}
	s, ok := d.strs[string(b)]
	if !ok {
		s = string(b)
		d.strs[s] = s
	}
	d.last[slot] = s
	return s, true
}

// texts reads an array of strings, or null.
func (d *opDecoder) texts() ([]string, bool) {
	if d.word("null") {
		return nil, true
	}
	if !d.byte('[') {
		return nil, false
	}
	out := []string{}
	d.space()
	if d.byte(']') {
		return out, true
	}
	for {
		d.space()
		s, ok := d.text(textKeys - 1)
		if !ok {
			return nil, false
		}
		out = append(out, s)
		d.space()
		if d.byte(']') {
			return out, true
		}
		if !d.byte(',') {
			return nil, false
		}
	}
}
