//go:build !windows

package defaults

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// knownDocuments returns the XDG documents folder (XDG_DOCUMENTS_DIR in
// the environment or in user-dirs.dirs, "Tài liệu" on a Vietnamese
// desktop), or "".
func knownDocuments() string {
	if dir := os.Getenv("XDG_DOCUMENTS_DIR"); dir != "" {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	config := os.Getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	f, err := os.Open(filepath.Join(config, "user-dirs.dirs"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		value, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		value = strings.Trim(value, `"`)
		if rest, ok := strings.CutPrefix(value, "$HOME"); ok {
			value = home + rest
		}
		if filepath.IsAbs(value) {
			return value
		}
	}
	return ""
}
