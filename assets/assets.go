// Package assets bundles the files Chỉ Số ships inside its binary: the
// default catalog, the demo data, the translations and the icon. It holds
// plain files only (no Fyne), so the data packages can read them too.
package assets

import "embed"

// FS holds catalog/default.json, demo/areas.json, demo/values.csv,
// translations/*.json and icon.png.
//
//go:embed catalog/default.json demo/areas.json demo/values.csv translations/*.json icon.png
var FS embed.FS
