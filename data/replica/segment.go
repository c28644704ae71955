package replica

import (
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"chiso/data/msg"
	"chiso/data/store"
)

// Manifest describes one segment: whose changes, which ones, the hash of
// the data and of the previous manifest of the same writer. The writer
// signs the manifest's exact bytes; a segment counts only when the
// signature, the certificate, the hash and the chain all verify.
type Manifest struct {
	Format   string     `json:"format"` // "chiso-segment 1", or 2 when a change has a status
	Writer   string     `json:"writer"`
	Number   int64      `json:"number"` // 1, 2, … in the writer's chain
	Prev     string     `json:"prev"`   // SHA-256 of the previous manifest, "" for number 1
	FirstSeq int64      `json:"first_seq"`
	LastSeq  int64      `json:"last_seq"`
	Ops      int        `json:"ops"`
	SHA256   string     `json:"sha256"` // of the data file
	Size     int64      `json:"size"`
	HLCMax   int64      `json:"hlc_max"`
	Created  string     `json:"created"`
	Cert     SignedCert `json:"cert"` // the certificate of the signing office
}

// The segment formats: 2 adds each change's status (estimate or
// official). A segment is written in format 1 when none of its changes is
// an estimate, so that programs of the first releases still read it; one
// with an estimate is format 2, which they refuse asking for an update
// rather than take an estimate for an official figure.
const (
	segmentFormat1 = "chiso-segment 1"
	segmentFormat  = "chiso-segment 2"
)

// wireOp is a change as one line of a segment's data.
type wireOp struct {
	Seq      int64    `json:"s"`
	HLC      int64    `json:"h"`
	Element  string   `json:"e"`
	Area     string   `json:"a"`
	Period   string   `json:"p"`
	Category string   `json:"c,omitempty"`
	Value    *string  `json:"v"` // null deletes
	Comment  string   `json:"m,omitempty"`
	FollowUp bool     `json:"f,omitempty"`
	Bases    []string `json:"b,omitempty"`
	Author   string   `json:"by"`
	At       string   `json:"at"`
	Source   string   `json:"src,omitempty"`
	Status   string   `json:"st,omitempty"` // "E" for an estimate
	// A step of a form's cycle: its kind, the data set, and what it covers.
	Kind    string   `json:"k,omitempty"`
	DataSet string   `json:"d,omitempty"`
	Covers  []string `json:"cv,omitempty"`
}

