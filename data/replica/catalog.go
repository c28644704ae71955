package replica

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/store"
)

// SignedCatalog is one numbered version of the catalog (areas, elements,
// indicators, data sets, targets) signed with the province root key.
// Entries are never deleted by a new version: they are retired (their
// valid_to is set), which is the catalog's tombstone.
type SignedCatalog struct {
	Version int64           `json:"version"`
	Body    json.RawMessage `json:"catalog"`
	Sig     []byte          `json:"sig"`
}

// signedBytes is what the root signs: the version and the catalog.
func (c SignedCatalog) signedBytes() []byte {
	return append([]byte("chiso-catalog 1\n"+strconv.FormatInt(c.Version, 10)+"\n"), c.Body...)
}

// publishCatalog returns the latest signed version of this database's
// catalog, signing a new version first when the catalog changed since the
// last one. Only the province (holding the root key) publishes; elsewhere
// it returns the latest version received, or nil.
func publishCatalog(ctx context.Context, st *store.Store, id *Identity) (*SignedCatalog, bool, error) {
	kept, err := st.SignedCatalogs(ctx)
	if err != nil {
		return nil, false, err
	}
	var latest *SignedCatalog
	if n := len(kept); n > 0 {
		latest = &SignedCatalog{Version: kept[n-1].Version, Body: kept[n-1].JSON, Sig: kept[n-1].Sig}
	}
	if id.RootKey == nil {
		return latest, false, nil
	}
	cat, err := st.Catalog(ctx)
	if err != nil {
		return nil, false, err
	}
	body, err := json.Marshal(cat)
	if err != nil {
		return nil, false, err
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	if old, _ := st.Meta(metaCatHash); old == hash && latest != nil {
		return latest, false, nil
	}
	sc := SignedCatalog{Body: body}
	if latest != nil {
		sc.Version = latest.Version + 1
	} else {
		sc.Version = 1
	}
	sc.Sig = ed25519.Sign(id.RootKey, sc.signedBytes())
	if err := st.KeepSignedCatalog(ctx, store.SignedCatalog{Version: sc.Version, JSON: sc.Body, Sig: sc.Sig}); err != nil {
		return nil, false, err
	}
	if err := save(st, metaCatHash, hash, metaCatalog, strconv.FormatInt(sc.Version, 10)); err != nil {
		return nil, false, err
	}
	return &sc, true, nil
}

// applyCatalog verifies a signed catalog and, when it is newer than the
// version this database holds, saves it. It reports whether it applied it.
func applyCatalog(ctx context.Context, st *store.Store, root ed25519.PublicKey, sc SignedCatalog) (bool, error) {
	if !ed25519.Verify(root, sc.signedBytes(), sc.Sig) {
		return false, msg.New(fmt.Sprintf("danh mục phiên bản %d không có chữ ký hợp lệ của tỉnh", sc.Version),
			fmt.Sprintf("catalog version %d has no valid signature of the province", sc.Version))
	}
	if err := st.KeepSignedCatalog(ctx, store.SignedCatalog{Version: sc.Version, JSON: sc.Body, Sig: sc.Sig}); err != nil {
		return false, err
	}
	cur, _ := st.Meta(metaCatalog)
	if n, _ := strconv.ParseInt(cur, 10, 64); n >= sc.Version {
		return false, nil
	}
	cat, err := catalog.Read(bytes.NewReader(sc.Body))
	if err != nil {
		return false, msg.Wrap(err, fmt.Sprintf("danh mục phiên bản %d không đọc được", sc.Version), fmt.Sprintf("catalog version %d cannot be read", sc.Version))
	}
	if err := st.SaveCatalog(ctx, cat); err != nil {
		return false, msg.Wrap(err, fmt.Sprintf("không lưu được danh mục phiên bản %d", sc.Version), fmt.Sprintf("cannot save catalog version %d", sc.Version))
	}
	return true, save(st, metaCatalog, strconv.FormatInt(sc.Version, 10))
}
