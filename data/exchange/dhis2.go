// This file: DHIS2 data value sets ("dataValueSets"), JSON and CSV, with
// codes as identifiers (DHIS2's idScheme CODE, which the JSON states). The
// mapping:
//
//	Chỉ Số                      DHIS2
//	element code                dataElement
//	area code                   orgUnit
//	period 2024, 2024Q1, 202401 period (DHIS2's yearly, quarterly and monthly
//	                            ISO periods are the same strings; a range such
//	                            as 2021-2025 has no DHIS2 period type: refused)
//	category option code        categoryOptionCombo; no category ("") is
//	                            DHIS2's default combo, written DHIS2DefaultCombo
//	                            ("default"); on import "", "default" and the
//	                            default combo's uid HllvX50cXC0 all mean none
//	(no attribute dimension)    attributeOptionCombo: not written (DHIS2 then
//	                            uses its default); on import only the default
//	                            combo is accepted, anything else is refused
//	value (canonical decimal)   value: digits with "." decimals, no grouping;
//	                            yes/no as "true"/"false" when the catalog is
//	                            given (Chỉ Số's "1"/"0" otherwise); on import
//	                            true/false and 1/0 are both read
//	comment, follow-up flag     comment, followUp (CSV: followup)
//	author, time of the change  storedBy, lastUpdated (export only: an import
//	                            is stamped with the importing user and time)
//	a deleted value ("")        deleted: true
//
// The CSV's columns are named as DHIS2 2.43 writes and reads them
// (DHIS2CSVColumns); the older catoptcombo, attroptcombo are read too.
// Import is stricter than DHIS2, which takes the last of two rows for the
// same key and lets a top-level period or orgUnit silently override the
// values' own: here both are errors naming the records involved, as is a
// value of an area outside its dates (which no figure would count).

package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/period"
	"chiso/data/store"
)

// DHIS2DefaultCombo is the categoryOptionCombo written for a value without
// category: the code of DHIS2's default category option combo.
const DHIS2DefaultCombo = "default"

// dhis2DefaultUID is the uid DHIS2 gives its default category option
// combo; files exported with idScheme=uid carry it.
const dhis2DefaultUID = "HllvX50cXC0"

// DHIS2Options are the optional parts of a DHIS2 export.
type DHIS2Options struct {
	// DataSet is the code of the DHIS2 data set, written as the top-level
	// "dataSet" of the JSON; "" leaves it out. The CSV has no place for it.
	DataSet string
	// CompleteDate (yyyy-mm-dd), when set, is written as the top-level
	// "completeDate" of the JSON, which makes DHIS2 mark the data set
	// complete. The CSV has no place for it.
	CompleteDate string
	// Catalog, when set, tells which elements are yes/no: their values are
	// written "true"/"false", as DHIS2 stores booleans.
	Catalog *catalog.Catalog
}

// dhis2Value is one data value as DHIS2's JSON writes it.
type dhis2Value struct {
	DataElement          string `json:"dataElement"`
	Period               string `json:"period"`
	OrgUnit              string `json:"orgUnit"`
	CategoryOptionCombo  string `json:"categoryOptionCombo"`
	AttributeOptionCombo string `json:"attributeOptionCombo,omitempty"`
	Value                string `json:"value,omitempty"`
	Comment              string `json:"comment,omitempty"`
	StoredBy             string `json:"storedBy,omitempty"`
	LastUpdated          string `json:"lastUpdated,omitempty"`
	FollowUp             bool   `json:"followUp"`
	Deleted              bool   `json:"deleted,omitempty"`
}

// dhis2Exporter turns stored values into DHIS2 data values.
type dhis2Exporter struct {
	yesno   map[string]bool
	periods map[string]error // periods checked, with the error of those refused
}

func newDHIS2Exporter(o DHIS2Options) *dhis2Exporter {
	x := &dhis2Exporter{yesno: map[string]bool{}, periods: map[string]error{}}
	if o.Catalog != nil {
		for _, e := range o.Catalog.Elements {
			if e.ValueType == catalog.YesNo {
				x.yesno[e.Code] = true
			}
		}
	}
	return x
}

