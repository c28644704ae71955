package defaults

import "golang.org/x/sys/windows"

// knownDocuments returns the Documents known folder of the user.
func knownDocuments() string {
	dir, err := windows.KnownFolderPath(windows.FOLDERID_Documents, windows.KF_FLAG_DEFAULT)
	if err != nil {
		return ""
	}
	return dir
}
