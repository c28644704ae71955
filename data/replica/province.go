package replica

// This file: what only the province does with its root key — create it,
// issue office files — and how the key is kept out of the database: in its
// own file encrypted with a passphrase (package rootkey), exported for
// safekeeping, restored on a new computer, and moved out of databases of
// older versions, which kept it in plain text.

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"chiso/data/msg"
	"chiso/data/rootkey"
	"chiso/data/store"
)

// CreateProvince makes this database the province: it creates the root key
// pair, writes the private key encrypted with passphrase into its own file
// in keys (never into the database), and certifies the province's own
// office for areas (usually the province's code). It returns the identity
// and the key file's path.
func CreateProvince(ctx context.Context, st *store.Store, office string, areas []string, keys rootkey.Dir, passphrase string) (*Identity, string, error) {
	if id, err := LoadIdentity(st); err == nil && id.Cert.Role == Province {
		return nil, "", msg.New("CSDL này đã là của tỉnh (đã có khóa gốc)", "this database is the province's already (it has a root key)")
	}
	if err := checkAreas(ctx, st, areas); err != nil {
		return nil, "", err
	}
	if err := rootkey.CheckNew(passphrase); err != nil {
		return nil, "", err
	}
	rootPub, rootKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, "", err
	}
	sealed, err := rootkey.Seal(rootKey, passphrase)
	if err != nil {
		return nil, "", err
	}
	path, err := keys.Save(sealed)
	if err != nil {
		return nil, "", err
	}
	sc, key, err := issue(rootPub, rootKey, office, Province, areas, 20)
	if err != nil {
		return nil, "", err
	}
	body, _ := json.Marshal(sc)
	if err := save(st, metaKey, hex.EncodeToString(key.Seed()), metaCert, string(body)); err != nil {
		return nil, "", err
	}
	id, err := LoadIdentity(st)
	return id, path, err
}

// issue makes a key pair for an office and a certificate valid for years.
func issue(rootPub ed25519.PublicKey, rootKey ed25519.PrivateKey, office string, role Role, areas []string, years int) (SignedCert, ed25519.PrivateKey, error) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return SignedCert{}, nil, err
	}
	serial := make([]byte, 8)
	rand.Read(serial)
	today := time.Now().UTC()
	c := Cert{
		Format: certFormat, Serial: hex.EncodeToString(serial), Office: office, Role: role,
		Areas: slices.Clone(areas), Key: pub, Root: rootPub,
		NotBefore: today.AddDate(0, 0, -1).Format(time.DateOnly), NotAfter: today.AddDate(years, 0, 0).Format(time.DateOnly),
	}
	sc, err := signCert(c, rootKey)
	return sc, key, err
}

var errNotProvince = msg.New("chỉ CSDL của tỉnh (nơi tạo khóa gốc) mới dùng khóa gốc", "only the province's database (where the root key was created) uses the root key")

// provinceIdentity returns the identity of the province's database.
func provinceIdentity(st *store.Store) (*Identity, error) {
	id, err := LoadIdentity(st)
	if err != nil {
		return nil, err
	}
	if id.Cert.Role != Province {
		return nil, errNotProvince
	}
	if HasPlainRootKey(st) {
		return nil, ErrPlainRootKey
	}
	return id, nil
}

// UnlockRoot opens the root key of the province whose database st is, from
// its file in keys, with passphrase (rootkey.ErrWrongPassphrase when it is
// not the right one).
func UnlockRoot(st *store.Store, keys rootkey.Dir, passphrase string) (ed25519.PrivateKey, error) {
	id, err := provinceIdentity(st)
	if err != nil {
		return nil, err
	}
	return keys.Unlock(id.Root, passphrase)
}

// RootKeyFile returns the path of the root key file of the province whose
// database st is, when keys holds it; otherwise an error saying why not (not
// the province, rootkey.ErrNoKey…), before any passphrase is asked for.
func RootKeyFile(st *store.Store, keys rootkey.Dir) (string, error) {
	id, err := provinceIdentity(st)
	if err != nil {
		return "", err
	}
	if !keys.Has(id.Root) {
		return "", rootkey.ErrNoKey
	}
	return keys.Path(id.Root), nil
}

// IssueOffice writes, at the province, the office file of a new office that
// may write areas, valid for years, signed with the root key (UnlockRoot).
func IssueOffice(ctx context.Context, st *store.Store, rootKey ed25519.PrivateKey, office string, role Role, areas []string, years int) ([]byte, error) {
	id, err := provinceIdentity(st)
	if err != nil {
		return nil, err
	}
	if rootKey == nil || !id.Root.Equal(rootKey.Public()) {
		return nil, msg.New("khóa gốc này không phải của tỉnh trong CSDL", "this root key is not the one of the province in the database")
	}
	if err := checkAreas(ctx, st, areas); err != nil {
		return nil, err
	}
	if office == "" {
		return nil, msg.New("chưa có tên đơn vị", "the office has no name")
	}
	sc, key, err := issue(id.Root, rootKey, office, role, areas, years)
	if err != nil {
		return nil, err
	}
	if err := st.KeepIssuedCert(ctx, store.IssuedCert{Serial: certSerial(sc), Office: office, Cert: sc.Body}); err != nil {
		return nil, err
	}
	f := OfficeFile{Format: officeFormat, Cert: sc, Key: hex.EncodeToString(key.Seed())}
	if f.Catalog, _, err = publishCatalog(ctx, st, id); err != nil {
		return nil, err
	}
	return json.Marshal(f)
}

