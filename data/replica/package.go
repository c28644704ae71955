package replica

import (
	"archive/zip"
	"context"
	"io"
	"io/fs"
	"os"

	"chiso/data/atomicfile"
	"chiso/data/msg"
	"chiso/data/store"
)

// PackageExt is the file name extension of a sync package.
const PackageExt = ".chisopkg"

// zipPutter writes the files of a package.
type zipPutter struct{ zw *zip.Writer }

func (z zipPutter) put(rel string, data []byte) (bool, error) {
	w, err := z.zw.CreateHeader(&zip.FileHeader{Name: rel, Method: zip.Store})
	if err != nil {
		return false, err
	}
	_, err = w.Write(data)
	return err == nil, err
}

// ExportPackage writes one file (a zip of a sync folder) holding this
// device's changes and every segment and catalog this database holds, to
// be carried by e-mail or USB stick and read with ImportPackage.
func ExportPackage(ctx context.Context, st *store.Store, path, lang string, progress Progress) (*Report, error) {
	r, err := newRun(ctx, st, lang, progress)
	if err != nil {
		return nil, err
	}
	if err := r.export(); err != nil {
		return nil, err
	}
	err = atomicfile.Write(path, "", func(f io.Writer) error {
		zw := zip.NewWriter(f)
		z := zipPutter{zw}
		if _, err := z.put(formatFile, []byte(formatLine+"\n")); err != nil {
			return err
		}
		if err := r.writeAll(z, nil); err != nil {
			return err
		}
		return zw.Close()
	})
	if err != nil {
		return nil, msg.Wrap(err, "không ghi được gói "+path, "cannot write the package "+path)
	}
	return &r.rep, nil
}

// ImportPackage reads a package written by ExportPackage and applies every
// verified segment in it that this database lacks.
func ImportPackage(ctx context.Context, st *store.Store, path, lang string, progress Progress) (*Report, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		if _, serr := os.Stat(path); serr != nil {
			return nil, msg.Wrap(serr, "không mở được gói "+path, "cannot open the package "+path)
		}
		return nil, msg.Wrap(err, path+" không phải gói đồng bộ Chỉ Số, hoặc tệp bị hỏng/cắt cụt", path+" is not a Chỉ Số sync package, or it is damaged or truncated")
	}
	defer zr.Close()
	if _, err := fs.Stat(zr, formatFile); err != nil {
		return nil, msg.New(path+" không phải gói đồng bộ Chỉ Số", path+" is not a Chỉ Số sync package")
	}
	if err := checkFormat(zr); err != nil {
		return nil, err
	}
	r, err := newRun(ctx, st, lang, progress)
	if err != nil {
		return nil, err
	}
	if err := r.read(zr); err != nil {
		return nil, err
	}
	return r.finish("")
}
