package catalog

import (
	"strings"
	"time"
)

// InForce reports whether the legal basis is in force on day.
func (b LegalBasis) InForce(day time.Time) bool {
	d := day.Format(time.DateOnly)
	return (b.ValidFrom == "" || b.ValidFrom <= d) && (b.ValidTo == "" || d <= b.ValidTo)
}

// Dates says when the legal basis was issued and when it is in force, in
// lang ("vi" or "en"), dates written dd/mm/yyyy: "ban hành 23/11/2015;
// hiệu lực từ 01/07/2016", "hiệu lực 05/02/2017 – 14/04/2023".
func (b LegalBasis) Dates(lang string) string {
	vi := lang != "en"
	var parts []string
	if b.Issued != "" {
		parts = append(parts, pick(vi, "ban hành ", "issued ")+dmy(b.Issued))
	}
	switch {
	case b.ValidFrom != "" && b.ValidTo != "":
		parts = append(parts, pick(vi, "hiệu lực ", "in force ")+dmy(b.ValidFrom)+" – "+dmy(b.ValidTo))
	case b.ValidFrom != "":
		parts = append(parts, pick(vi, "hiệu lực từ ", "in force from ")+dmy(b.ValidFrom))
	case b.ValidTo != "":
		parts = append(parts, pick(vi, "hiệu lực đến ", "in force until ")+dmy(b.ValidTo))
	}
	return strings.Join(parts, "; ")
}

// ReplacedBy returns the legal bases of c that replace the one with code.
func (c *Catalog) ReplacedBy(code string) []LegalBasis {
	var out []LegalBasis
	for _, b := range c.LegalBases {
		for _, r := range b.Replaces {
			if r == code {
				out = append(out, b)
			}
		}
	}
	return out
}

// dmy writes a date yyyy-mm-dd as dd/mm/yyyy (other text as it is).
func dmy(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("02/01/2006")
}

func pick(vi bool, v, e string) string {
	if vi {
		return v
	}
	return e
}
