// Package replica keeps Chỉ Số databases in step through files: each
// device writes its changes as signed, hash-chained segment files into its
// own folder inside a sync folder (a USB stick, a network share, a
// Syncthing folder) or a package file, and reads everyone else's.
//
// Trust comes from the province: it holds a root key pair and issues each
// office a certificate naming the areas it may write. A change signed by an
// office for an area outside its certificate is refused on import, so is a
// file that is truncated, altered or signed by a key the root never
// certified. Concurrent changes of one value are kept as a conflict, shown
// the same way on every device, until someone resolves it.
package replica

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/store"
)

// Role is an office's place in the reporting chain.
type Role string

// The roles of offices.
const (
	Province Role = "province"
	District Role = "district"
	Commune  Role = "commune"
)

// Cert is an office certificate: the root vouches that Key belongs to
// Office, which may write the values of Areas and of every area below them.
type Cert struct {
	Format    string   `json:"format"` // "chiso-cert 1"
	Serial    string   `json:"serial"`
	Office    string   `json:"office"`
	Role      Role     `json:"role"`
	Areas     []string `json:"areas"`
	Key       []byte   `json:"key"`        // ed25519 public key
	Root      []byte   `json:"root"`       // the root public key that signed it
	NotBefore string   `json:"not_before"` // yyyy-mm-dd
	NotAfter  string   `json:"not_after"`
}

const certFormat = "chiso-cert 1"

// SignedCert is a certificate as its exact JSON bytes and the root's
// signature over them.
type SignedCert struct {
	Body json.RawMessage `json:"cert"`
	Sig  []byte          `json:"sig"`
}

// Verify checks the signature against the trusted root and returns the
// certificate.
func (sc SignedCert) Verify(root ed25519.PublicKey) (Cert, error) {
	var c Cert
	if err := json.Unmarshal(sc.Body, &c); err != nil || c.Format != certFormat {
		return c, msg.New("chứng thư không đọc được", "the certificate cannot be read")
	}
	if !ed25519.Verify(root, sc.Body, sc.Sig) {
		return c, msg.New("chứng thư của "+c.Office+" không do tỉnh ký (chữ ký sai hoặc khác khóa gốc)",
			"the certificate of "+c.Office+" is not signed by the province (wrong signature or another root key)")
	}
	if len(c.Key) != ed25519.PublicKeySize {
		return c, msg.New("chứng thư của "+c.Office+" không có khóa hợp lệ", "the certificate of "+c.Office+" has no valid key")
	}
	return c, nil
}

// validOn reports whether the certificate is valid on the day of t
// (yyyy-mm-dd…).
func (c Cert) validOn(t string) bool {
	if len(t) < 10 {
		return false
	}
	d := t[:10]
	return d >= c.NotBefore && d <= c.NotAfter
}

// signCert signs c with the root key.
func signCert(c Cert, rootKey ed25519.PrivateKey) (SignedCert, error) {
	body, err := json.Marshal(c)
	if err != nil {
		return SignedCert{}, err
	}
	return SignedCert{Body: body, Sig: ed25519.Sign(rootKey, body)}, nil
}

// Identity is what this database signs with: its office certificate and
// key, and the province root it trusts. The root's private key is never
// part of it: at the province it is kept encrypted in a file of its own
// (see UnlockRoot).
type Identity struct {
	Cert   Cert
	Signed SignedCert
	Key    ed25519.PrivateKey
	Root   ed25519.PublicKey
}

// Meta keys of the identity.
const (
	metaCert    = "sync.cert"
	metaKey     = "sync.key"
	metaRootKey = "sync.root_key" // where older versions kept the root key, in plain text
	metaMarker  = "sync.marker"
	metaFolder  = "sync.folder"
	metaCatalog = "sync.catalog_version"
	metaCatHash = "sync.catalog_hash"
)

// ErrNoIdentity says the database has not been set up for sync.
var ErrNoIdentity = msg.New("máy này chưa được thiết lập đồng bộ: nạp tệp đơn vị do tỉnh cấp (hoặc, ở tỉnh, tạo khóa gốc)",
	"this computer is not set up for sync: load the office file from the province (or, at the province, create the root key)")

// LoadIdentity reads the database's identity; ErrNoIdentity when it has
// none.
func LoadIdentity(st *store.Store) (*Identity, error) {
	certJSON, err := st.Meta(metaCert)
	if err != nil {
		return nil, err
	}
	if certJSON == "" {
		return nil, ErrNoIdentity
	}
	var id Identity
	if err := json.Unmarshal([]byte(certJSON), &id.Signed); err != nil {
		return nil, fmt.Errorf("read sync certificate: %w", err)
	}
	var c Cert
	if err := json.Unmarshal(id.Signed.Body, &c); err != nil {
		return nil, fmt.Errorf("read sync certificate: %w", err)
	}
	id.Root = c.Root
	if id.Cert, err = id.Signed.Verify(id.Root); err != nil {
		return nil, err
	}
	if id.Key, err = readKey(st, metaKey); err != nil {
		return nil, err
	}
	return &id, nil
}

