package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"chiso/data/catalog"
	"chiso/data/store/internal/direct"
)

// SaveCatalog adds the entries of c to the database, updating those whose
// code already exists, in one transaction.
func (s *Store) SaveCatalog(ctx context.Context, c *catalog.Catalog) error {
	if err := c.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// On the direct connection (a national catalog has thousands of areas,
	// each statement prepared once), with its foreign keys checked.
	err := s.withDirect(func(dc *direct.Conn) error {
		if err := dc.ExecScript(`PRAGMA foreign_keys=ON`); err != nil {
			return err
		}
		defer dc.ExecScript(`PRAGMA foreign_keys=OFF`)
		// The subtotals follow a new areas' tree in the same transaction.
		return inTx(ctx, dc, func() error {
			if err := saveCatalog(dc, c); err != nil {
				return err
			}
			return subtotalsFollow(dc)
		})
	})
	s.catalogChanged()
	if err != nil {
		return fmt.Errorf("save catalog: %w", err)
	}
	return nil
}

func saveCatalog(dc *direct.Conn, c *catalog.Catalog) error {
	exec := dc.Exec
	for _, l := range c.Levels {
		if err := exec(`INSERT INTO level(level, code, name_vi, name_en) VALUES (?,?,?,?)
			ON CONFLICT(level) DO UPDATE SET code=excluded.code, name_vi=excluded.name_vi, name_en=excluded.name_en`,
			l.Level, l.Code, l.NameVI, l.NameEN); err != nil {
			return fmt.Errorf("level %d: %w", l.Level, err)
		}
	}
	for _, g := range c.Groups {
		if err := exec(`INSERT INTO area_group(code, name_vi, name_en) VALUES (?,?,?)
			ON CONFLICT(code) DO UPDATE SET name_vi=excluded.name_vi, name_en=excluded.name_en`,
			g.Code, g.NameVI, g.NameEN); err != nil {
			return fmt.Errorf("group %s: %w", g.Code, err)
		}
	}
	for _, o := range c.Categories {
		if err := exec(`INSERT INTO category_option(code, name_vi, name_en) VALUES (?,?,?)
			ON CONFLICT(code) DO UPDATE SET name_vi=excluded.name_vi, name_en=excluded.name_en`,
			o.Code, o.NameVI, o.NameEN); err != nil {
			return fmt.Errorf("category %s: %w", o.Code, err)
		}
	}
	if c.Version != "" {
		if err := exec(`INSERT INTO meta(key, value) VALUES ('catalog_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, c.Version); err != nil {
			return fmt.Errorf("catalog version: %w", err)
		}
	}
	for _, b := range c.LegalBases {
		if err := exec(`INSERT INTO legal_basis(code, number, title_vi, title_en, issued, valid_from, valid_to, replaces) VALUES (?,?,?,?,?,?,?,?)
			ON CONFLICT(code) DO UPDATE SET number=excluded.number, title_vi=excluded.title_vi, title_en=excluded.title_en,
			issued=excluded.issued, valid_from=excluded.valid_from, valid_to=excluded.valid_to, replaces=excluded.replaces`,
			b.Code, b.Number, b.TitleVI, b.TitleEN, b.Issued, b.ValidFrom, b.ValidTo, strings.Join(b.Replaces, ",")); err != nil {
			return fmt.Errorf("legal basis %s: %w", b.Code, err)
		}
	}
	for _, e := range c.Elements {
		defs, err := definitionsJSON(e.Definitions)
		if err != nil {
			return fmt.Errorf("element %s: %w", e.Code, err)
		}
		official, err := jsonText(e.Official)
		if err != nil {
			return fmt.Errorf("element %s: %w", e.Code, err)
		}
		// A catalog that does not say how an element aggregates over time
		// (one written before it could) keeps what the database says.
		if err := exec(`INSERT INTO element(code, name_vi, name_en, unit_vi, unit_en, value_type, aggregation, weight, categories, min, max, decimals, valid_from, valid_to, legal_basis, expected_min, expected_max, time_aggregation, definitions, official)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(code) DO UPDATE SET name_vi=excluded.name_vi, name_en=excluded.name_en, unit_vi=excluded.unit_vi,
			unit_en=excluded.unit_en, value_type=excluded.value_type, aggregation=excluded.aggregation, weight=excluded.weight,
			categories=excluded.categories, min=excluded.min, max=excluded.max, decimals=excluded.decimals,
			valid_from=excluded.valid_from, valid_to=excluded.valid_to, legal_basis=excluded.legal_basis,
			expected_min=excluded.expected_min, expected_max=excluded.expected_max,
			time_aggregation=COALESCE(NULLIF(excluded.time_aggregation, ''), element.time_aggregation), definitions=excluded.definitions, official=excluded.official`,
			e.Code, e.NameVI, e.NameEN, e.UnitVI, e.UnitEN, string(e.ValueType), string(e.Aggregation), e.Weight,
			strings.Join(e.Categories, ","), e.Min, e.Max, e.Decimals, e.ValidFrom, e.ValidTo, e.LegalBasis,
			e.ExpectedMin, e.ExpectedMax, string(e.TimeAggregation), defs, official); err != nil {
			return fmt.Errorf("element %s: %w", e.Code, err)
		}
	}
	for _, in := range c.Indicators {
		official, err := jsonText(in.Official)
		if err != nil {
			return fmt.Errorf("indicator %s: %w", in.Code, err)
		}
		if err := exec(`INSERT INTO indicator(code, name_vi, name_en, numerator, denominator, factor, decimals, unit_vi, unit_en, higher_is_better, legal_basis, official)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(code) DO UPDATE SET name_vi=excluded.name_vi, name_en=excluded.name_en, numerator=excluded.numerator,
			denominator=excluded.denominator, factor=excluded.factor, decimals=excluded.decimals, unit_vi=excluded.unit_vi,
			unit_en=excluded.unit_en, higher_is_better=excluded.higher_is_better, legal_basis=excluded.legal_basis, official=excluded.official`,
			in.Code, in.NameVI, in.NameEN, in.Numerator, in.Denominator, in.Factor, in.Decimals, in.UnitVI, in.UnitEN,
			in.HigherIsBetter, in.LegalBasis, official); err != nil {
			return fmt.Errorf("indicator %s: %w", in.Code, err)
		}
	}
	for _, r := range c.Rules {
		if err := exec(`INSERT INTO validation_rule(code, name_vi, name_en, left, operator, right) VALUES (?,?,?,?,?,?)
			ON CONFLICT(code) DO UPDATE SET name_vi=excluded.name_vi, name_en=excluded.name_en, left=excluded.left,
			operator=excluded.operator, right=excluded.right`,
			r.Code, r.NameVI, r.NameEN, r.Left, r.Operator, r.Right); err != nil {
			return fmt.Errorf("rule %s: %w", r.Code, err)
		}
	}
	if err := saveAreas(dc, c.Areas); err != nil {
		return err
	}
	for _, d := range c.DataSets {
		official, err := jsonText(d.Official)
		if err != nil {
			return fmt.Errorf("data set %s: %w", d.Code, err)
		}
		if err := exec(`INSERT INTO dataset(code, name_vi, name_en, period_type, due_days, due_date, form_symbol, reporting_unit, receiving_unit, valid_from, valid_to, official)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(code) DO UPDATE SET name_vi=excluded.name_vi, name_en=excluded.name_en, period_type=excluded.period_type,
			due_days=excluded.due_days, due_date=excluded.due_date, form_symbol=excluded.form_symbol, reporting_unit=excluded.reporting_unit,
			receiving_unit=excluded.receiving_unit, valid_from=excluded.valid_from, valid_to=excluded.valid_to, official=excluded.official`,
			d.Code, d.NameVI, d.NameEN, d.PeriodType, d.DueDays, d.DueDate, d.FormSymbol, d.ReportingUnit, d.ReceivingUnit,
			d.ValidFrom, d.ValidTo, official); err != nil {
			return fmt.Errorf("data set %s: %w", d.Code, err)
		}
		if err := exec(`DELETE FROM dataset_element WHERE dataset_id = (SELECT id FROM dataset WHERE code = ?)`, d.Code); err != nil {
			return err
		}
		for i, e := range d.Elements {
			if err := exec(`INSERT INTO dataset_element(dataset_id, element_id, sort)
				SELECT d.id, e.id, ? FROM dataset d, element e WHERE d.code = ? AND e.code = ?`, i, d.Code, e); err != nil {
				return fmt.Errorf("data set %s element %s: %w", d.Code, e, err)
			}
		}
	}
	for _, t := range c.Targets {
		if err := exec(`INSERT INTO target(code, area_id, period, value) SELECT ?, id, ?, ? FROM area WHERE code = ?
			ON CONFLICT(code, area_id, period) DO UPDATE SET value = excluded.value`, t.Code, t.Period, t.Value, t.Area); err != nil {
			return fmt.Errorf("target %s %s %s: %w", t.Code, t.Area, t.Period, err)
		}
	}
	// A revocation is never withdrawn: one already kept stays as it is.
	for _, r := range c.Revocations {
		cut, err := json.Marshal(r.Cut)
		if err != nil {
			return err
		}
		if err := exec(`INSERT OR IGNORE INTO revocation(serial, office, at, reason, cut) VALUES (?,?,?,?,?)`,
			r.Serial, r.Office, r.At, r.Reason, string(cut)); err != nil {
			return fmt.Errorf("revocation %s: %w", r.Serial, err)
		}
	}
	for _, l := range c.Layouts {
		body, err := json.Marshal(l)
		if err != nil {
			return fmt.Errorf("layout %s: %w", l.Code, err)
		}
		if err := exec(`INSERT INTO form_layout(code, dataset, body) VALUES (?,?,?)
			ON CONFLICT(code) DO UPDATE SET dataset=excluded.dataset, body=excluded.body`, l.Code, l.DataSet, string(body)); err != nil {
			return fmt.Errorf("layout %s: %w", l.Code, err)
		}
	}
	return nil
}

// jsonText is how an optional part of an entry is kept in its row: its
// JSON, or "" when it is empty.
func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "{}" {
		return "", err
	}
	return string(b), nil
}

// fromJSON reads a part kept by jsonText into v.
func fromJSON(text string, v any) error {
	if text == "" {
		return nil
	}
	return json.Unmarshal([]byte(text), v)
}

// Catalog reads the whole catalog of the database.
func (s *Store) Catalog(ctx context.Context) (*catalog.Catalog, error) {
	c := &catalog.Catalog{}
	q := func(query string, scan func(*sql.Rows) error) error {
		rows, err := s.db.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	split := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, ",")
	}
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE((SELECT value FROM meta WHERE key = 'catalog_version'), '')`).Scan(&c.Version)
	if err == nil {
		err = q(`SELECT code, number, title_vi, title_en, issued, valid_from, valid_to, replaces FROM legal_basis ORDER BY id`, func(r *sql.Rows) error {
			var b catalog.LegalBasis
			var replaces string
			err := r.Scan(&b.Code, &b.Number, &b.TitleVI, &b.TitleEN, &b.Issued, &b.ValidFrom, &b.ValidTo, &replaces)
			b.Replaces = split(replaces)
			c.LegalBases = append(c.LegalBases, b)
			return err
		})
	}
	if err == nil {
		err = q(`SELECT level, code, name_vi, name_en FROM level ORDER BY level`, func(r *sql.Rows) error {
			var l catalog.Level
			err := r.Scan(&l.Level, &l.Code, &l.NameVI, &l.NameEN)
			c.Levels = append(c.Levels, l)
			return err
		})
	}
	if err == nil {
		err = q(`SELECT code, name_vi, name_en FROM area_group ORDER BY code`, func(r *sql.Rows) error {
			var g catalog.Group
			err := r.Scan(&g.Code, &g.NameVI, &g.NameEN)
			c.Groups = append(c.Groups, g)
			return err
		})
	}
	if err == nil {
		err = q(`SELECT code, name_vi, name_en FROM category_option ORDER BY code`, func(r *sql.Rows) error {
			var o catalog.CategoryOption
			err := r.Scan(&o.Code, &o.NameVI, &o.NameEN)
			c.Categories = append(c.Categories, o)
			return err
		})
	}
	if err == nil {
		err = q(`SELECT code, name_vi, name_en, unit_vi, unit_en, value_type, aggregation, weight, categories, min, max, decimals, valid_from, valid_to, legal_basis,
			expected_min, expected_max, time_aggregation, definitions, official FROM element ORDER BY id`, func(r *sql.Rows) error {
			var e catalog.Element
			var cats, defs, official string
			var min, max, emin, emax sql.NullFloat64
			err := r.Scan(&e.Code, &e.NameVI, &e.NameEN, &e.UnitVI, &e.UnitEN, &e.ValueType, &e.Aggregation, &e.Weight,
				&cats, &min, &max, &e.Decimals, &e.ValidFrom, &e.ValidTo, &e.LegalBasis, &emin, &emax, &e.TimeAggregation, &defs, &official)
			if err == nil && defs != "" {
				if err = json.Unmarshal([]byte(defs), &e.Definitions); err != nil {
					err = fmt.Errorf("element %s: definitions: %w", e.Code, err)
				}
			}
			if err == nil {
				err = fromJSON(official, &e.Official)
			}
			e.Categories = split(cats)
			e.Min, e.Max, e.ExpectedMin, e.ExpectedMax = floatPtr(min), floatPtr(max), floatPtr(emin), floatPtr(emax)
			c.Elements = append(c.Elements, e)
			return err
		})
	}
	if err == nil {
		err = q(`SELECT code, name_vi, name_en, numerator, denominator, factor, decimals, unit_vi, unit_en, higher_is_better, legal_basis, official
			FROM indicator ORDER BY id`, func(r *sql.Rows) error {
			var in catalog.Indicator
			var official string
			err := r.Scan(&in.Code, &in.NameVI, &in.NameEN, &in.Numerator, &in.Denominator, &in.Factor, &in.Decimals,
				&in.UnitVI, &in.UnitEN, &in.HigherIsBetter, &in.LegalBasis, &official)
			if err == nil {
				err = fromJSON(official, &in.Official)
			}
			c.Indicators = append(c.Indicators, in)
			return err
		})
	}
	if err == nil {
		err = q(`SELECT code, name_vi, name_en, left, operator, right FROM validation_rule ORDER BY id`, func(r *sql.Rows) error {
			var v catalog.Rule
			err := r.Scan(&v.Code, &v.NameVI, &v.NameEN, &v.Left, &v.Operator, &v.Right)
			c.Rules = append(c.Rules, v)
			return err
		})
	}
	if err == nil {
		err = s.withDirect(func(dc *direct.Conn) error {
			c.Areas, err = readAreas(dc)
			return err
		})
	}
	if err == nil {
		err = q(`SELECT d.code, d.name_vi, d.name_en, d.period_type, d.due_days, d.due_date, d.form_symbol, d.reporting_unit, d.receiving_unit,
			d.valid_from, d.valid_to, d.official,
			COALESCE((SELECT group_concat(code) FROM (SELECT e.code FROM dataset_element x JOIN element e ON e.id = x.element_id WHERE x.dataset_id = d.id ORDER BY x.sort)), '')
			FROM dataset d ORDER BY d.id`, func(r *sql.Rows) error {
			var d catalog.DataSet
			var els, official string
			err := r.Scan(&d.Code, &d.NameVI, &d.NameEN, &d.PeriodType, &d.DueDays, &d.DueDate, &d.FormSymbol, &d.ReportingUnit, &d.ReceivingUnit,
				&d.ValidFrom, &d.ValidTo, &official, &els)
			if err == nil {
				err = fromJSON(official, &d.Official)
			}
			d.Elements = split(els)
			c.DataSets = append(c.DataSets, d)
			return err
		})
	}
	if err == nil {
		err = q(`SELECT t.code, a.code, t.period, t.value FROM target t JOIN area a ON a.id = t.area_id ORDER BY t.code, a.code, t.period`,
			func(r *sql.Rows) error {
				var t catalog.Target
				err := r.Scan(&t.Code, &t.Area, &t.Period, &t.Value)
				c.Targets = append(c.Targets, t)
				return err
			})
	}
	if err == nil {
		err = q(`SELECT serial, office, at, reason, cut FROM revocation ORDER BY at, serial`, func(r *sql.Rows) error {
			var v catalog.Revocation
			var cut string
			if err := r.Scan(&v.Serial, &v.Office, &v.At, &v.Reason, &cut); err != nil {
				return err
			}
			c.Revocations = append(c.Revocations, v)
			return json.Unmarshal([]byte(cut), &c.Revocations[len(c.Revocations)-1].Cut)
		})
	}
	if err == nil {
		err = q(`SELECT code, body FROM form_layout ORDER BY id`, func(r *sql.Rows) error {
			var code, body string
			if err := r.Scan(&code, &body); err != nil {
				return err
			}
			var l catalog.Layout
			if err := json.Unmarshal([]byte(body), &l); err != nil {
				return fmt.Errorf("layout %s: %w", code, err)
			}
			c.Layouts = append(c.Layouts, l)
			return nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("read catalog: %w", err)
	}
	return c, nil
}

// definitionsJSON is how an element's definitions are kept in its row: ""
// for none.
func definitionsJSON(ds []catalog.Definition) (string, error) {
	if len(ds) == 0 {
		return "", nil
	}
	b, err := json.Marshal(ds)
	return string(b), err
}

func floatPtr(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	return &f.Float64
}
