package catalog

import (
	"fmt"
	"slices"
	"time"
)

// validateOfficial checks what the official lists add: legal bases with
// valid dates and references, time aggregations, publication periods,
// form deadlines and form layouts. Validate calls it after the codes are
// claimed.
func (c *Catalog) validateOfficial(seen map[string]string) error {
	bases := map[string]bool{}
	for _, b := range c.LegalBases {
		if b.Code == "" || b.Number == "" {
			return fmt.Errorf("catalog: a legal basis has no code or number (%q %q)", b.Code, b.Number)
		}
		if bases[b.Code] {
			return fmt.Errorf("catalog: legal basis code %q is used twice", b.Code)
		}
		bases[b.Code] = true
		if err := checkDates("legal basis "+b.Code, b.ValidFrom, b.ValidTo); err != nil {
			return err
		}
		if err := checkDates("legal basis "+b.Code, b.Issued, ""); err != nil {
			return err
		}
	}
	for _, b := range c.LegalBases {
		for _, r := range b.Replaces {
			if !bases[r] {
				return fmt.Errorf("catalog: legal basis %s replaces unknown %q", b.Code, r)
			}
		}
	}
	official := func(what string, o Official) error {
		if o.Publication != "" && !slices.Contains(Periodicities, o.Publication) {
			return fmt.Errorf("catalog: %s: unknown publication period %q", what, o.Publication)
		}
		for _, b := range o.Bases {
			if !bases[b] {
				return fmt.Errorf("catalog: %s: unknown legal basis %q", what, b)
			}
		}
		return nil
	}
	for _, e := range c.Elements {
		if err := e.validateTime(); err != nil {
			return err
		}
		if err := official("element "+e.Code, e.Official); err != nil {
			return err
		}
	}
	for _, in := range c.Indicators {
		if err := official("indicator "+in.Code, in.Official); err != nil {
			return err
		}
	}
	for _, d := range c.DataSets {
		what := "data set " + d.Code
		if err := official(what, d.Official); err != nil {
			return err
		}
		if err := checkDates(what, d.ValidFrom, d.ValidTo); err != nil {
			return err
		}
		if d.DueDays < 0 || (d.DueDays > 0 && d.DueDate != "") {
			return fmt.Errorf("catalog: %s: give a deadline either in days after the period (due_days ≥ 0) or as a date, not both", what)
		}
		if d.DueDate != "" {
			if _, err := time.Parse("01-02", d.DueDate); err != nil {
				return fmt.Errorf("catalog: %s: due date %q is not mm-dd", what, d.DueDate)
			}
		}
	}
	return c.validateLayouts(seen)
}

// checkDates checks that from and to are empty or yyyy-mm-dd, from not
// after to.
func checkDates(what, from, to string) error {
	for _, d := range []string{from, to} {
		if d == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return fmt.Errorf("catalog: %s: date %q is not yyyy-mm-dd", what, d)
		}
	}
	if from != "" && to != "" && from > to {
		return fmt.Errorf("catalog: %s: valid from %s is after valid to %s", what, from, to)
	}
	return nil
}
