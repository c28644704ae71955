// Package assets bundles the files Chỉ Số ships inside its binary: the
// default catalog, the demo data, the translations, the icon and the
// report fonts. It holds plain files only (no Fyne), so the data packages
// can read them too.
package assets

import "embed"

// FS holds catalog/default.json, the official part of the default catalog
// (catalog/official/*.json, with its provenance), demo/areas.json, demo/values.csv,
// translations/*.json, icon.png, fonts/: DejaVu Serif regular, bold and
// italic (*.ttf, for the PDF report) with their license, and admin/: the
// official list of administrative units (*.csv, read by data/adminmap) with
// its PROVENANCE.md.
//
//go:embed catalog/default.json catalog/official/*.json demo/areas.json demo/values.csv translations/*.json icon.png fonts/*.ttf fonts/LICENSE-DejaVu.txt admin/*.csv admin/PROVENANCE.md
var FS embed.FS
