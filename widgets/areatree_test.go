package widgets

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldContains is an accent-insensitive match like vntext.Contains, which
// widgets may not import.
func foldContains(label, query string) int {
	fold := func(s string) string {
		s = strings.NewReplacer("đ", "d", "Đ", "D").Replace(s)
		out, _, _ := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
		return strings.ToLower(out)
	}
	if strings.Contains(fold(label), fold(query)) {
		return 1
	}
	return 0
}

func testNodes() []AreaNode {
	return []AreaNode{
		{ID: "QN", Label: "Quảng Ninh"},
		{ID: "HL", Label: "Thành phố Hạ Long", ParentID: "QN"},
		{ID: "CP", Label: "Thành phố Cẩm Phả", ParentID: "QN"},
		{ID: "VD", Label: "Huyện Vân Đồn", ParentID: "QN"},
		{ID: "HL1", Label: "Phường Hồng Gai", ParentID: "HL"},
		{ID: "CP1", Label: "Phường Cẩm Trung", ParentID: "CP"},
		{ID: "HP", Label: "Hải Phòng"},
	}
}

func newTestTree(t *testing.T) (*AreaTree, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	tree := NewAreaTree(testNodes(), foldContains)
	w := test.NewTempWindow(t, tree)
	w.Resize(fyne.NewSize(300, 400))
	return tree, w
}

func TestAreaTree_Search(t *testing.T) {
	tree, w := newTestTree(t)
	tree.Select("CP1")
	if got := tree.Shown(); !slices.Contains(got, "CP1") {
		t.Fatalf("after Select(CP1) shown = %v, want CP1 among them", got)
	}

	test.Type(tree.search, "ha long")
	if got, want := tree.Shown(), []string{"QN", "HL"}; !slices.Equal(got, want) {
		t.Errorf("searching %q shows %v, want %v", "ha long", got, want)
	}
	markup := test.RenderToMarkup(w.Canvas())
	if !strings.Contains(markup, "Thành phố Hạ Long") {
		t.Errorf("Thành phố Hạ Long is not rendered:\n%s", markup)
	}
	for _, hidden := range []string{"Thành phố Cẩm Phả", "Huyện Vân Đồn", "Hải Phòng"} {
		if strings.Contains(markup, hidden) {
			t.Errorf("%s is rendered while searching", hidden)
		}
	}

	// A match keeps its children, closed.
	tree.tree.OpenBranch("HL")
	if got := tree.Shown(); !slices.Contains(got, "HL1") {
		t.Errorf("opening the match HL shows %v, want its child HL1", got)
	}

	tree.search.SetText("")
	if got := tree.Shown(); !slices.Contains(got, "HP") || !slices.Contains(got, "CP1") {
		t.Errorf("after clearing the search shown = %v, want all roots and the selected node", got)
	}
}

func TestAreaTree_SearchNothing(t *testing.T) {
	tree, _ := newTestTree(t)
	test.Type(tree.search, "xyz")
	if got := tree.Shown(); len(got) != 0 {
		t.Errorf("searching %q shows %v, want nothing", "xyz", got)
	}
}

func TestAreaTree_Select(t *testing.T) {
	tree, _ := newTestTree(t)
	var got []string
	tree.OnSelected = func(id string) { got = append(got, id) }

	test.Type(tree.search, "van don")
	tree.Select("HL1") // hidden by the search: the search is cleared
	if tree.search.Text != "" {
		t.Errorf("search = %q after selecting a hidden node, want it cleared", tree.search.Text)
	}
	if !slices.Equal(got, []string{"HL1"}) || tree.Selected() != "HL1" {
		t.Errorf("OnSelected got %v, Selected() = %q; want [HL1], HL1", got, tree.Selected())
	}
	if !slices.Contains(tree.Shown(), "HL1") {
		t.Errorf("the selected node is not shown: %v", tree.Shown())
	}

	tree.Select("nope") // unknown: ignored
	if tree.Selected() != "HL1" {
		t.Errorf("Select(unknown) changed the selection to %q", tree.Selected())
	}
}

func TestAreaTree_OrphanIsRoot(t *testing.T) {
	test.NewTempApp(t)
	tree := NewAreaTree([]AreaNode{{ID: "A", Label: "A", ParentID: "gone"}, {ID: "B", Label: "B"}}, nil)
	if got := tree.Shown(); !slices.Equal(got, []string{"A", "B"}) {
		t.Errorf("roots = %v, want [A B]", got)
	}
}

func TestAreaTree_SetFilter(t *testing.T) {
	tree, _ := newTestTree(t)
	tree.SetFilter("cam pha")
	if tree.search.Text != "cam pha" {
		t.Errorf("search entry = %q, want the filter", tree.search.Text)
	}
	if got, want := tree.Shown(), []string{"QN", "CP"}; !slices.Equal(got, want) {
		t.Errorf("filter cam pha shows %v, want %v", got, want)
	}
}

// TestAreaTree_OtherNamesAndLevels finds a node by another of its names,
// and shows the looser matches only when there is no better one.
func TestAreaTree_OtherNamesAndLevels(t *testing.T) {
	test.NewTempApp(t)
	nodes := []AreaNode{
		{ID: "P", Label: "Tỉnh"},
		{ID: "BC", Label: "Xã Ba Chẽ", ParentID: "P", Also: []string{"Xã Đồn Đạc", "Xã Nam Sơn"}},
		{ID: "DD", Label: "Đồn Đạc cũ", ParentID: "P"},
		{ID: "TL", Label: "Xã Thanh Lâm", ParentID: "P"},
	}
	// Level 1 for a match of the whole query, 2 for one of its first
	// word only (a stand-in for a loose match).
	match := func(text, query string) int {
		switch l := foldContains(text, query); {
		case l > 0:
			return 1
		case foldContains(text, strings.Fields(query)[0]) > 0:
			return 2
		}
		return 0
	}
	tree := NewAreaTree(nodes, match)
	tree.SetFilter("nam son")
	if got, want := tree.Shown(), []string{"P", "BC"}; !slices.Equal(got, want) {
		t.Errorf("searching a former name shows %v, want %v", got, want)
	}
	tree.SetFilter("thanh xyz")
	if got, want := tree.Shown(), []string{"P", "TL"}; !slices.Equal(got, want) {
		t.Errorf("only a looser match: shows %v, want %v", got, want)
	}
	tree.SetFilter("don dac")
	if got, want := tree.Shown(), []string{"P", "BC", "DD"}; !slices.Equal(got, want) {
		t.Errorf("searching a name and a former name shows %v, want %v", got, want)
	}
}
