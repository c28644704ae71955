package number

import (
	"math"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, tt := range goodTests {
		f.Add(tt.in, tt.st == English)
	}
	for _, tt := range badTests {
		f.Add(tt.in, tt.st == English)
	}
	f.Fuzz(func(t *testing.T, in string, english bool) {
		st := Vietnamese
		if english {
			st = English
		}
		c, err := Parse(in, st)
		if err != nil {
			if c != "" {
				t.Fatalf("Parse(%q, %v) = %q with error %v", in, st, c, err)
			}
			if pe, ok := err.(*ParseError); !ok || pe.Input != in || pe.Message("vi") == "" {
				t.Fatalf("Parse(%q, %v): bad error %#v", in, st, err)
			}
			return
		}
		if again, err := Parse(c, English); err != nil || again != c {
			t.Fatalf("Parse(%q, %v) = %q, which re-parses in English as %q, %v", in, st, c, again, err)
		}
		out := Format(c, -1, st)
		if again, err := Parse(out, st); err != nil || again != c {
			t.Fatalf("Parse(%q, %v) = %q, formatted as %q, which re-parses as %q, %v", in, st, c, out, again, err)
		}
		if x := Float(c); math.IsNaN(x) || math.IsInf(x, 0) {
			t.Fatalf("Float(%q) = %v", c, x)
		}
		if a, err := ParseAuto(in); err == nil && a != c {
			t.Fatalf("ParseAuto(%q) = %q but Parse(%q, %v) = %q", in, a, in, st, c)
		}
	})
}
