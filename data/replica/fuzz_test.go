package replica

import (
	"crypto/ed25519"
	"testing"
	"time"

	"chiso/data/store"
)

// FuzzOpenSegment feeds damaged segments (manifest, signature and data as
// found in a folder) to the verifier: it must refuse them with an error,
// never panic, and never accept one that differs from what was signed.
func FuzzOpenSegment(f *testing.F) {
	root, rootKey, _ := ed25519.GenerateKey(nil)
	sc, key, err := issue(root, rootKey, "Xã", Commune, []string{"QN_HALONG_01"}, 2)
	if err != nil {
		f.Fatal(err)
	}
	id := &Identity{Signed: sc, Key: key, Root: root}
	ops := []store.Op{{ID: store.OpID{Writer: "w1", Seq: 1}, HLC: time.Now().UnixMilli() << 16, Element: "POP", Area: "QN_HALONG_01",
		Period: "2024", Value: "1000", Comment: "ước tính", Author: "Lan", At: "2024-01-01T00:00:00Z"}}
	good, _, err := seal(id, "w1", 1, "", ops)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good.Manifest, good.Sig, good.Data)
	f.Add(good.Manifest[:len(good.Manifest)/2], good.Sig, good.Data)
	f.Add(good.Manifest, good.Sig, good.Data[:len(good.Data)/2])
	f.Fuzz(func(t *testing.T, manifest, sig, data []byte) {
		g := store.Segment{Writer: "w1", Number: 1, Manifest: manifest, Sig: sig, Data: data}
		_, _, got, err := openSegment(g, root)
		if err != nil {
			return
		}
		if string(manifest) != string(good.Manifest) || string(data) != string(good.Data) {
			t.Fatalf("accepted a segment that differs from the signed one (%d changes)", len(got))
		}
	})
}
