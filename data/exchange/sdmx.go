// This file: SDMX-CSV 2.0 (SDMX 3.0) export, for statistical offices'
// systems such as .Stat Suite, with its data structure in SDMX-ML 3.0.
// Export only.
//
// The data flow is VN_CHISO:DF_KTXH(1.0.0) unless the options say
// otherwise, on the data structure VN_CHISO:DSD_KTXH(1.0.0), whose
// dimensions are FREQ (A annual, S half-yearly, Q quarterly, M monthly, _Z
// for a range of years or nine months), REF_AREA (area code), INDICATOR (element code), CATEGORY
// (category option code, "_Z", SDMX's "not applicable", for none) and
// TIME_PERIOD (last, as SDMX has it); its measure OBS_VALUE (canonical
// decimal with "." decimals, the same text as stored) and its attributes
// OBS_STATUS (SDMX's code list CL_OBS_STATUS: A for an official figure, E
// for an estimate) and COMMENT. WriteSDMXStructure writes that structure
// with its codelists, so that a system can load the data. The columns:
//
//	STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,CATEGORY,TIME_PERIOD,OBS_VALUE,OBS_STATUS,COMMENT
//
// Periods are written in SDMX's reporting-period forms: 2024 stays 2024,
// 2024Q1 becomes 2024-Q1, 202401 becomes 2024-01, 2024S1 2024-S1, and
// the nine months 2024C9 and a range of years 2021-2025 the time ranges
// 2024-01-01/P9M and 2021-01-01/P5Y. A deleted value is a row with
// ACTION D and OBS_VALUE "-". The file is UTF-8 with a byte order mark and
// CRLF line ends, so that Excel opens it as it is. The MIME type is
// application/vnd.sdmx.data+csv; version=2.0.0.

package exchange

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"

	"chiso/data/msg"
	"chiso/data/period"
	"chiso/data/store"
)

// The agency, id and version of the data flow that the SDMX-CSV export
// names by default: VN_CHISO:DF_KTXH(1.0.0).
const (
	SDMXAgency  = "VN_CHISO"
	SDMXFlow    = "DF_KTXH"
	SDMXVersion = "1.0.0"
)

// SDMXColumns are the columns of the SDMX-CSV export, in order.
var SDMXColumns = []string{"STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ", "REF_AREA", "INDICATOR", "CATEGORY", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "COMMENT"}

// SDMXStatus returns the OBS_STATUS of a value's status: A (normal value)
// for an official figure, E (estimated value) for an estimate.
func SDMXStatus(st store.Status) string {
	if st == store.Estimate {
		return "E"
	}
	return "A"
}

// SDMXNone is the CATEGORY of a value without category: SDMX's code for
// "not applicable".
const SDMXNone = "_Z"

// SDMXOptions are the optional parts of an SDMX-CSV export; empty fields
// take the defaults.
type SDMXOptions struct {
	Agency, Flow, Version string // the data flow: SDMXAgency, SDMXFlow, SDMXVersion
	// Action is the ACTION of the rows of current values: I (information,
	// the default), A (append) or R (replace). Deleted values are D.
	Action string
}

// StructureID returns the data flow as STRUCTURE_ID writes it,
// AGENCY:ID(VERSION), with the defaults filled in.
func (o SDMXOptions) StructureID() string {
	or := func(s, d string) string {
		if s == "" {
			return d
		}
		return s
	}
	return fmt.Sprintf("%s:%s(%s)", or(o.Agency, SDMXAgency), or(o.Flow, SDMXFlow), or(o.Version, SDMXVersion))
}

// SDMXPeriod returns period code p in SDMX's form: 2024, 2024-Q1, 2024-01,
// 2024-S1, 2024-01-01/P9M for the nine months 2024C9, or 2021-01-01/P5Y for
// the range 2021-2025.
func SDMXPeriod(p string) (string, error) {
	tp, _, err := sdmxPeriod(p)
	return tp, err
}

// sdmxPeriod returns period code p in SDMX's form and its FREQ.
func sdmxPeriod(p string) (string, string, error) {
	per, err := period.Parse(p)
	if err != nil {
		return "", "", msg.New(fmt.Sprintf("kỳ %q không hợp lệ", p), err.Error())
	}
	switch per.Type {
	case period.Quarter:
		return fmt.Sprintf("%04d-Q%d", per.Year, per.Index), "Q", nil
	case period.Month:
		return fmt.Sprintf("%04d-%02d", per.Year, per.Index), "M", nil
	case period.Range:
		return fmt.Sprintf("%04d-01-01/P%dY", per.Year, per.Index-per.Year+1), SDMXNone, nil
	case period.HalfYear:
		return fmt.Sprintf("%04d-S%d", per.Year, per.Index), "S", nil
	case period.NineMonths:
		return fmt.Sprintf("%04d-01-01/P9M", per.Year), SDMXNone, nil
	}
	return fmt.Sprintf("%04d", per.Year), "A", nil
}

// WriteSDMXCSV writes values as SDMX-CSV 2.0, comma-separated, UTF-8 with
// a byte order mark and CRLF line ends, one observation a row, streamed.
func WriteSDMXCSV(w io.Writer, values func(func(store.Value) error) error, o SDMXOptions) error {
	action := o.Action
	switch action {
	case "":
		action = "I"
	case "I", "A", "R":
	default:
		return msg.New(fmt.Sprintf("ACTION %q không hợp lệ (I, A hoặc R)", action), fmt.Sprintf("ACTION %q: want I, A or R", action))
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.Write(bom)
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(SDMXColumns); err != nil {
		return err
	}
	id := o.StructureID()
	type sdmxTime struct{ period, freq string }
	periods := map[string]sdmxTime{}
	rec := make([]string, len(SDMXColumns))
	err := values(func(v store.Value) error {
		tp, ok := periods[v.Period]
		if !ok {
			var err error
			if tp.period, tp.freq, err = sdmxPeriod(v.Period); err != nil {
				return msg.Wrap(err, fmt.Sprintf("giá trị %s, %s", v.Element, v.Area), fmt.Sprintf("value %s, %s", v.Element, v.Area))
			}
			periods[v.Period] = tp
		}
		cat := v.Category
		if cat == "" {
			cat = SDMXNone
		}
		act, val, status, comment := action, v.Value, SDMXStatus(v.Status), v.Comment
		if val == "" {
			act, val, status, comment = "D", "-", "", ""
		}
		rec[0], rec[1], rec[2], rec[3], rec[4] = "dataflow", id, act, tp.freq, v.Area
		rec[5], rec[6], rec[7], rec[8], rec[9], rec[10] = v.Element, cat, tp.period, val, status, comment
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
