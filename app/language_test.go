package app

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

// setLocale makes the process look as if the OS locale were locale.
func setLocale(t *testing.T, locale string) {
	t.Helper()
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", locale)
}

func TestSetupLanguage(t *testing.T) {
	t.Cleanup(func() {
		t.Setenv("CHISO_LANG", "")
		_, _ = SetupLanguage("vi")
	})
	for _, tc := range []struct {
		locale, chisoLang  string
		want, cancel, year string
	}{
		{"vi_VN.UTF-8", "", "vi", "Hủy", "Năm"},
		{"en_US.UTF-8", "", "vi", "Hủy", "Năm"},
		{"fr_FR.UTF-8", "", "vi", "Hủy", "Năm"}, // Fyne has French for Cancel
		{"pt_BR.UTF-8", "", "vi", "Hủy", "Năm"},
		{"C", "", "vi", "Hủy", "Năm"},
		{"vi_VN.UTF-8", "en", "en", "Cancel", "Year"},
		{"en_US.UTF-8", "EN", "en", "Cancel", "Year"},
		{"vi_VN.UTF-8", "", "vi", "Hủy", "Năm"}, // and back
	} {
		setLocale(t, tc.locale)
		t.Setenv("CHISO_LANG", tc.chisoLang)
		got, err := SetupLanguage("")
		if err != nil {
			t.Fatalf("%s CHISO_LANG=%q: %v", tc.locale, tc.chisoLang, err)
		}
		if got != tc.want {
			t.Errorf("%s CHISO_LANG=%q: language %q, want %q", tc.locale, tc.chisoLang, got, tc.want)
		}
		if c, y := lang.L("Cancel"), lang.L("Year"); c != tc.cancel || y != tc.year {
			t.Errorf("%s CHISO_LANG=%q: Cancel = %q, Year = %q; want %q, %q", tc.locale, tc.chisoLang, c, y, tc.cancel, tc.year)
		}
		if d := lang.X("monday", "Monday"); tc.want == "vi" && d != "Thứ Hai" {
			t.Errorf("%s: monday = %q, want Thứ Hai", tc.locale, d)
		}
	}
}

// TestSwitchLanguage switches the interface language as Settings does.
func TestSwitchLanguage(t *testing.T) {
	t.Setenv("CHISO_LANG", "")
	t.Cleanup(func() { SetupLanguage("vi") })
	for _, want := range []string{"en", "vi", "en"} {
		got, err := SetupLanguage(want)
		if err != nil || got != want {
			t.Fatalf("SetupLanguage(%q) = %q, %v", want, got, err)
		}
		cancel := map[string]string{"vi": "Hủy", "en": "Cancel"}[want]
		if c := lang.L("Cancel"); c != cancel {
			t.Errorf("after switching to %s: Cancel = %q", want, c)
		}
	}
}
