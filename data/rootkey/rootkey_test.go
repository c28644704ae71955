package rootkey

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"chiso/data/msg"
)

const pass = "Hạ Long mùa đông 2026"

// secretForms are the ways a key's bytes could be written out: raw, hex and
// base64 (JSON's encoding of bytes), of the seed and of the whole key.
func secretForms(key ed25519.PrivateKey) [][]byte {
	var out [][]byte
	for _, b := range [][]byte{key.Seed(), key} {
		out = append(out, b, []byte(hex.EncodeToString(b)), []byte(base64.StdEncoding.EncodeToString(b)))
	}
	return out
}

func TestSealedKeyOpensOnlyWithItsPassphrase(t *testing.T) {
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	data, err := Seal(key, pass)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range secretForms(key) {
		if bytes.Contains(data, secret) {
			t.Fatalf("the sealed file holds the key in clear (%d bytes)", len(secret))
		}
	}
	if got, err := Public(data); err != nil || !got.Equal(pub) {
		t.Fatalf("public key without the passphrase: %v %v", got, err)
	}
	got, err := Open(data, pass)
	if err != nil || !got.Equal(key) {
		t.Fatalf("open: %v", err)
	}
	// A wrong passphrase is told apart, in both languages.
	for _, wrong := range []string{"Hạ Long mùa đông 2025", "", pass + " "} {
		_, err := Open(data, wrong)
		if !errors.Is(err, ErrWrongPassphrase) {
			t.Fatalf("%q: %v", wrong, err)
		}
	}
	_, err = Open(data, "sai mật khẩu rồi")
	if vi, en := msg.Text(err, "vi"), msg.Text(err, "en"); vi != "mật khẩu khóa gốc không đúng" || en != "wrong passphrase for the root key" {
		t.Errorf("messages: %q / %q", vi, en)
	}
	// A damaged file is not a wrong passphrase.
	damaged := bytes.Replace(data, []byte(`"sealed": "`), []byte(`"sealed": "AAAA`), 1)
	if _, err := Open(damaged, pass); err == nil || errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("damaged file: %v", err)
	}
	if _, err := Open([]byte("{}"), pass); err == nil || !strings.Contains(msg.Text(err, "en"), "not a Chỉ Số root key file") {
		t.Errorf("not a key file: %v", err)
	}
	// Another file of the same key has its own salt and nonce.
	again, _ := Seal(key, pass)
	if bytes.Equal(again, data) {
		t.Error("two sealings of one key are identical")
	}
}

func TestShortPassphraseRefused(t *testing.T) {
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	_, err := Seal(key, "ngắn quá")
	if err == nil || !strings.Contains(msg.Text(err, "vi"), "mật khẩu quá ngắn (8 ký tự): cần ít nhất 10 ký tự") {
		t.Fatalf("short passphrase: %v", err)
	}
}

func TestDirKeepsKeysForTheirOwnerOnly(t *testing.T) {
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	d := Dir(filepath.Join(t.TempDir(), "config", "chiso", "keys"))
	if d.Has(pub) {
		t.Fatal("an empty folder has the key")
	}
	if _, err := d.Unlock(pub, pass); !errors.Is(err, ErrNoKey) {
		t.Fatalf("no key: %v", err)
	}
	data, _ := Seal(key, pass)
	path, err := d.Save(data)
	if err != nil {
		t.Fatal(err)
	}
	if path != d.Path(pub) || !d.Has(pub) {
		t.Fatalf("saved at %s, looked for at %s", path, d.Path(pub))
	}
	got, err := d.Unlock(pub, pass)
	if err != nil || !got.Equal(key) {
		t.Fatalf("unlock: %v", err)
	}
	if runtime.GOOS != "windows" {
		for p, want := range map[string]os.FileMode{path: 0o600, string(d): 0o700} {
			if info, err := os.Stat(p); err != nil || info.Mode().Perm() != want {
				t.Errorf("%s: mode %v, want %v (%v)", p, info.Mode().Perm(), want, err)
			}
		}
	}
	t.Setenv("CHISO_KEY_DIR", "/somewhere/keys")
	if DefaultDir() != "/somewhere/keys" {
		t.Errorf("CHISO_KEY_DIR not followed: %s", DefaultDir())
	}
	t.Setenv("CHISO_KEY_DIR", "")
	t.Setenv("XDG_CONFIG_HOME", "/home/x/.config")
	if runtime.GOOS == "linux" && DefaultDir() != "/home/x/.config/chiso/keys" {
		t.Errorf("default folder: %s", DefaultDir())
	}
}
