package defaults

import (
	"os"
	"path/filepath"
	"runtime"
)

// DBPath returns the database the app opens when none is named: $CHISO_DB
// if set, else chiso.db in the user's data folder (~/.local/share/chiso on
// Linux, %LOCALAPPDATA%\chiso on Windows).
func DBPath() string {
	if p := os.Getenv("CHISO_DB"); p != "" {
		return p
	}
	var dir string
	switch runtime.GOOS {
	case "windows":
		dir = os.Getenv("LOCALAPPDATA")
	case "darwin":
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, "Library", "Application Support")
		}
	default:
		dir = os.Getenv("XDG_DATA_HOME")
		if dir == "" {
			if home, err := os.UserHomeDir(); err == nil {
				dir = filepath.Join(home, ".local", "share")
			}
		}
	}
	if dir == "" {
		dir = "."
	}
	return filepath.Join(dir, "chiso", "chiso.db")
}
