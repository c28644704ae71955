package exchange

import (
	"bytes"
	"strings"
	"testing"

	"chiso/data/number"
	"chiso/data/store"
)

func TestWriteWide(t *testing.T) {
	values := []store.Value{
		{Element: "HH", Area: "00004", Period: "2020", Value: "1234.5"},
		{Element: "HH", Area: "00004", Period: "2021", Value: "1300"},
		{Element: "HH", Area: "00012", Period: "2021", Value: "0.36"},
		{Element: "HH", Area: "00007", Period: "2020", Value: "8981"},
	}
	names := map[string]string{"00004": "Xã Đồn Đạc", "00012": "Xã Dương Huy", "00007": "Xã Ba Chẽ"}
	var buf bytes.Buffer
	if err := WriteWide(&buf, values, names, number.Vietnamese); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFarea,name,2020,2021\n" +
		"00007,Xã Ba Chẽ,8.981,\n" +
		"00012,Xã Dương Huy,,\"0,36\"\n" +
		"00004,Xã Đồn Đạc,\"1.234,5\",1.300\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if err := WriteWide(&buf, []store.Value{{Element: "H", Area: "A", Period: "2020", Category: "NEW", Value: "1"}}, nil, number.English); err == nil ||
		!strings.Contains(err.Error(), "categories") {
		t.Errorf("a disaggregated element: %v", err)
	}
}
