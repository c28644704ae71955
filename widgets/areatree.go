package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// AreaNode is one node of an AreaTree. A node whose ParentID is empty, or
// names no node of the tree, is a root.
type AreaNode struct {
	ID       string
	Label    string
	ParentID string
	// Also lists other names the search finds the node by (the names of
	// the areas it was made of).
	Also []string
}

// MatchFunc tells how well a text (a node's label or one of its other
// names) matches the search query: 0 for not at all, else a level, 1
// being the best. The tree shows the nodes of the best level any node
// reaches (exact matches, and only when there are none, looser ones). The
// app passes an accent-insensitive match (vntext.Matcher).
type MatchFunc func(text, query string) int

// AreaTree is a searchable tree of areas: a search entry above a
// widget.Tree. While the search entry holds text the tree shows only the
// matching nodes, their ancestors (opened) and their descendants (closed).
type AreaTree struct {
	widget.BaseWidget

	// OnSelected is called with the ID of the node the user (or Select)
	// selects.
	OnSelected func(id string)

	search   *widget.Entry
	tree     *widget.Tree
	match    MatchFunc
	nodes    map[string]AreaNode
	children map[string][]string // parent ID ("" for the roots) → child IDs, in the order given

	query     string
	matches   map[string]bool // nodes matching query; nil when not filtering
	ancestors map[string]bool // nodes with a matching descendant
	selected  string
}

// NewAreaTree returns a tree of the nodes, children in the order in which
// they are given. match decides which labels a search finds; nil means a
// case-insensitive substring match.
func NewAreaTree(nodes []AreaNode, match MatchFunc) *AreaTree {
	if match == nil {
		match = func(text, query string) int {
			if strings.Contains(strings.ToLower(text), strings.ToLower(query)) {
				return 1
			}
			return 0
		}
	}
	t := &AreaTree{match: match, nodes: make(map[string]AreaNode, len(nodes)), children: map[string][]string{}}
	for _, n := range nodes {
		t.nodes[n.ID] = n
	}
	for _, n := range nodes {
		parent := n.ParentID
		if _, ok := t.nodes[parent]; !ok {
			parent = ""
		}
		t.children[parent] = append(t.children[parent], n.ID)
	}

	t.tree = widget.NewTree(t.childIDs, t.isBranch,
		func(bool) fyne.CanvasObject {
			l := widget.NewLabel("Template area name")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
			// The tree updates every node shown when one is selected: a label
			// set again to its own text would be shaped again for nothing.
			if l := o.(*widget.Label); l.Text != t.nodes[id].Label {
				l.SetText(t.nodes[id].Label)
			}
		})
	t.tree.OnSelected = func(id widget.TreeNodeID) {
		t.selected = id
		if t.OnSelected != nil {
			t.OnSelected(id)
		}
	}

	t.search = widget.NewEntry()
	t.search.SetPlaceHolder(lang.L("Search areas…"))
	t.search.OnChanged = t.filter
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (t *AreaTree) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(t.search, nil, nil, nil, t.tree))
}

// SetFilter puts query into the search entry: the tree then shows only the
// nodes whose labels match it, with their ancestors opened; an empty query
// shows the whole tree again.
func (t *AreaTree) SetFilter(query string) {
	if t.search.Text == query {
		t.filter(query)
		return
	}
	t.search.SetText(query) // calls filter
}

// filter applies the search query to the tree.
func (t *AreaTree) filter(query string) {
	query = strings.TrimSpace(query)
	if query == t.query {
		return
	}
	t.query = query
	t.tree.CloseAllBranches()
	if query == "" {
		t.matches, t.ancestors = nil, nil
		if t.selected != "" {
			t.openAncestors(t.selected)
			t.tree.ScrollTo(t.selected)
		}
		t.tree.Refresh()
		return
	}

	t.matches, t.ancestors = map[string]bool{}, map[string]bool{}
	best := 0
	level := map[string]int{}
	for id, n := range t.nodes {
		l := t.match(n.Label, query)
		for _, also := range n.Also {
			if m := t.match(also, query); m > 0 && (l == 0 || m < l) {
				l = m
			}
		}
		if l > 0 {
			level[id] = l
			if best == 0 || l < best {
				best = l
			}
		}
	}
	for id, l := range level {
		if l != best {
			continue
		}
		t.matches[id] = true
		for p := t.parentOf(id); p != "" && !t.ancestors[p]; p = t.parentOf(p) {
			t.ancestors[p] = true
		}
	}
	for id := range t.ancestors {
		t.tree.OpenBranch(id)
	}
	t.tree.Refresh()
	t.tree.ScrollToTop()
}

// Select selects the node with the id, opening its ancestors and scrolling
// to it; it clears a search that hides the node. OnSelected is called.
func (t *AreaTree) Select(id string) {
	if _, ok := t.nodes[id]; !ok {
		return
	}
	if !t.shown(id) {
		t.search.SetText("") // calls filter("")
	}
	t.openAncestors(id)
	t.tree.Select(id)
	t.tree.ScrollTo(id)
}

// OpenBranch shows the children of the node with the id.
func (t *AreaTree) OpenBranch(id string) { t.tree.OpenBranch(id) }

// Selected returns the ID of the selected node, "" if none.
func (t *AreaTree) Selected() string { return t.selected }

// Shown returns the IDs of the nodes that can be seen now: the children
// of the roots and of every opened branch, in display order.
func (t *AreaTree) Shown() []string {
	var out []string
	var walk func(id string)
	walk = func(id string) {
		for _, c := range t.childIDs(id) {
			out = append(out, c)
			if t.tree.IsBranchOpen(c) {
				walk(c)
			}
		}
	}
	walk("")
	return out
}

func (t *AreaTree) parentOf(id string) string {
	p := t.nodes[id].ParentID
	if _, ok := t.nodes[p]; !ok {
		return ""
	}
	return p
}

func (t *AreaTree) openAncestors(id string) {
	for p := t.parentOf(id); p != ""; p = t.parentOf(p) {
		t.tree.OpenBranch(p)
	}
}

// shown reports whether the node is listed under the current filter: it is
// a match, an ancestor of one, or a descendant of one.
func (t *AreaTree) shown(id string) bool {
	if t.matches == nil || t.ancestors[id] {
		return true
	}
	for n := id; n != ""; n = t.parentOf(n) {
		if t.matches[n] {
			return true
		}
	}
	return false
}

func (t *AreaTree) childIDs(id widget.TreeNodeID) []widget.TreeNodeID {
	all := t.children[id]
	if t.matches == nil || (id != "" && !t.ancestors[id]) || t.matches[id] {
		// no filter, or id is a match or below one: all its children
		return all
	}
	var out []string
	for _, c := range all {
		if t.matches[c] || t.ancestors[c] {
			out = append(out, c)
		}
	}
	return out
}

func (t *AreaTree) isBranch(id widget.TreeNodeID) bool {
	return len(t.childIDs(id)) > 0
}
