package benchgen

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"chiso/data/exchange"
	"chiso/data/number"
	"chiso/data/store"
)

// CacheVersion names the cached databases of CachedDB; change it when the
// generator or the store's schema changes, so that old files are not used.
const CacheVersion = "v6"

// CachedDB returns the path of a database holding the data set of sc,
// building it first in the temporary directory when it is not there (a
// national set takes about 25 s to import), so that benchmarks of several
// packages share one file. The file is built under another name and
// renamed when complete.
func CachedDB(ctx context.Context, sc Scale) (string, error) {
	path := filepath.Join(os.TempDir(), "chiso-bench-"+sc.Name+"-"+CacheVersion+".db")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp := path + ".part"
	os.Remove(tmp)
	st, err := store.Open(tmp)
	if err != nil {
		return "", err
	}
	cat := Catalog(sc)
	var buf bytes.Buffer
	if _, err = WriteValues(&buf, sc); err == nil {
		if err = st.SaveCatalog(ctx, cat); err == nil {
			_, err = st.Import(ctx, "values.csv", exchange.ReadLong(&buf, "values.csv", cat, number.English))
		}
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("build %s: %w", path, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	return path, os.Rename(tmp, path)
}