var errNoKey = errors.New("no key")

func readKey(st *store.Store, key string) (ed25519.PrivateKey, error) {
	v, err := st.Meta(key)
	if err != nil {
		return nil, err
	}
	if v == "" {
		return nil, errNoKey
	}
	seed, err := hex.DecodeString(v)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("sync key %s is damaged", key)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

func save(st *store.Store, kv ...string) error {
	for i := 0; i < len(kv); i += 2 {
		if err := st.SetMeta(kv[i], kv[i+1]); err != nil {
			return fmt.Errorf("save sync identity: %w", err)
		}
	}
	return nil
}

// checkAreas checks the codes name areas of the catalog.
func checkAreas(ctx context.Context, st *store.Store, areas []string) error {
	if len(areas) == 0 {
		return msg.New("chưa chọn địa bàn nào", "no area chosen")
	}
	cat, err := st.Catalog(ctx)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, a := range cat.Areas {
		known[a.Code] = true
	}
	for _, a := range areas {
		if !known[a] {
			return msg.New("không có địa bàn mã "+a, "unknown area code "+a)
		}
	}
	return nil
}

// OfficeFile is what the province gives an office to set it up: its
// certificate, its private key and the catalog. Whoever holds it can sign
// as the office: it is carried like a password.
type OfficeFile struct {
	Format  string         `json:"format"` // "chiso-office 1"
	Cert    SignedCert     `json:"cert"`
	Key     string         `json:"key"` // hex seed of the office's ed25519 key
	Catalog *SignedCatalog `json:"catalog,omitempty"`
}

const officeFormat = "chiso-office 1"

// LoadOfficeFile sets this database up with an office file: from now on
// its changes are signed as that office, and it trusts the province that
// issued the file. The catalog in the file is applied.
func LoadOfficeFile(ctx context.Context, st *store.Store, data []byte) (*Identity, error) {
	var f OfficeFile
	bad := msg.New("đây không phải tệp đơn vị Chỉ Số (hoặc tệp bị hỏng)", "this is not a Chỉ Số office file (or it is damaged)")
	if err := json.Unmarshal(data, &f); err != nil || f.Format != officeFormat {
		return nil, bad
	}
	var c Cert
	if err := json.Unmarshal(f.Cert.Body, &c); err != nil || len(c.Root) != ed25519.PublicKeySize {
		return nil, bad
	}
	if _, err := f.Cert.Verify(c.Root); err != nil {
		return nil, err
	}
	seed, err := hex.DecodeString(f.Key)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, bad
	}
	if !ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey).Equal(ed25519.PublicKey(c.Key)) {
		return nil, msg.New("khóa trong tệp đơn vị không khớp chứng thư", "the key in the office file does not match its certificate")
	}
	if old, err := LoadIdentity(st); err == nil && old.Cert.Role == Province && !old.Root.Equal(ed25519.PublicKey(c.Root)) {
		return nil, msg.New("CSDL này là của tỉnh khác (có khóa gốc riêng)", "this database is another province's (with its own root key)")
	}
	if f.Catalog != nil {
		if _, err := applyCatalog(ctx, st, c.Root, *f.Catalog); err != nil {
			return nil, err
		}
	}
	body, _ := json.Marshal(f.Cert)
	if err := save(st, metaKey, f.Key, metaCert, string(body)); err != nil {
		return nil, err
	}
	return LoadIdentity(st)
}

// inScope reports whether the office of c may write area, given the
// catalog's parent of each area.
func (c Cert) inScope(area string, parent map[string]string) bool {
	for a, n := area, 0; a != "" && n < 64; a, n = parent[a], n+1 {
		if slices.Contains(c.Areas, a) {
			return true
		}
	}
	return false
}

// MayWrite reports whether this database's office may write values of
// area, given the catalog, and names the office; before sync is set up
// every area may be written.
func MayWrite(st *store.Store, c *catalog.Catalog, area string) (bool, string) {
	id, err := LoadIdentity(st)
	if err != nil {
		return true, ""
	}
	parents := make(map[string]string, len(c.Areas))
	for _, a := range c.Areas {
		parents[a.Code] = a.Parent
	}
	return id.Cert.inScope(area, parents), id.Cert.Office
}