func (x *dhis2Exporter) value(v store.Value) (dhis2Value, error) {
	err, seen := x.periods[v.Period]
	if !seen {
		p, perr := period.Parse(v.Period)
		switch {
		case perr != nil:
			err = msg.New(fmt.Sprintf("kỳ %q không hợp lệ", v.Period), perr.Error())
		case !p.DHIS2() || p.String() != v.Period:
			err = msg.New(fmt.Sprintf("DHIS2 không có loại kỳ cho %s (chỉ năm 2024, quý 2024Q1, tháng 202401, 6 tháng 2024S1)", v.Period),
				fmt.Sprintf("DHIS2 has no period type for %s (only years 2024, quarters 2024Q1, months 202401, half-years 2024S1)", v.Period))
		}
		x.periods[v.Period] = err
	}
	if err != nil {
		return dhis2Value{}, msg.Wrap(err, fmt.Sprintf("giá trị %s, %s, %s", v.Element, v.Area, v.Period),
			fmt.Sprintf("value %s, %s, %s", v.Element, v.Area, v.Period))
	}
	d := dhis2Value{
		DataElement:         v.Element,
		Period:              v.Period,
		OrgUnit:             v.Area,
		CategoryOptionCombo: v.Category,
		Value:               v.Value,
		Comment:             v.Comment,
		StoredBy:            v.Author,
		LastUpdated:         v.ChangedAt,
		FollowUp:            v.FollowUp,
		Deleted:             v.Value == "",
	}
	if d.CategoryOptionCombo == "" {
		d.CategoryOptionCombo = DHIS2DefaultCombo
	}
	if x.yesno[v.Element] {
		switch v.Value {
		case "1":
			d.Value = "true"
		case "0":
			d.Value = "false"
		}
	}
	return d, nil
}

// WriteDHIS2JSON writes values as a DHIS2 data value set in JSON, for
// POST /api/dataValueSets: the set says its identifiers are codes
// (idScheme, dataElementIdScheme and orgUnitIdScheme CODE), which DHIS2
// reads from the file itself. The values are streamed, one a line, never
// held together. A deleted value (Value "") is written with "deleted":
// true.
func WriteDHIS2JSON(w io.Writer, values func(func(store.Value) error) error, o DHIS2Options) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	buf.WriteByte('{')
	for _, kv := range [][2]string{{"idScheme", "CODE"}, {"dataElementIdScheme", "CODE"}, {"orgUnitIdScheme", "CODE"},
		{"dataSet", o.DataSet}, {"completeDate", o.CompleteDate}} {
		if kv[1] != "" {
			enc.Encode(kv[0])
			buf.Truncate(buf.Len() - 1)
			buf.WriteByte(':')
			enc.Encode(kv[1])
			buf.Truncate(buf.Len() - 1)
			buf.WriteByte(',')
		}
	}
	buf.WriteString(`"dataValues":[`)
	if _, err := bw.Write(buf.Bytes()); err != nil {
		return err
	}
	x := newDHIS2Exporter(o)
	n := 0
	err := values(func(v store.Value) error {
		d, err := x.value(v)
		if err != nil {
			return err
		}
		buf.Reset()
		if n > 0 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
		if err := enc.Encode(d); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1)
		n++
		_, err = bw.Write(buf.Bytes())
		return err
	})
	if err != nil {
		return err
	}
	if _, err := bw.WriteString("\n]}\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteDHIS2CSV writes values as a DHIS2 data value CSV: the header row of
// DHIS2CSVColumns, which DHIS2 2.43 reads by name, then one value a row,
// UTF-8 without byte order mark, attributeoptioncombo empty (DHIS2's
// default), deleted true for a deleted value.
func WriteDHIS2CSV(w io.Writer, values func(func(store.Value) error) error, o DHIS2Options) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(DHIS2CSVColumns); err != nil {
		return err
	}
	x := newDHIS2Exporter(o)
	rec := make([]string, len(DHIS2CSVColumns))
	err := values(func(v store.Value) error {
		d, err := x.value(v)
		if err != nil {
			return err
		}
		rec[0], rec[1], rec[2], rec[3], rec[4] = d.DataElement, d.Period, d.OrgUnit, d.CategoryOptionCombo, d.AttributeOptionCombo
		rec[5], rec[6], rec[7], rec[8], rec[9] = d.Value, d.StoredBy, d.LastUpdated, d.Comment, strconv.FormatBool(d.FollowUp)
		rec[10] = strconv.FormatBool(d.Deleted)
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
