package replica

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"

	"chiso/data/store"
)

// slowWire reads raw wholly with encoding/json, as decodeOps did before
// the fast parser: the reference the parser must agree with.
func slowWire(raw []byte) ([]wireOp, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	var out []wireOp
	for {
		var w wireOp
		if err := dec.Decode(&w); err == io.EOF {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
}

// checkDecode reads raw both ways and fails unless they agree (both
// refuse, or both give the same lines).
func checkDecode(t *testing.T, raw string) []wireOp {
	t.Helper()
	var fast []wireOp
	ferr := readWire([]byte(raw), func(w *wireOp) error {
		fast = append(fast, *w)
		return nil
	})
	slow, serr := slowWire([]byte(raw))
	if (ferr == nil) != (serr == nil) {
		t.Fatalf("fast: %v, encoding/json: %v", ferr, serr)
	}
	if ferr == nil && !reflect.DeepEqual(fast, slow) && !(len(fast) == 0 && len(slow) == 0) {
		t.Fatalf("fast read\n%+v\nencoding/json\n%+v", fast, slow)
	}
	return fast
}

// TestDecodeOpsAgrees: the changes encodeOps writes, and hand-written
// variants the fast parser leaves to encoding/json (escapes, other key
// cases, unknown keys, nulls, numbers with fractions, several objects on a
// line, damaged lines), decode as encoding/json decodes them.
func TestDecodeOpsAgrees(t *testing.T) {
	ops := []store.Op{
		{ID: store.OpID{Writer: "w1", Seq: 1}, HLC: 1 << 40, Element: "POP", Area: "QN_HALONG_01", Period: "2024", Value: "1000",
			Comment: "ước tính \"khoảng\" <a&b> \\ \t xong", Author: "Lan", At: "2024-01-01T00:00:00Z", Source: "dân số.csv"},
		{ID: store.OpID{Writer: "w1", Seq: 2}, HLC: 1<<40 + 1, Element: "HOUSES", Area: "QN_HALONG_01", Period: "2024Q3", Category: "NEW",
			FollowUp: true, Bases: []store.OpID{{Writer: "w0", Seq: 7}, {Writer: "w1", Seq: 1}}, Author: "Lan", At: "2024-01-01T00:00:00Z"},
		{ID: store.OpID{Writer: "w1", Seq: 3}, HLC: 1<<40 + 2, Element: "POP", Area: "X00001", Period: "2025", Value: "-12.5",
			Author: "Nguyễn Văn Đức", At: "2025-06-30T23:59:59.999Z"},
	}
	data, err := encodeOps(ops)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeOps(data, "w1", len(ops))
	if err != nil {
		t.Fatal(err)
	}
	zr, _ := gzip.NewReader(bytes.NewReader(data))
	raw, _ := io.ReadAll(zr)
	checkDecode(t, string(raw))
	for i := range ops {
		if !reflect.DeepEqual(got[i], ops[i]) {
			t.Errorf("change %d: %+v, want %+v", i, got[i], ops[i])
		}
	}
	for _, s := range []string{
		`{"s":1,"h":2,"e":"POP","a":"A","p":"2024","v":"1","by":"x","at":"y"}`,
		` { "s" : 1 , "h":2 ,"e" :"POP","a":"A","p":"2024","v":null,"by":"x","at":"y" } ` + "\n\n",
		`{"S":1,"E":"POP"}`,
		`{"s":1,"zz":3,"e":"POP"}`,
		`{"s":1,"e":"P\u00d4P","a":"\/x"}`,
		`{"s":1,"e":"\ud83d\ude00"}`,
		`{"s":1.5}`, `{"s":1e3}`, `{"s":01}`, `{"s":-0}`, `{"s":-}`, `{"s":99999999999999999999}`,
		`{"s":1,"f":null,"e":null,"b":null}`,
		`{"s":1,"b":[]}`, `{"s":1,"b":["w:1", "w:2"]}`, `{"s":1,"b":["w"]}`, `{"s":1,"b":[1]}`,
		`{"s":1}{"s":2} {"s":3}`,
		`{"s":1,"v":"a","v":null}`, `{"s":1,"v":null,"v":"b"}`,
		`{"s":1,"f":true,"f":false}`, `{"s":1,"f":truex}`,
		`{"s":3,"k":"approve","d":"ANNUAL","a":"A","p":"2024","cv":["w1:2","w0:7"],"b":["w1:1"]}`, `{"s":1,"cv":null,"k":null}`,
		`null`, `{}`, `[]`, `{"s":1`, `{"s":1,}`, `{"s":1} x`, `"s"`,
		"{\"s\":1,\"e\":\"a\x01b\"}", "{\"s\":1,\"e\":\"\xffb\"}",
		`{"s":1,"e":"a` + strings.Repeat("ê", 5000) + `"}`,
	} {
		t.Run(s[:min(len(s), 24)], func(t *testing.T) { checkDecode(t, s) })
	}
}

// FuzzDecodeOps: whatever the (decompressed) data, the fast parser agrees
// with encoding/json.
func FuzzDecodeOps(f *testing.F) {
	f.Add(`{"s":1,"h":2,"e":"POP","a":"A","p":"2024","v":"1","m":"ước \"tính\"","b":["w:1"],"by":"x","at":"y"}` + "\n")
	f.Add(`{"s":1,"v":null,"f":true}{"S":2}`)
	f.Add(`{"s":3,"k":"approve","d":"ANNUAL","cv":["w1:2"]}`)
	f.Fuzz(func(t *testing.T, s string) { checkDecode(t, s) })
}