// encodeOps writes ops as gzip-compressed JSON lines.
func encodeOps(ops []store.Op) ([]byte, error) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	enc := json.NewEncoder(zw)
	for _, op := range ops {
		w := wireOp{Seq: op.ID.Seq, HLC: op.HLC, Element: op.Element, Area: op.Area, Period: op.Period, Category: op.Category,
			Comment: op.Comment, FollowUp: op.FollowUp, Author: op.Author, At: op.At, Source: op.Source,
			Kind: string(op.Kind), DataSet: op.DataSet, Status: string(op.Status)}
		for _, c := range op.Covers {
			w.Covers = append(w.Covers, c.String())
		}
		if op.Value != "" {
			v := op.Value
			w.Value = &v
		}
		for _, b := range op.Bases {
			w.Bases = append(w.Bases, b.String())
		}
		if err := enc.Encode(&w); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// hashHex is the hex SHA-256 of b.
func hashHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// seal makes the signed segment number of writer holding ops, chained to
// the previous manifest's hash prev. It returns the segment and its
// manifest's hash.
func seal(id *Identity, writer string, number int64, prev string, ops []store.Op) (store.Segment, string, error) {
	data, err := encodeOps(ops)
	if err != nil {
		return store.Segment{}, "", fmt.Errorf("encode segment %d: %w", number, err)
	}
	format := segmentFormat1
	for _, op := range ops {
		if op.Status != store.Official {
			format = segmentFormat
		}
	}
	m := Manifest{
		Format: format, Writer: writer, Number: number, Prev: prev,
		FirstSeq: ops[0].ID.Seq, LastSeq: ops[len(ops)-1].ID.Seq, Ops: len(ops),
		SHA256: hashHex(data), Size: int64(len(data)),
		Created: time.Now().UTC().Format(time.RFC3339), Cert: id.Signed,
	}
	for _, op := range ops {
		m.HLCMax = max(m.HLCMax, op.HLC)
	}
	body, err := json.Marshal(m)
	if err != nil {
		return store.Segment{}, "", err
	}
	g := store.Segment{Writer: writer, Number: number, Manifest: body, Sig: ed25519.Sign(id.Key, body), Data: data, Size: int64(len(data))}
	return g, hashHex(body), nil
}

// openSegment verifies a segment against the trusted root: the manifest's
// format and signature, the signer's certificate, the data's size and hash,
// and that every change belongs to the writer in order. It returns the
// manifest, the signer's certificate and the changes.
func openSegment(g store.Segment, root ed25519.PublicKey) (Manifest, Cert, []store.Op, error) {
	var m Manifest
	name := fmt.Sprintf("%s/%d", g.Writer, g.Number)
	refuse := func(vi, en string) (Manifest, Cert, []store.Op, error) {
		return m, Cert{}, nil, msg.New("tệp "+name+": "+vi, "file "+name+": "+en)
	}
	if err := json.Unmarshal(g.Manifest, &m); err != nil {
		return refuse("bản kê (manifest) hỏng hoặc bị cắt cụt", "the manifest is damaged or truncated")
	}
	if m.Format != segmentFormat && m.Format != segmentFormat1 {
		return refuse("định dạng "+m.Format+" không đọc được (cần cập nhật Chỉ Số?)", "format "+m.Format+" cannot be read (update Chỉ Số?)")
	}
	if m.Writer != g.Writer || m.Number != g.Number {
		return refuse("bản kê ghi máy "+m.Writer+" không khớp thư mục", "the manifest names writer "+m.Writer+", not its folder")
	}
	cert, err := m.Cert.Verify(root)
	if err != nil {
		return m, Cert{}, nil, msg.Wrap(err, "tệp "+name, "file "+name)
	}
	if !ed25519.Verify(cert.Key, g.Manifest, g.Sig) {
		return refuse("chữ ký không hợp lệ (tệp bị sửa hoặc giả mạo)", "the signature is not valid (the file was altered or forged)")
	}
	if !cert.validOn(m.Created) {
		return refuse("chứng thư của "+cert.Office+" hết hạn hoặc chưa có hiệu lực vào ngày ghi", "the certificate of "+cert.Office+" was not valid on the day it was written")
	}
	if int64(len(g.Data)) != m.Size {
		return refuse(fmt.Sprintf("dữ liệu dài %d byte, bản kê ghi %d (tệp bị cắt cụt?)", len(g.Data), m.Size),
			fmt.Sprintf("the data is %d bytes, the manifest says %d (truncated file?)", len(g.Data), m.Size))
	}
	if hashHex(g.Data) != m.SHA256 {
		return refuse("dữ liệu không khớp mã băm trong bản kê (tệp hỏng)", "the data does not match the hash in the manifest (damaged file)")
	}
	ops, err := decodeOps(g.Data, g.Writer, m.Ops)
	if err != nil {
		return refuse("dữ liệu không đọc được: "+err.Error(), "the data cannot be read: "+err.Error())
	}
	if len(ops) != m.Ops || len(ops) == 0 || ops[0].ID.Seq != m.FirstSeq || ops[len(ops)-1].ID.Seq != m.LastSeq {
		return refuse("số thay đổi không khớp bản kê", "the changes do not match the manifest")
	}
	for i := 1; i < len(ops); i++ {
		if ops[i].ID.Seq <= ops[i-1].ID.Seq {
			return refuse("thứ tự thay đổi sai", "the changes are out of order")
		}
	}
	return m, cert, ops, nil
}
