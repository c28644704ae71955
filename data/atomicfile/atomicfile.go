// Package atomicfile writes a file so that it appears whole or not at all:
// into a temporary file first, synced to disk, then renamed over the final
// name. A crash, a full disk or a USB stick pulled out never leaves a
// half-written file under the name readers look for.
package atomicfile

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
)

// Write writes path with what write produces. The temporary file is made
// in tmpDir ("" for path's own folder, under a hidden name), which must be
// on the same volume as path. If write fails, nothing is left behind.
func Write(path, tmpDir string, write func(io.Writer) error) error {
	return WriteMode(path, tmpDir, 0o666, write)
}

// WriteMode is Write creating the file with mode perm (before the umask):
// 0o600 for a secret only its owner may read, from its first byte on.
func WriteMode(path, tmpDir string, perm os.FileMode, write func(io.Writer) error) error {
	if tmpDir == "" {
		tmpDir = filepath.Dir(path)
	}
	b := make([]byte, 8)
	rand.Read(b)
	tmp := filepath.Join(tmpDir, "."+filepath.Base(path)+"."+hex.EncodeToString(b)+".tmp")
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	SyncDir(filepath.Dir(path))
	return nil
}

// SyncDir flushes a folder's entries (a rename) to disk where the system
// allows it (not on Windows, where the rename itself is what counts).
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
