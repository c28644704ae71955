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
// indicators, data sets, targets, legal bases, form layouts and the
// official catalog's version marker) signed by the province: by its office
// key, whose certificate (role province, signed by the root) comes with it
// as Signer, or, in versions written before the root key left the
// database, by the root key itself (no Signer). Its body names its catalog
// format (catalog.Format): a program that reads an older format only
// refuses a newer one with a message asking for an update, and reads every
// older one. Entries are never deleted by a new version: they are retired
// (their valid_to is set), which is the catalog's tombstone.
type SignedCatalog struct {
	Version int64           `json:"version"`
	Body    json.RawMessage `json:"catalog"`
	Sig     []byte          `json:"sig"`
	Signer  *SignedCert     `json:"signer,omitempty"`
}

// stored is the catalog version as the store keeps it.
func (c SignedCatalog) stored() store.SignedCatalog {
	kept := store.SignedCatalog{Version: c.Version, JSON: c.Body, Sig: c.Sig}
	if c.Signer != nil {
		kept.Signer, _ = json.Marshal(c.Signer)
	}
	return kept
}

// signedCatalog is a version kept by the store, as it travels.
func signedCatalog(kept store.SignedCatalog) (SignedCatalog, error) {
	c := SignedCatalog{Version: kept.Version, Body: kept.JSON, Sig: kept.Sig}
	if len(kept.Signer) > 0 {
		c.Signer = new(SignedCert)
		if err := json.Unmarshal(kept.Signer, c.Signer); err != nil {
			return c, fmt.Errorf("catalog version %d: signer: %w", kept.Version, err)
		}
	}
	return c, nil
}

// verify checks that the province signed the version: the root itself, or
// an office the root certified as the province.
func (c SignedCatalog) verify(root ed25519.PublicKey) error {
	key := root
	if c.Signer != nil {
		cert, err := c.Signer.Verify(root)
		if err == nil && cert.Role != Province {
			err = msg.New(cert.Office+" không phải là tỉnh", cert.Office+" is not the province")
		}
		if err != nil {
			return msg.Wrap(err, fmt.Sprintf("danh mục phiên bản %d không do tỉnh ký", c.Version), fmt.Sprintf("catalog version %d is not signed by the province", c.Version))
		}
		key = cert.Key
	}
	if !ed25519.Verify(key, c.signedBytes(), c.Sig) {
		return msg.New(fmt.Sprintf("danh mục phiên bản %d không có chữ ký hợp lệ của tỉnh", c.Version),
			fmt.Sprintf("catalog version %d has no valid signature of the province", c.Version))
	}
	return nil
}

// signedBytes is what the root signs: the version and the catalog.
func (c SignedCatalog) signedBytes() []byte {
	return append([]byte("chiso-catalog 1\n"+strconv.FormatInt(c.Version, 10)+"\n"), c.Body...)
}

// publishCatalog returns the latest signed version of this database's
// catalog, signing a new version first when the catalog changed since the
// last one. Only the province publishes, with its office key (no
// passphrase needed); elsewhere it returns the latest version received, or
// nil.
func publishCatalog(ctx context.Context, st *store.Store, id *Identity) (*SignedCatalog, bool, error) {
	kept, err := st.SignedCatalogs(ctx)
	if err != nil {
		return nil, false, err
	}
	var latest *SignedCatalog
	if n := len(kept); n > 0 {
		c, err := signedCatalog(kept[n-1])
		if err != nil {
			return nil, false, err
		}
		latest = &c
	}
	if id.Cert.Role != Province {
		return latest, false, nil
	}
	cat, err := st.Catalog(ctx)
	if err != nil {
		return nil, false, err
	}
	// The format tells a program too old to read this catalog to say so
	// and ask for an update, instead of failing on a field it lacks.
	cat.Format = catalog.Format
	body, err := json.Marshal(cat)
	if err != nil {
		return nil, false, err
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	if old, _ := st.Meta(metaCatHash); old == hash && latest != nil {
		return latest, false, nil
	}
	sc := SignedCatalog{Body: body, Signer: &id.Signed}
	if latest != nil {
		sc.Version = latest.Version + 1
	} else {
		sc.Version = 1
	}
	sc.Sig = ed25519.Sign(id.Key, sc.signedBytes())
	if err := st.KeepSignedCatalog(ctx, sc.stored()); err != nil {
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
	if err := sc.verify(root); err != nil {
		return false, err
	}
	if err := st.KeepSignedCatalog(ctx, sc.stored()); err != nil {
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
