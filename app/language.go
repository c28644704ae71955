package app

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"chiso/assets"
)

// Languages are the interface languages, Vietnamese first.
var Languages = []string{"vi", "en"}

// SetupLanguage loads the translations and makes language ("vi" or "en",
// anything else means Vietnamese) the interface language whatever the
// operating system's locale; the environment variable CHISO_LANG, when
// set, wins. It returns the language chosen.
//
// Fyne picks its translation from the OS locale only and offers no way to
// force one, so the chosen messages are registered under every locale Fyne
// may look up: the OS locale, its base language, "vi" and "en". Each
// language's messages may be split over several files,
// assets/translations/[part.]<lang>.json; together they hold every key
// Fyne itself uses, so they replace Fyne's own strings (OK, Cancel,
// weekdays…) completely.
func SetupLanguage(language string) (string, error) {
	if env := strings.ToLower(strings.TrimSpace(os.Getenv("CHISO_LANG"))); env != "" {
		language = env
	}
	if language != "en" {
		language = "vi"
	}
	messages, err := translations(language)
	if err != nil {
		return "vi", err
	}
	data, err := json.Marshal(messages)
	if err != nil {
		return "vi", err
	}
	sys := lang.SystemLocale().String()
	for _, l := range []string{"vi", "en", sys, strings.SplitN(sys, "-", 2)[0]} {
		if l == "" || l == "und" {
			continue
		}
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(l)); err != nil {
			return "vi", err
		}
	}
	return language, nil
}

// translations merges the messages of every translation file of language.
func translations(language string) (map[string]any, error) {
	files, err := fs.Glob(assets.FS, "translations/*.json")
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	for _, f := range files {
		base := strings.TrimPrefix(f, "translations/")
		if base != language+".json" && !strings.HasSuffix(base, "."+language+".json") {
			continue
		}
		data, err := assets.FS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for k, v := range m {
			if _, dup := out[k]; dup {
				return nil, fmt.Errorf("%s: %q is translated in another file too", f, k)
			}
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no translations for %q", language)
	}
	return out, nil
}
