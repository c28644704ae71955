package store

import (
	"context"
	"fmt"

	"chiso/data/msg"
)

// ErrInUse is wrapped by the errors of DeleteArea and DeleteElement when
// data refer to what was to be deleted: retire it instead (set its
// valid-to date), so its history stays.
var ErrInUse = msg.New("đang có dữ liệu, không xóa được: hãy cho ngừng sử dụng (đặt ngày hết hiệu lực)",
	"has data and cannot be deleted: retire it instead (set its valid-to date)")

// DeleteArea deletes an area that nothing refers to.
func (s *Store) DeleteArea(ctx context.Context, code string) error {
	return s.deleteUnused(ctx, "area", code, []string{
		`SELECT count(*) FROM datavalue WHERE area_id = ?`,
		`SELECT count(*) FROM value_history WHERE area_id = ?`,
		`SELECT count(*) FROM area WHERE parent_id = ?`,
		`SELECT count(*) FROM area_parent_span WHERE parent_id = ?`,
		`SELECT count(*) FROM target WHERE area_id = ?`,
		`SELECT count(*) FROM completeness_log WHERE area_id = ?`,
	}, []string{
		`DELETE FROM area_group_member WHERE area_id = ?`,
		`DELETE FROM area_successor WHERE area_id = ? OR successor_id = ?1`,
		`DELETE FROM area_parent_span WHERE area_id = ?`,
		`DELETE FROM area_former_name WHERE area_id = ?`,
	})
}

// DeleteElement deletes a data element that nothing refers to: no value,
// data set, indicator or rule formula, nor weighted average.
func (s *Store) DeleteElement(ctx context.Context, code string) error {
	// A formula reads the code as a whole word, possibly followed by
	// .CATEGORY; GLOB has no word boundary, so test the characters around.
	word := `(' ' || %s || ' ') GLOB '*[^A-Za-z0-9_]' || e.code || '[^A-Za-z0-9_]*'`
	in := func(col string) string { return fmt.Sprintf(word, col) }
	return s.deleteUnused(ctx, "element", code, []string{
		`SELECT count(*) FROM datavalue WHERE element_id = ?`,
		`SELECT count(*) FROM value_history WHERE element_id = ?`,
		`SELECT count(*) FROM dataset_element WHERE element_id = ?`,
		`SELECT count(*) FROM element e, indicator i WHERE e.id = ? AND (` + in("i.numerator") + ` OR ` + in("i.denominator") + `)`,
		`SELECT count(*) FROM element e, validation_rule r WHERE e.id = ? AND (` + in("r.left") + ` OR ` + in("r.right") + `)`,
		`SELECT count(*) FROM element e, element w WHERE e.id = ? AND w.weight = e.code`,
	}, nil)
}

func (s *Store) deleteUnused(ctx context.Context, table, code string, uses, cleanup []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM `+table+` WHERE code = ?`, code).Scan(&id); err != nil {
		return msg.New("không có mã "+code, "unknown code "+code)
	}
	for _, q := range uses {
		var n int
		if err := tx.QueryRowContext(ctx, q, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return msg.Wrap(ErrInUse, code, code)
		}
	}
	for _, q := range append(cleanup, `DELETE FROM `+table+` WHERE id = ?`) {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("delete %s %s: %w", table, code, err)
		}
	}
	if table == "area" || table == "element" {
		// The areas' tree (or the weighted averages) changed: the
		// subtotals are dropped with the area or element and built again
		// below (or, after a crash, when the store next opens).
		if _, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key = ?`, subtotalTreeMeta); err != nil {
			return fmt.Errorf("delete %s %s: %w", table, code, err)
		}
	}
	err = tx.Commit()
	s.catalogChanged()
	if err == nil {
		err = s.ensureSubtotals(ctx)
	}
	return err
}
