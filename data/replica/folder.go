package replica

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"chiso/data/atomicfile"
	"chiso/data/msg"
	"chiso/data/store"
)

// The layout of a sync folder (and of a package, which is a zip of it):
//
//	chiso-sync/FORMAT                          "chiso-sync 1"
//	chiso-sync/catalog/catalog-000012.json     a signed catalog version
//	chiso-sync/devices/<writer>/seg/000007-<hash>.ops.gz         changes (gzip JSON lines)
//	chiso-sync/devices/<writer>/seg/000007-<hash>.manifest.json  what the segment holds
//	chiso-sync/devices/<writer>/seg/000007-<hash>.manifest.sig   the writer's signature
//	chiso-sync/.tmp/                           files being written (ignored)
//
// <hash> is the start of the manifest's SHA-256, so that two different
// segments with the same number (a cloned laptop) never share a name.
const (
	rootDir      = "chiso-sync"
	formatFile   = rootDir + "/FORMAT"
	formatLine   = "chiso-sync 1"
	catalogDir   = rootDir + "/catalog"
	devicesDir   = rootDir + "/devices"
	tmpDir       = rootDir + "/.tmp"
	manifestExt  = ".manifest.json"
	signatureExt = ".manifest.sig"
	dataExt      = ".ops.gz"
)

// segmentBase is the path of a segment's files without their extension.
func segmentBase(writer string, number int64, manifestHash string) string {
	return fmt.Sprintf("%s/%s/seg/%06d-%s", devicesDir, writer, number, manifestHash[:16])
}

func catalogPath(version int64) string {
	return fmt.Sprintf("%s/catalog-%06d.json", catalogDir, version)
}

// checkFormat refuses a folder written by a newer, incompatible version.
func checkFormat(fsys fs.FS) error {
	b, err := fs.ReadFile(fsys, formatFile)
	if err != nil {
		return nil // a new folder, or not written yet
	}
	line := strings.TrimSpace(string(b))
	if line == formatLine {
		return nil
	}
	return msg.New("thư mục đồng bộ có định dạng "+strconv.Quote(line)+", phiên bản Chỉ Số này không đọc được: hãy cập nhật Chỉ Số",
		"the sync folder has format "+strconv.Quote(line)+", which this version of Chỉ Số cannot read: update Chỉ Số")
}

// folderWriter writes files into a sync folder: each through a temporary
// file in the same folder, synced to disk, then renamed into place, so a
// reader never sees half a file under its final name.
type folderWriter struct{ dir string }

// put writes data at rel unless the same bytes are there already.
func (w folderWriter) put(rel string, data []byte) (bool, error) {
	dst := filepath.Join(w.dir, filepath.FromSlash(rel))
	if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	tmp := filepath.Join(w.dir, filepath.FromSlash(tmpDir))
	err := os.MkdirAll(tmp, 0o755)
	if err == nil {
		err = os.MkdirAll(filepath.Dir(dst), 0o755)
	}
	if err == nil {
		err = atomicfile.Write(dst, tmp, func(f io.Writer) error {
			_, err := f.Write(data)
			return err
		})
	}
	if err != nil {
		return false, msg.Wrap(err, "không ghi được "+rel+" vào "+w.dir, "cannot write "+rel+" into "+w.dir)
	}
	return true, nil
}

// putSegment writes a segment's three files, the signature last: a reader
// that finds the signature finds the rest.
func putSegment(w interface {
	put(string, []byte) (bool, error)
}, g store.Segment) (bool, error) {
	base := segmentBase(g.Writer, g.Number, hashHex(g.Manifest))
	wrote := false
	for _, f := range []struct {
		ext  string
		data []byte
	}{{dataExt, g.Data}, {manifestExt, g.Manifest}, {signatureExt, g.Sig}} {
		n, err := w.put(base+f.ext, f.data)
		if err != nil {
			return wrote, err
		}
		wrote = wrote || n
	}
	return wrote, nil
}

// segmentFiles is one segment found in a folder, by its base path.
type segmentFiles struct {
	writer   string
	number   int64
	base     string
	complete bool // false while its data or signature is still missing
}

// scanSegments lists the segments (their manifests) of every writer in
// fsys, by writer and number, noting which have all three files; names
// starting with "." or "~" and unknown names are ignored.
func scanSegments(fsys fs.FS) (map[string]map[int64][]segmentFiles, error) {
	out := map[string]map[int64][]segmentFiles{}
	writers, err := fs.ReadDir(fsys, devicesDir)
	if err != nil {
		return out, nil // no devices yet
	}
	for _, wd := range writers {
		w := wd.Name()
		if !wd.IsDir() || strings.HasPrefix(w, ".") || strings.HasPrefix(w, "~") {
			continue
		}
		files, err := fs.ReadDir(fsys, path.Join(devicesDir, w, "seg"))
		if err != nil {
			continue
		}
		have := map[string]bool{}
		for _, f := range files {
			have[f.Name()] = true
		}
		for _, f := range files {
			name := f.Name()
			stem, ok := strings.CutSuffix(name, manifestExt)
			if !ok || strings.HasPrefix(name, ".") {
				continue
			}
			num, _, ok := strings.Cut(stem, "-")
			n, err := strconv.ParseInt(num, 10, 64)
			if !ok || err != nil || n <= 0 {
				continue
			}
			if out[w] == nil {
				out[w] = map[int64][]segmentFiles{}
			}
			complete := have[stem+signatureExt] && have[stem+dataExt]
			out[w][n] = append(out[w][n], segmentFiles{w, n, path.Join(devicesDir, w, "seg", stem), complete})
		}
	}
	return out, nil
}

// readSegment reads a segment's three files.
func readSegment(fsys fs.FS, f segmentFiles) (store.Segment, error) {
	g := store.Segment{Writer: f.writer, Number: f.number}
	var err error
	for _, p := range []struct {
		ext string
		dst *[]byte
	}{{manifestExt, &g.Manifest}, {signatureExt, &g.Sig}, {dataExt, &g.Data}} {
		if *p.dst, err = fs.ReadFile(fsys, f.base+p.ext); err != nil {
			return g, msg.Wrap(err, "không đọc được "+f.base+p.ext, "cannot read "+f.base+p.ext)
		}
	}
	g.Size = int64(len(g.Data))
	return g, nil
}

// catalogFiles lists the signed catalog files in fsys, oldest first.
func catalogFiles(fsys fs.FS) []string {
	names, _ := fs.Glob(fsys, catalogDir+"/catalog-*.json")
	sort.Strings(names)
	return names
}