// ExportRootKey writes a copy of the province's root key file to dest
// (readable by its owner only), after checking that passphrase opens it,
// so that the copy kept for safekeeping is known to be usable.
func ExportRootKey(st *store.Store, keys rootkey.Dir, passphrase, dest string) error {
	id, err := provinceIdentity(st)
	if err != nil {
		return err
	}
	data, err := keys.Read(id.Root)
	if err != nil {
		return err
	}
	if _, err := rootkey.Open(data, passphrase); err != nil {
		return err
	}
	return rootkey.WriteFile(dest, data)
}

// RestoreRootKey puts an exported root key file back into keys, on a new
// computer, after checking that it is the root key of the province whose
// database st is (restored from its backup first) and that passphrase
// opens it. It returns the path of the restored file.
func RestoreRootKey(st *store.Store, keys rootkey.Dir, data []byte, passphrase string) (string, error) {
	id, err := provinceIdentity(st)
	if errors.Is(err, ErrNoIdentity) || errors.Is(err, errNotProvince) {
		return "", msg.New("CSDL này không phải của tỉnh: hãy khôi phục bản sao lưu CSDL của tỉnh trước, rồi mới đến khóa gốc",
			"this is not the province's database: restore the province's database backup first, then the root key")
	}
	if err != nil {
		return "", err
	}
	pub, err := rootkey.Public(data)
	if err != nil {
		return "", err
	}
	if !pub.Equal(id.Root) {
		return "", msg.New("tệp khóa gốc này là của tỉnh khác (không khớp chứng thư trong CSDL)",
			"this root key file belongs to another province (it does not match the certificate in the database)")
	}
	if _, err := rootkey.Open(data, passphrase); err != nil {
		return "", err
	}
	return keys.Save(data)
}

// ErrPlainRootKey says the database still holds the root key in plain text,
// as versions before the key had its own file did.
var ErrPlainRootKey = msg.New("CSDL này còn giữ khóa gốc của tỉnh ở dạng không mã hóa: hãy chuyển nó ra tệp riêng có mật khẩu (chiso rootkey protect, hoặc mở ứng dụng)",
	"this database still holds the province root key unencrypted: move it into its own file with a passphrase (chiso rootkey protect, or open the app)")

// HasPlainRootKey reports whether the database still holds the root key in
// plain text.
func HasPlainRootKey(st *store.Store) bool {
	v, _ := st.Meta(metaRootKey)
	return v != ""
}

// ProtectRootKey moves the root key an older version kept in the database
// into its own file in keys, encrypted with passphrase, then wipes it from
// the database file (its bytes do not stay in free pages or the WAL). When
// the file exists already (a copy of this database was moved before),
// passphrase must open it. It returns the file's path.
func ProtectRootKey(ctx context.Context, st *store.Store, keys rootkey.Dir, passphrase string) (string, error) {
	id, err := LoadIdentity(st)
	if err != nil {
		return "", err
	}
	key, err := readKey(st, metaRootKey)
	if errors.Is(err, errNoKey) {
		return "", msg.New("CSDL này không giữ khóa gốc không mã hóa nào", "this database holds no unencrypted root key")
	}
	if err != nil {
		return "", err
	}
	if !id.Root.Equal(key.Public()) {
		return "", msg.New("khóa gốc trong CSDL không khớp chứng thư", "the root key in the database does not match the certificate")
	}
	path := keys.Path(id.Root)
	if keys.Has(id.Root) {
		if _, err := keys.Unlock(id.Root, passphrase); err != nil {
			return "", msg.Wrap(err, "máy này đã có tệp khóa gốc của tỉnh ("+path+"): hãy dùng mật khẩu của tệp đó",
				"this computer has the province's root key file already ("+path+"): give that file's passphrase")
		}
	} else {
		sealed, err := rootkey.Seal(key, passphrase)
		if err != nil {
			return "", err
		}
		if path, err = keys.Save(sealed); err != nil {
			return "", err
		}
	}
	if err := st.Forget(ctx, metaRootKey); err != nil {
		return "", msg.Wrap(err, "đã ghi tệp khóa gốc nhưng chưa xóa được khóa khỏi CSDL", "the root key file is written but the key could not be wiped from the database")
	}
	return path, nil
}
