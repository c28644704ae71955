// Package widgets holds the reusable Fyne widgets of Chỉ Số. They take plain
// values (strings, small structs) and know nothing of the data packages, so
// each can be built and tested on its own.
package widgets
