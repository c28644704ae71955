// Package posixlocale names the C locale to Fyne before Fyne starts.
//
// Fyne's lang package reads the user's locale when it is initialised, in
// every run of the program, the command line's too: with LANG=C.UTF-8 (the
// default of many Linux machines and of CI) it cannot parse "C" and prints
// "Error parsing user locale C" on stderr. Importing this package from the
// main package, before anything that imports Fyne, makes it run first (Go
// initialises packages in the order of their import paths, after their own
// imports, and "chiso/…" sorts before "fyne.io/…"): when the locale in force
// is the C locale under another name (C.UTF-8, POSIX.UTF-8) and LANGUAGE is
// unset, it sets LANGUAGE=en, the language Fyne falls back to for C
// anyway. Only gettext-style lookups read LANGUAGE; Chỉ Số's own language
// comes from LANG, --lang and its settings, and is unchanged.
package posixlocale

import (
	"os"
	"runtime"
	"strings"
)

func init() {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return // the locale is not read from these variables there
	}
	Fix()
}

// Fix sets LANGUAGE=en when the locale in force (LC_ALL, LC_MESSAGES or
// LANG, the first one set) is C or POSIX with a character set, and
// LANGUAGE is unset.
func Fix() {
	if _, set := os.LookupEnv("LANGUAGE"); set {
		return
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
