package defaults

import (
	"os"
	"path/filepath"
	"runtime"
)

// PortableMarker is the name of the file that, beside the program, makes
// it portable: its data are kept in the folder DataDirName beside it (on a
// USB stick, say) instead of the user's data folder.
const PortableMarker = "portable"

// DataDirName is the folder, beside a portable program, that holds its data.
const DataDirName = "data"

// DBPath returns the database the app opens when none is named: $CHISO_DB
// if set, else chiso.db in the data folder beside a portable program (see
// PortableDir), else chiso.db in the user's data folder
// (~/.local/share/chiso on Linux, %LOCALAPPDATA%\chiso on Windows).
func DBPath() string {
	if p := os.Getenv("CHISO_DB"); p != "" {
		return p
	}
	if dir := PortableDir(); dir != "" {
		return filepath.Join(dir, "chiso.db")
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

// PortableDir returns the data folder of a portable program: the folder
// DataDirName beside the running executable when a file named
// PortableMarker is there too, else "".
func PortableDir() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	return portableDir(filepath.Dir(exe))
}

// portableDir is PortableDir for a program in dir.
func portableDir(dir string) string {
	if fi, err := os.Stat(filepath.Join(dir, PortableMarker)); err != nil || fi.IsDir() {
		return ""
	}
	return filepath.Join(dir, DataDirName)
}

// DocumentsDir returns the user's Documents folder, where file dialogs
// start when the user has not chosen a folder yet: the known folder on
// Windows (wherever the user or OneDrive moved it), the XDG documents
// folder or ~/Documents elsewhere; the home folder when there is none, ""
// when even that is unknown.
func DocumentsDir() string {
	if dir := knownDocuments(); dir != "" && isDir(dir) {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if dir := filepath.Join(home, "Documents"); isDir(dir) {
		return dir
	}
	return home
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
