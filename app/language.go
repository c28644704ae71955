package app

import (
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"chiso/assets"
)

// SetupLanguage loads the translations (assets/translations/vi.json and
// en.json) and makes Vietnamese the interface language whatever the
// operating system's locale, unless the environment variable CHISO_LANG is
// "en", which selects English. It returns the language chosen, "vi" or "en".
//
// Fyne picks the translation from the OS locale only and offers no way to
// force one, so the chosen file is also registered under the OS locale (for
// example fr-FR and fr) and under "en", Fyne's fallback when the locale is
// unknown. Both files hold every key Fyne itself uses, so they replace
// Fyne's own strings (OK, Cancel, weekdays…) completely.
func SetupLanguage() (string, error) {
	want := "vi"
	if strings.EqualFold(strings.TrimSpace(os.Getenv("CHISO_LANG")), "en") {
		want = "en"
	}
	if err := lang.AddTranslationsFS(assets.FS, "translations"); err != nil {
		return "vi", err
	}
	data, err := assets.FS.ReadFile("translations/" + want + ".json")
	if err != nil {
		return "vi", err
	}
	sys := lang.SystemLocale().String()
	locales := []string{"en", sys, strings.SplitN(sys, "-", 2)[0]}
	if want == "en" {
		locales = append(locales, "vi")
	}
	for _, l := range locales {
		if l == "" || l == "und" || l == want {
			continue
		}
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(l)); err != nil {
			return "vi", err
		}
	}
	return want, nil
}
