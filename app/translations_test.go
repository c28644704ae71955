package app

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// readTranslations returns the merged messages of a language.
func readTranslations(t *testing.T, language string) map[string]any {
	t.Helper()
	m, err := translations(language)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestTranslations_SameKeys fails when a key is in one file and not in the
// other, or a message is empty.
func TestTranslations_SameKeys(t *testing.T) {
	vi, en := readTranslations(t, "vi"), readTranslations(t, "en")
	for _, f := range []struct {
		name        string
		have, other map[string]any
	}{{"vi", vi, en}, {"en", en, vi}} {
		for key, msg := range f.have {
			if _, ok := f.other[key]; !ok {
				t.Errorf("%q is in %s only", key, f.name)
			}
			switch m := msg.(type) {
			case string:
				if strings.TrimSpace(m) == "" {
					t.Errorf("%s: %q is empty", f.name, key)
				}
			case map[string]any:
				if s, _ := m["other"].(string); s == "" {
					t.Errorf("%s: plural %q has no \"other\" form", f.name, key)
				}
			default:
				t.Errorf("%s: %q is neither a string nor a plural object", f.name, key)
			}
		}
	}
}

// TestTranslations_FyneKeys fails when vi.json misses a string of Fyne's own
// (base.en.json of the Fyne module in use).
func TestTranslations_FyneKeys(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Fatalf("cannot locate the Fyne module: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lang", "translations", "base.en.json"))
	if err != nil {
		t.Fatalf("cannot read Fyne's translations: %v", err)
	}
	var base map[string]any
	if err := json.Unmarshal(data, &base); err != nil {
		t.Fatal(err)
	}
	vi := readTranslations(t, "vi")
	for key := range base {
		if _, ok := vi[key]; !ok {
			t.Errorf("Fyne's %q is missing from vi.json", key)
		}
	}
	if len(base) < 30 { // 39 in v2.7.1: a smaller count means the file moved or changed shape
		t.Errorf("Fyne's base.en.json has only %d keys", len(base))
	}
}

var (
	// langCall finds a call of lang.L, lang.N, lang.X or lang.XN and what
	// follows its opening parenthesis.
	langCall = regexp.MustCompile(`\blang\.(L|N|X|XN)\(\s*`)
	// stringLit matches a Go string literal at the start of the text.
	stringLit = regexp.MustCompile("^(\"(?:[^\"\\\\\\n]|\\\\.)*\"|`[^`]*`)")
)

// usedKeys returns the translation keys passed to lang in the non-test Go
// files of dir; a call whose key is not a string literal is an error.
func usedKeys(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, loc := range langCall.FindAllIndex(src, -1) {
			line := 1 + strings.Count(string(src[:loc[0]]), "\n")
			lit := stringLit.Find(src[loc[1]:])
			if lit == nil {
				t.Errorf("%s:%d: the key of a lang call is not a string literal, so it cannot be checked", f, line)
				continue
			}
			key, err := strconv.Unquote(string(lit))
			if err != nil {
				t.Errorf("%s:%d: %v", f, line, err)
				continue
			}
			keys[key] = f + ":" + strconv.Itoa(line)
		}
	}
	return keys
}

// TestTranslations_UsedKeys fails when a key that app/ or widgets/ passes to
// lang.L, lang.N, lang.X or lang.XN is missing from vi.json.
func TestTranslations_UsedKeys(t *testing.T) {
	vi := readTranslations(t, "vi")
	used := usedKeys(t, ".")
	for k, v := range usedKeys(t, filepath.Join("..", "widgets")) {
		used[k] = v
	}
	if len(used) == 0 {
		t.Fatal("found no lang calls: the scan is broken")
	}
	var missing []string
	for key, where := range used {
		if _, ok := vi[key]; !ok {
			missing = append(missing, where+": "+strconv.Quote(key))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("missing from vi.json: %s", m)
	}
}
