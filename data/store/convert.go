package store

import (
	"context"
	"fmt"
	"time"
)

// convertMarks turns the marks "complete" made before the reporting cycle
// existed (schema 3 to 4) into submissions made on this device, by whom
// and when they were marked, once: nothing marked is lost, and the
// reports show as sent.
func (s *Store) convertMarks(ctx context.Context) error {
	if done, err := s.Meta("cycle.marks_converted"); err != nil || done != "" {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT c.dataset_id, c.area_id, c.period, c.changed_by, c.changed_at FROM completeness c
		WHERE c.complete = 1 AND NOT EXISTS (SELECT 1 FROM form_event f WHERE f.dataset_id = c.dataset_id AND f.area_id = c.area_id AND f.period = c.period)
		ORDER BY c.changed_at`)
	if err != nil {
		return err
	}
	type mark struct {
		form   formRef
		by, at string
	}
	var marks []mark
	for rows.Next() {
		var m mark
		if err := rows.Scan(&m.form.dataset, &m.form.area, &m.form.period, &m.by, &m.at); err != nil {
			rows.Close()
			return err
		}
		marks = append(marks, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	clk, err := s.readClock(tx)
	if err != nil {
		return err
	}
	c := s.newCycleTx(ctx, tx, nil)
	for _, m := range marks {
		at, err := time.Parse("2006-01-02T15:04:05.000Z", m.at)
		if err != nil {
			at = time.Now()
		}
		// The clock of the mark itself: when it was made, which decides
		// whether the report came in on time.
		hlc := at.UnixMilli() << 16
		clk.seq, clk.hlc = clk.seq+1, max(clk.hlc, hlc)
		var changeset int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO changeset(device_id, author, at, source, rows, changed) VALUES (?,?,?,'cycle:submit',1,1) RETURNING id`,
			s.deviceID, m.by, m.at).Scan(&changeset); err != nil {
			return err
		}
		covers, err := c.vector(m.form)
		if err != nil {
			return err
		}
		if err := c.addEvent(m.form, s.deviceID, clk.seq, hlc, Submit, "", covers, changeset, nil); err != nil {
			return err
		}
	}
	if err := s.saveClock(tx, clk); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('cycle.marks_converted', ?)`, fmt.Sprint(len(marks))); err != nil {
		return err
	}
	return c.commit()
}
