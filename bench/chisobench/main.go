// Command chisobench runs the tasks of bench/run.sh through Chỉ Số's own
// code, one task per process so that each can be timed and its peak memory
// measured as a whole process:
//
//	chisobench gen -scale national|historic|province -out DIR
//	chisobench import -db F -catalog C -csv V
//	chisobench aggregate -db F -year 2025
//	chisobench pivot -db F -element E
//
// gen writes DIR/catalog.json, DIR/values.csv and, for the sqlite3
// comparison, DIR/areas.csv and DIR/elements.csv. Every task prints its own
// elapsed time on standard error.
package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"chiso/data/benchgen"
	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/exchange"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	start := time.Now()
	if prof := os.Getenv("CHISOBENCH_CPUPROFILE"); prof != "" {
		f, err := os.Create(prof)
		if err != nil {
			fmt.Fprintln(os.Stderr, "chisobench:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = gen(os.Args[2:])
	case "import":
		err = importCSV(os.Args[2:])
	case "aggregate":
		err = aggregate(os.Args[2:])
	case "pivot":
		err = pivot(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "chisobench:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "%s: elapsed %.3fs\n", os.Args[1], time.Since(start).Seconds())
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage:
  chisobench gen -scale national|historic|province -out DIR
  chisobench import -db F -catalog C -csv V
  chisobench aggregate -db F -year 2025
  chisobench pivot -db F -element E`)
	os.Exit(2)
}

func gen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	scale := fs.String("scale", "national", "national, historic or province")
	out := fs.String("out", "", "output directory")
	fs.Parse(args)
	s, ok := benchgen.ByName(*scale)
	if !ok || *out == "" {
		usage()
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	write := func(name string, fn func(f *os.File) error) error {
		f, err := os.Create(filepath.Join(*out, name))
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", name, err)
		}
		return f.Close()
	}
	err := write("catalog.json", func(f *os.File) error {
		enc := json.NewEncoder(f)
		enc.SetIndent("", " ")
		return enc.Encode(benchgen.Catalog(s))
	})
	if err == nil {
		err = write("areas.csv", func(f *os.File) error { return benchgen.WriteAreas(f, s) })
	}
	if err == nil {
		err = write("elements.csv", func(f *os.File) error { return benchgen.WriteElements(f) })
	}
	if err == nil {
		// values.csv last: its presence marks a complete data set.
		err = write("values.csv.tmp", func(f *os.File) error {
			n, err := benchgen.WriteValues(f, s)
			fmt.Fprintf(os.Stderr, "gen %s: %d values\n", s.Name, n)
			return err
		})
	}
	if err == nil {
		err = os.Rename(filepath.Join(*out, "values.csv.tmp"), filepath.Join(*out, "values.csv"))
	}
	return err
}

// importCSV does what `chiso import` does, after saving the catalog into a
// new database.
func importCSV(args []string) error {
	fs := flag.NewFlagSet("import", flag.ExitOnError)
	db := fs.String("db", "", "database file")
	catPath := fs.String("catalog", "", "catalog JSON")
	csvPath := fs.String("csv", "", "long CSV of values")
	fs.Parse(args)
	if *db == "" || *catPath == "" || *csvPath == "" {
		usage()
	}
	ctx := context.Background()
	cf, err := os.Open(*catPath)
	if err != nil {
		return err
	}
	cat, err := catalog.Read(cf)
	cf.Close()
	if err != nil {
		return err
	}
	tOpen := time.Now()
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer func() {
		t := time.Now()
		st.Close()
		fmt.Fprintf(os.Stderr, "import: closed in %.3fs\n", time.Since(t).Seconds())
	}()
	fmt.Fprintf(os.Stderr, "import: new database opened in %.3fs\n", time.Since(tOpen).Seconds())
	t0 := time.Now()
	if err := st.SaveCatalog(ctx, cat); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "import: catalog saved in %.3fs\n", time.Since(t0).Seconds())
	// As cli.go's import: the catalog as the database holds it.
	if cat, err = st.Catalog(ctx); err != nil {
		return err
	}
	f, err := os.Open(*csvPath)
	if err != nil {
		return err
	}
	defer f.Close()
	t1 := time.Now()
	res, err := st.Import(ctx, filepath.Base(*csvPath), exchange.ReadLong(f, *csvPath, cat, number.English))
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "import: %d rows (%d new, %d changed, %d unchanged) in %.3fs\n",
		res.Rows, res.New, res.Changed, res.Unchanged, time.Since(t1).Seconds())
	return nil
}

// aggregate computes every element (and each of its categories) and every
// indicator for the nation and each province for one year.
func aggregate(args []string) error {
	fs := flag.NewFlagSet("aggregate", flag.ExitOnError)
	db := fs.String("db", "", "database file")
	year := fs.String("year", "2025", "year")
	fs.Parse(args)
	if *db == "" {
		usage()
	}
	p, err := period.Parse(*year)
	if err != nil {
		return err
	}
	ctx := context.Background()
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	cat, err := st.Catalog(ctx)
	if err != nil {
		return err
	}
	en, err := calc.New(ctx, cat, st)
	if err != nil {
		return err
	}
	var codes []string
	for _, e := range cat.Elements {
		codes = append(codes, e.Code)
		for _, c := range e.Categories {
			codes = append(codes, e.Code+"."+c)
		}
	}
	for _, in := range cat.Indicators {
		codes = append(codes, in.Code)
	}
	var roots []string
	for _, a := range cat.Areas {
		if a.Parent == "" {
			roots = append(roots, a.Code)
		}
	}
	areas := slices.Clone(roots)
	for _, r := range roots {
		areas = append(areas, en.Children(r, p)...)
	}
	n, missing := 0, 0
	var check float64
	for _, a := range areas {
		for _, code := range codes {
			v, ok, err := en.Value(code, a, p, "")
			if err != nil {
				return err
			}
			if !ok {
				missing++
				continue
			}
			n++
			check += v
		}
	}
	fmt.Fprintf(os.Stderr, "aggregate: %d areas × %d codes: %d values, %d missing, checksum %.6g\n",
		len(areas), len(codes), n, missing, check)
	return nil
}

// pivot writes one element for every commune (row) and every year
// (column) as CSV on standard output. With -years it reads one column per
// year through Store.ElementFacts (one seek of the primary key each);
// without, it scans every value through EachValue.
func pivot(args []string) error {
	fs := flag.NewFlagSet("pivot", flag.ExitOnError)
	db := fs.String("db", "", "database file")
	element := fs.String("element", "POP", "element code")
	years := fs.String("years", "", "the years of the columns, e.g. 2016-2025 (empty: whatever periods hold values)")
	fs.Parse(args)
	if *db == "" {
		usage()
	}
	ctx := context.Background()
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	// rows by area (and category), in order of first appearance; a column
	// per period.
	index := map[string]int{}
	var keys []string
	var cells [][]string
	var cols []string
	n := 0
	put := func(area, category string, col int, value string) {
		key := area
		if category != "" {
			key += "." + category
		}
		i, ok := index[key]
		if !ok {
			i = len(keys)
			index[key] = i
			keys = append(keys, key)
			cells = append(cells, nil)
		}
		for len(cells[i]) <= col {
			cells[i] = append(cells[i], "")
		}
		cells[i][col] = value
		n++
	}
	if *years != "" {
		r, err := period.Parse(*years)
		if err != nil {
			return err
		}
		for col, y := range r.Years() {
			cols = append(cols, y.String())
			facts, err := st.ElementFacts(ctx, *element, y.String())
			if err != nil {
				return err
			}
			for _, f := range facts {
				put(f.Area, f.Category, col, number.Canonical(f.Value))
			}
		}
	} else {
		colOf := map[string]int{}
		err = st.EachValue(ctx, store.ValueFilter{Elements: []string{*element}}, func(v store.Value) error {
			col, ok := colOf[v.Period]
			if !ok {
				col = len(cols)
				colOf[v.Period] = col
				cols = append(cols, v.Period)
			}
			put(v.Area, v.Category, col, v.Value)
			return nil
		})
		if err != nil {
			return err
		}
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	w := csv.NewWriter(os.Stdout)
	w.Write(append([]string{"area"}, cols...))
	rec := make([]string, 1+len(cols))
	for _, i := range order {
		rec[0] = keys[i]
		for c := range cols {
			rec[1+c] = ""
			if c < len(cells[i]) {
				rec[1+c] = cells[i][c]
			}
		}
		w.Write(rec)
	}
	w.Flush()
	fmt.Fprintf(os.Stderr, "pivot: %d values, %d rows × %d columns\n", n, len(keys), len(cols))
	return w.Error()
}
