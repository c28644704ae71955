// Package rootkey keeps the province's root private key out of the
// database: in a file of its own, encrypted with a passphrase the province
// officer chooses. The key is derived from the passphrase with Argon2id and
// the key's seed sealed with XChaCha20-Poly1305, so a copied file is useless
// without the passphrase; a short check value tells a wrong passphrase apart
// from a damaged file.
//
// The files live in a folder of the user's profile (see DefaultDir), apart
// from the database folder a user copies and backs up, one file per root
// key, named after its public key. The same file, copied elsewhere, is the
// key's backup; restoring it is copying it back after checking it opens.
package rootkey

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"

	"chiso/data/atomicfile"
	"chiso/data/msg"
)

// Ext ends the name of a root key file.
const Ext = ".chiso-rootkey"

// MinPassphrase is the fewest characters a new passphrase may have.
const MinPassphrase = 10

const format = "chiso-rootkey 1"

// The Argon2id cost of a new file (RFC 9106's second recommendation): about
// 0.2 s and 64 MiB on a laptop, each time the key is opened.
const (
	argonTime    = 3
	argonMemory  = 64 * 1024 // KiB
	argonThreads = 4
)

// file is a root key file.
type file struct {
	Format  string `json:"format"`
	Public  []byte `json:"public"` // the root public key, readable without the passphrase
	KDF     string `json:"kdf"`    // "argon2id"
	Time    uint32 `json:"time"`
	Memory  uint32 `json:"memory"` // KiB
	Threads uint8  `json:"threads"`
	Salt    []byte `json:"salt"`
	Nonce   []byte `json:"nonce"`
	Check   []byte `json:"check"`  // tells a wrong passphrase from damaged sealed bytes
	Sealed  []byte `json:"sealed"` // the key's seed, encrypted and authenticated with Public
}

// ErrWrongPassphrase says the passphrase does not open the key.
var ErrWrongPassphrase = msg.New("mật khẩu khóa gốc không đúng", "wrong passphrase for the root key")

var errNotKey = msg.New("đây không phải tệp khóa gốc Chỉ Số (hoặc tệp bị hỏng)", "this is not a Chỉ Số root key file (or it is damaged)")

// CheckNew refuses a passphrase too short to choose.
func CheckNew(passphrase string) error {
	if n := utf8.RuneCountInString(passphrase); n < MinPassphrase {
		return msg.New(fmt.Sprintf("mật khẩu quá ngắn (%d ký tự): cần ít nhất %d ký tự", n, MinPassphrase),
			fmt.Sprintf("the passphrase is too short (%d characters): at least %d are needed", n, MinPassphrase))
	}
	return nil
}

// Seal encrypts key with passphrase and returns the file's bytes.
func Seal(key ed25519.PrivateKey, passphrase string) ([]byte, error) {
	if err := CheckNew(passphrase); err != nil {
		return nil, err
	}
	f := file{Format: format, Public: key.Public().(ed25519.PublicKey), KDF: "argon2id",
		Time: argonTime, Memory: argonMemory, Threads: argonThreads,
		Salt: make([]byte, 16), Nonce: make([]byte, chacha20poly1305.NonceSizeX)}
	if _, err := io.ReadFull(rand.Reader, f.Salt); err != nil {
		return nil, err
	}
	if _, err := io.ReadFull(rand.Reader, f.Nonce); err != nil {
		return nil, err
	}
	k := f.derive(passphrase)
	aead, err := chacha20poly1305.NewX(k)
	if err != nil {
		return nil, err
	}
	f.Check = check(k)
	f.Sealed = aead.Seal(nil, f.Nonce, key.Seed(), f.Public)
	return json.MarshalIndent(f, "", "  ")
}

func (f *file) derive(passphrase string) []byte {
	return argon2.IDKey([]byte(passphrase), f.Salt, f.Time, f.Memory, f.Threads, chacha20poly1305.KeySize)
}

// check is a short fingerprint of the derived key: it says no more about
// the passphrase than the sealed bytes' tag does.
func check(k []byte) []byte {
	sum := sha256.Sum256(append([]byte("chiso-rootkey check\n"), k...))
	return sum[:8]
}

