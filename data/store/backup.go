package store

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"chiso/data/msg"
)

// DefaultKeepBackups is how many backups made before imports are kept
// beside the database until the user chooses (SetKeepBackups).
const DefaultKeepBackups = 5

// KeepBackups returns how many backups made before imports are kept beside
// the database; older ones are removed after each import.
func (s *Store) KeepBackups() int {
	v, _ := s.Meta("backup.keep")
	if n, err := strconv.Atoi(v); err == nil && n >= 1 {
		return n
	}
	return DefaultKeepBackups
}

// SetKeepBackups sets how many backups made before imports are kept: at
// least 1.
func (s *Store) SetKeepBackups(n int) error {
	if n < 1 || n > 1000 {
		return msg.New(fmt.Sprintf("số bản sao lưu giữ lại phải từ 1 đến 1000, không phải %d", n),
			fmt.Sprintf("the number of backups kept must be from 1 to 1000, not %d", n))
	}
	return s.SetMeta("backup.keep", strconv.Itoa(n))
}

// Backup writes a consistent copy of the database to dest (which must not
// exist yet), through a temporary file renamed at the end, so that a
// half-written backup never carries the final name.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return msg.New("tệp "+dest+" đã có, không ghi đè", "file "+dest+" exists already, not overwriting it")
	}
	tmp := dest + ".tmp"
	os.Remove(tmp)
	// VACUUM INTO fills an empty file made readable by its owner only.
	if err := ownerOnly(tmp); err != nil {
		return msg.Wrap(err, "không sao lưu được vào "+dest, "cannot back up to "+dest)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return msg.Wrap(err, "không sao lưu được vào "+dest, "cannot back up to "+dest)
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return msg.Wrap(err, "không sao lưu được vào "+dest, "cannot back up to "+dest)
	}
	return syncDir(filepath.Dir(dest))
}

// CheckBackup opens the file at path read-only and checks that it is a
// sound Chỉ Số database this program can open.
func CheckBackup(ctx context.Context, path string) error {
	notOurs := func(err error) error {
		return msg.Wrap(err, path+" không phải là CSDL Chỉ Số dùng được", path+" is not a usable Chỉ Số database")
	}
	if _, err := os.Stat(path); err != nil {
		return notOurs(err)
	}
	st, err := openFile(path, true)
	if err != nil {
		return notOurs(err)
	}
	defer st.Close()
	v, err := st.SchemaVersion()
	if err != nil {
		return notOurs(err)
	}
	if v < 1 || v > len(migrations) {
		return notOurs(fmt.Errorf("schema version %d", v))
	}
	var n int
	if err := st.db.QueryRowContext(ctx, `SELECT count(*) FROM meta WHERE key = 'device'`).Scan(&n); err != nil || n != 1 {
		return notOurs(fmt.Errorf("no device identity"))
	}
	problems, err := st.Check(ctx)
	if err != nil {
		return notOurs(err)
	}
	if len(problems) > 0 {
		return notOurs(fmt.Errorf("%v", problems))
	}
	return nil
}

// RestoreBackup replaces the database file at target with a copy of the
// backup at path, after checking the backup. The store on target must be
// closed; the old file is kept beside it as target + ".before-restore".
func RestoreBackup(ctx context.Context, path, target string) error {
	if err := CheckBackup(ctx, path); err != nil {
		return err
	}
	tmp := target + ".restoring"
	if err := copyFile(path, tmp); err != nil {
		os.Remove(tmp)
		return msg.Wrap(err, "không khôi phục được", "cannot restore")
	}
	// The restored file must not write changes under the identity of the
	// file it was backed up from, which may have gone on without it.
	if err := rekey(ctx, tmp); err != nil {
		os.Remove(tmp)
		return msg.Wrap(err, "không khôi phục được", "cannot restore")
	}
	if _, err := os.Stat(target); err == nil {
		old := target + ".before-restore"
		os.Remove(old)
		if err := os.Rename(target, old); err != nil {
			os.Remove(tmp)
			return msg.Wrap(err, "không khôi phục được", "cannot restore")
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(target + suffix)
	}
	if err := os.Rename(tmp, target); err != nil {
		return msg.Wrap(err, "không khôi phục được", "cannot restore")
	}
	return syncDir(filepath.Dir(target))
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	d.Sync() // not supported everywhere (Windows); the rename is what matters
	return nil
}

// rekey gives the database file at path a new device identity.
func rekey(ctx context.Context, path string) error {
	st, err := Open(path)
	if err != nil {
		return err
	}
	if err := st.NewDevice(ctx); err != nil {
		st.Close()
		return err
	}
	if _, err := st.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		st.Close()
		return err
	}
	return st.Close()
}
