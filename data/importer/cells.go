package importer

// This file: reading a value cell for an element.

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/store"
)

// categoryError checks a category against an element, as the store does.
func categoryError(e *catalog.Element, cat string) error {
	if len(e.Categories) == 0 {
		if cat != "" {
			return msg.New(fmt.Sprintf("chỉ tiêu %s không phân tổ, không nhận phân tổ %q", e.Code, cat),
				fmt.Sprintf("element %s has no categories, got %q", e.Code, cat))
		}
		return nil
	}
	if slices.Contains(e.Categories, cat) {
		return nil
	}
	if cat == "" {
		return msg.New(fmt.Sprintf("chỉ tiêu %s cần phân tổ (%s)", e.Code, strings.Join(e.Categories, "/")),
			fmt.Sprintf("element %s needs a category (%s)", e.Code, strings.Join(e.Categories, "/")))
	}
	return msg.New(fmt.Sprintf("chỉ tiêu %s cần phân tổ %s, không phải %q", e.Code, strings.Join(e.Categories, "/"), cat),
		fmt.Sprintf("element %s needs a category among %s, got %q", e.Code, strings.Join(e.Categories, "/"), cat))
}

// parseCell reads a value cell for element e.
func parseCell(e *catalog.Element, col *Column, c cell) (string, Problem, error) {
	t := strings.TrimSpace(c.text)
	var v string
	switch c.kind {
	case numberCell, boolCell:
		var err error
		if v, err = excelNumber(t, c.percent); err != nil {
			return "", BadNumber, msg.New(fmt.Sprintf("%q không phải là số", t), fmt.Sprintf("%q is not a number", t))
		}
		if e.ValueType == catalog.YesNo && c.kind == numberCell && v != "0" && v != "1" {
			return "", BadValue, valueError(e, v, store.CheckValue(e, v))
		}
	case dateCell:
		d := t
		if tm, err := time.Parse("2006-01-02", t); err == nil {
			d = tm.Format("02/01/2006")
		}
		return "", BadCell, msg.New(fmt.Sprintf("ô chứa ngày %s, không phải số (hãy bỏ định dạng ngày của ô)", d),
			fmt.Sprintf("the cell holds the date %s, not a number (remove the date format)", d))
	case errorCell:
		return "", BadCell, msg.New(fmt.Sprintf("ô có lỗi %s của Excel", t), fmt.Sprintf("the cell holds the Excel error %s", t))
	case formulaCell:
		return "", BadCell, msg.New("ô có công thức chưa được tính: hãy mở tệp trong Excel và lưu lại",
			"the cell holds a formula that was never computed: open the file in Excel and save it again")
	default:
		st, known := col.Style.Style()
		var err error
		switch {
		case known || e.ValueType == catalog.YesNo:
			v, err = store.ParseValue(e, t, st)
			if err == nil {
				return v, 0, nil
			}
		default:
			if v, err = number.ParseAuto(t); err == nil {
				break
			}
		}
		var pe *number.ParseError
		if errors.As(err, &pe) {
			if pe.Reason == number.Ambiguous {
				return "", AmbiguousNumber, err
			}
			return "", BadNumber, err
		}
		if err != nil {
			if c, perr := number.Parse(t, st); perr == nil && known {
				t = c
			}
			return "", BadValue, valueError(e, t, err)
		}
	}
	if err := store.CheckValue(e, v); err != nil {
		return "", BadValue, valueError(e, v, err)
	}
	return v, 0, nil
}

func valueError(e *catalog.Element, v string, err error) error {
	return msg.Wrap(err, fmt.Sprintf("giá trị %s của %s", number.Format(v, -1, number.Vietnamese), e.Code),
		fmt.Sprintf("value %s of %s", number.Format(v, -1, number.English), e.Code))
}

// excelNumber turns a number as a workbook stores it ("1234.5",
// "1.2345E-5") into canonical form, with the 15 significant digits Excel
// shows, so that 0.1+0.2 stored as 0.30000000000000004 reads 0.3. A number
// shown as a percentage is multiplied by 100 on its digits: 0.9782 shown
// as 97.82% reads 97.82, as the typed "97,82%" does.
func excelNumber(raw string, percent bool) (string, error) {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || f != f || f > 1e300 || f < -1e300 {
		return "", fmt.Errorf("not a number: %q", raw)
	}
	s := strconv.FormatFloat(f, 'e', 14, 64) // -d.dddddddddddddde±dd
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, exp, _ := strings.Cut(s, "e")
	digits := strings.Replace(mant, ".", "", 1)
	e, _ := strconv.Atoi(exp)
	point := 1 + e
	if percent {
		point += 2
	}
	var intPart, frac string
	switch {
	case point <= 0:
		intPart, frac = "0", strings.Repeat("0", -point)+digits
	case point >= len(digits):
		intPart = digits + strings.Repeat("0", point-len(digits))
	default:
		intPart, frac = digits[:point], digits[point:]
	}
	intPart = strings.TrimLeft(intPart, "0")
	frac = strings.TrimRight(frac, "0")
	if intPart == "" {
		intPart = "0"
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out, nil
}