func parse(data []byte) (*file, error) {
	var f file
	if err := json.Unmarshal(data, &f); err != nil || f.Format != format || f.KDF != "argon2id" ||
		len(f.Public) != ed25519.PublicKeySize || len(f.Nonce) != chacha20poly1305.NonceSizeX ||
		len(f.Salt) < 16 || len(f.Check) != 8 || f.Time == 0 || f.Threads == 0 || f.Memory < 8*uint32(f.Threads) || f.Memory > 4<<20 || f.Time > 100 {
		return nil, errNotKey
	}
	return &f, nil
}

// Public returns the public key of a root key file, which needs no
// passphrase.
func Public(data []byte) (ed25519.PublicKey, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	return f.Public, nil
}

// Open decrypts a root key file with passphrase; ErrWrongPassphrase when it
// does not open it.
func Open(data []byte, passphrase string) (ed25519.PrivateKey, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	k := f.derive(passphrase)
	if !bytes.Equal(check(k), f.Check) {
		return nil, ErrWrongPassphrase
	}
	aead, err := chacha20poly1305.NewX(k)
	if err != nil {
		return nil, err
	}
	seed, err := aead.Open(nil, f.Nonce, f.Sealed, f.Public)
	if err != nil {
		return nil, errNotKey
	}
	key := ed25519.NewKeyFromSeed(seed)
	if !key.Public().(ed25519.PublicKey).Equal(ed25519.PublicKey(f.Public)) {
		return nil, errNotKey
	}
	return key, nil
}

// Dir is a folder holding root key files.
type Dir string

// DefaultDir is where this user's root keys are kept: $CHISO_KEY_DIR when
// set, else "chiso/keys" in the user's configuration folder (~/.config on
// Linux, %APPDATA% on Windows), which is not the data folder holding the
// database and its backups.
func DefaultDir() Dir {
	if d := os.Getenv("CHISO_KEY_DIR"); d != "" {
		return Dir(d)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		base = "."
	}
	return Dir(filepath.Join(base, "chiso", "keys"))
}

// Path is the file of the root key whose public key is pub.
func (d Dir) Path(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return filepath.Join(string(d), "root-"+hex.EncodeToString(sum[:8])+Ext)
}

// ErrNoKey says the folder has no file for the root key asked for.
var ErrNoKey = msg.New("máy này không có khóa gốc của tỉnh: khôi phục tệp khóa gốc đã xuất (chiso rootkey restore, hoặc Đồng bộ → Khôi phục khóa gốc…)",
	"this computer has no province root key: restore the exported root key file (chiso rootkey restore, or Sync → Restore the root key…)")

// Read returns the bytes of the key file for pub; ErrNoKey when there is
// none.
func (d Dir) Read(pub ed25519.PublicKey) ([]byte, error) {
	data, err := os.ReadFile(d.Path(pub))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoKey
	}
	if err != nil {
		return nil, msg.Wrap(err, "không đọc được tệp khóa gốc", "cannot read the root key file")
	}
	return data, nil
}

// Has reports whether the folder holds the key file for pub.
func (d Dir) Has(pub ed25519.PublicKey) bool {
	_, err := os.Stat(d.Path(pub))
	return err == nil
}

// Unlock reads and decrypts the key for pub.
func (d Dir) Unlock(pub ed25519.PublicKey, passphrase string) (ed25519.PrivateKey, error) {
	data, err := d.Read(pub)
	if err != nil {
		return nil, err
	}
	return Open(data, passphrase)
}

// Save writes a key file's bytes into the folder under its public key's
// name and returns the path. The folder is made readable by its owner
// only, the file too (on Unix; on Windows both are in the user's profile).
func (d Dir) Save(data []byte) (string, error) {
	pub, err := Public(data)
	if err != nil {
		return "", err
	}
	path := d.Path(pub)
	if err := os.MkdirAll(string(d), 0o700); err != nil {
		return "", msg.Wrap(err, "không tạo được thư mục khóa "+string(d), "cannot create the key folder "+string(d))
	}
	if err := WriteFile(path, data); err != nil {
		return "", err
	}
	return path, nil
}

// WriteFile writes a secret file (a key, an office file) readable by its
// owner only, whole or not at all.
func WriteFile(path string, data []byte) error {
	err := atomicfile.WriteMode(path, "", 0o600, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return msg.Wrap(err, "không ghi được "+path, "cannot write "+path)
	}
	return nil
}
