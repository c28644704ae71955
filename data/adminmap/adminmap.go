// Package adminmap reads the official list of Vietnam's administrative
// units that Chỉ Số ships in assets/admin: the 34 provinces and 3,321
// communes, wards and special zones in force since the reform of 1 July
// 2025 with the codes of the statistics office (Quyết định 19/2025/QĐ-TTg),
// the provinces, districts and communes before the reform back to 2011 with
// their dates, and the units that took over each one that ended. The
// sources and checksums are in assets/admin/PROVENANCE.md.
//
// # Codes
//
// Official codes are reused across the reform: a commune formed on 1 July
// 2025 takes the five-digit code of one of the communes it replaced (Phường
// Ba Đình is 00004, the code of the former Phường Trúc Bạch), and a new
// province the two-digit code of one of the provinces it joined (Gia Lai is
// 52, the code of the former Bình Định). So that no code names two units,
// the catalog keeps the official code as it is for the units in force since
// the reform, which are what users type, enter and exchange today, and puts
// a letter before the code of a unit of the three-level system before it:
// T for a province (tỉnh, T52 is Bình Định), H for a district (huyện,
// H193 is Thành phố Hạ Long) and X for a commune (xã, X00004 is Phường Trúc
// Bạch). The levels have codes of different lengths (2, 3 and 5 digits), so
// the letter is needed only across the reform; it is given to every older
// unit so that a code tells its era at a glance. The root is VN.
//
// Before the reform the statistics office gave a code to another unit five
// times (Phường Cầu Đất took 11344 of Phường Lương Khánh Thiện, which it had
// absorbed): the earlier unit is then CODE_YEAR, with the year it ended
// (X11344_2020).
package adminmap

import (
	"strings"

	"chiso/data/catalog"
)

// Levels of the area hierarchy, as in the default catalog.
const (
	LevelNation   = 1
	LevelProvince = 2
	LevelDistrict = 3 // until 30/06/2025
	LevelCommune  = 4
)

// Nation is the code of the root area.
const Nation = "VN"

// Reform is the first day of the two-level local government, when the
// units of the list in force today began.
const Reform = "2025-07-01"

// LastDayBefore is the last day of the units before the reform.
const LastDayBefore = "2025-06-30"

// prefix is the letter of each level before the reform.
var prefix = map[int]string{LevelProvince: "T", LevelDistrict: "H", LevelCommune: "X"}

// Code returns the catalog code of the unit with the official code of a
// level: the code itself for a unit in force since the reform, the level's
// letter and the code for a unit before it.
func Code(level int, official string, before bool) string {
	if !before {
		return official
	}
	return prefix[level] + official
}

// Official returns the official code within a catalog code of the list
// and whether it names a unit before the reform.
func Official(code string) (official string, before bool) {
	if code != "" && strings.ContainsRune("THX", rune(code[0])) {
		official, _, _ = strings.Cut(code[1:], "_")
		return official, true
	}
	return code, false
}

// Unit is an area of the list with what the catalog does not hold.
type Unit struct {
	catalog.Area
	// Official is the code of the statistics office.
	Official string
	// Type is the kind of unit at the end of its validity: Tỉnh, Thành phố
	// Trung ương; Quận, Huyện, Thị xã, Thành phố; Xã, Phường, Thị trấn,
	// Đặc khu.
	Type string
}

// Rename is a change of name or type of a unit in force since the reform
// (a commune that became a ward, a province that became a city).
type Rename struct {
	Code string
	// Date is the day the change took effect; empty where the sources do
	// not give it.
	Date       string
	Resolution string
	OldType    string
	OldName    string
	NewType    string
	NewName    string
}

// List is the official list: every unit of every era, the nation first and
// parents before their children, and the renames since the reform. A Unit's
// name and type are the latest; Renames gives the earlier ones.
type List struct {
	Units   []Unit
	Renames []Rename
	index   map[string]int // catalog code → index in Units
}

// typeWords are the words that begin the names of units, longest first.
var typeWords = []string{"Thành phố ", "Thị trấn ", "Thị xã ", "Đặc khu ", "Phường ", "Huyện ", "Quận ", "Tỉnh ", "Xã "}

// BareName returns a unit's name without the word of its type: "Quảng
// Ninh" for Thành phố Quảng Ninh, "Ba Chẽ" for Xã Ba Chẽ. Lists sort by it,
// as people look for a place by its name.
func BareName(name string) string {
	for _, w := range typeWords {
		if rest, ok := strings.CutPrefix(name, w); ok && rest != "" {
			return rest
		}
	}
	return name
}

// Areas returns the units as catalog areas.
func (l *List) Areas() []catalog.Area {
	out := make([]catalog.Area, len(l.Units))
	for i, u := range l.Units {
		out[i] = u.Area
	}
	return out
}
