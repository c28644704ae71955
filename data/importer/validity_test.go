package importer

import (
	"errors"
	"strings"
	"testing"

	"chiso/data/exchange"
	"chiso/data/msg"
	"chiso/data/number"
)

// outsideCSV holds values of areas outside their dates: Hoành Bồ after it
// merged into Hạ Long, a district after the districts were abolished, a
// commune before it was created; and one good value.
const outsideCSV = "element,area,period,value\n" +
	"POP,QN_HOANHBO,2021,5000\n" +
	"POP,QN_HALONG,2026,7\n" +
	"POP,QN_BACHE_03,2019,100\n" +
	"POP,QN_BACHE_03,2023,2500\n"

func TestAreaOutsideItsDates(t *testing.T) {
	st := demoStore(t)
	p := preview(t, st, writeFile(t, "ngoai.csv", outsideCSV), "")
	sum, err := DryRun(ctx, st, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rejected != 3 || sum.Values != 1 || sum.Movable != 1 {
		t.Fatalf("%+v\n%s", sum, rejectionsText(sum, "vi"))
	}
	text := rejectionsText(sum, "vi")
	contains(t, text, "dòng 2", "Huyện Hoành Bồ (QN_HOANHBO) không còn trong kỳ Năm 2021", "địa bàn kế tiếp Thành phố Hạ Long (QN_HALONG)",
		"dòng 3", "Thành phố Hạ Long (QN_HALONG) không còn trong kỳ Năm 2026",
		"dòng 4", "Xã Đồn Đạc (QN_BACHE_03) chưa có trong kỳ Năm 2019")
	if sum.Rejections[0].Kind != OutsideArea || sum.Rejections[0].Successor != "QN_HALONG" || sum.Rejections[1].Successor != "" {
		t.Errorf("rejections %+v", sum.Rejections)
	}

	// Recording them on the successor fixes the one that has one.
	p.Successors = true
	sum, err = DryRun(ctx, st, p, nil)
	if err != nil || sum.Rejected != 2 || sum.Moved != 1 || sum.Values != 2 {
		t.Fatalf("%+v %v", sum, err)
	}
	p = preview(t, st, writeFile(t, "hoanh-bo.csv", "element,area,period,value\nPOP,QN_HOANHBO,2021,5000\n"), "")
	p.Successors = true
	if sum, err = Apply(ctx, st, p, nil); err != nil || sum.Moved != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	if v, _ := valueOf(t, st, "POP", "QN_HALONG", "2021", ""); v != "5000" {
		t.Errorf("Hạ Long 2021: %q", v)
	}
	if v, _ := valueOf(t, st, "POP", "QN_HOANHBO", "2021", ""); v != "" {
		t.Errorf("Hoành Bồ 2021 was stored: %q", v)
	}
}

// TestStreamsListEveryRejection: a stream of changes (a long CSV read by
// exchange.ReadLong) is checked whole, so every faulty value is listed,
// by the dry run and by an import that refuses it; areas outside their
// dates are refused there too.
func TestStreamsListEveryRejection(t *testing.T) {
	st := demoStore(t)
	cat := catalogOf(t, st)
	text := "element,area,period,category,value,comment\n" +
		"POP,QN_HOANHBO,2021,,5000,\n" +
		"POP,QN_HALONG,2026,,7,\n" +
		"POP,QN_BACHE_03,2019,,100,\n" +
		"POP,QN_BACHE_03,2023,,2500,\n" +
		"POP,QN_NOPE,2023,,1,\n" +
		"POP,QN_BACHE_02,2023,,1x,\n"
	read := func() ChangeStream {
		pos := &exchange.Position{}
		return ChangeStream{Name: "x.csv", Changes: exchange.ReadLongAt(strings.NewReader(text), "x.csv", cat, number.English, pos),
			Where: func(lang string) string { return pos.Where(lang) }}
	}
	sum, err := DryRunChanges(ctx, st, read(), ChangeOptions{})
	if err != nil {
		t.Fatal(msg.Text(err, "en"))
	}
	if sum.Rejected != 5 || sum.Movable != 1 {
		t.Fatalf("%+v\n%s", sum, rejectionsText(sum, "vi"))
	}
	contains(t, rejectionsText(sum, "vi"), "dòng 2: địa bàn Huyện Hoành Bồ", "dòng 6: không có địa bàn mã QN_NOPE", "dòng 7, cột value", "1x")
	before := allValues(t, st)
	sum, err = ApplyChanges(ctx, st, read(), ChangeOptions{Successors: true})
	if !errors.Is(err, ErrRejected) || sum.Rejected != 4 || sum.Moved != 1 {
		t.Fatalf("%+v %v\n%s", sum, err, rejectionsText(sum, "vi"))
	}
	mustBeUnchanged(t, st, before, sum)
}
