package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"chiso/data/msg"
)

// SetComplete marks a data set complete (or reopens it) for an area and a
// period, as one action recorded in the completeness log.
func (s *Store) SetComplete(ctx context.Context, dataset, area, per string, complete bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var ds, ar int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM dataset WHERE code = ?`, dataset).Scan(&ds); err != nil {
		return msg.New("không có biểu mã "+dataset, "unknown data set "+dataset)
	}
	if err := tx.QueryRowContext(ctx, `SELECT id FROM area WHERE code = ?`, area).Scan(&ar); err != nil {
		return msg.New("không có địa bàn mã "+area, "unknown area "+area)
	}
	at := now()
	var changeset int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO changeset(device_id, author, at) VALUES (?,?,?) RETURNING id`,
		s.deviceID, s.author, at).Scan(&changeset); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO completeness(dataset_id, area_id, period, complete, changed_by, changed_at) VALUES (?,?,?,?,?,?)
		ON CONFLICT(dataset_id, area_id, period) DO UPDATE SET complete = excluded.complete, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
		ds, ar, per, complete, s.author, at); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO completeness_log(dataset_id, area_id, period, complete, changeset_id) VALUES (?,?,?,?,?)`,
		ds, ar, per, complete, changeset); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("mark complete: %w", err)
	}
	return nil
}

// Completion is the completeness state of a data set for an area and period.
type Completion struct {
	Complete  bool
	Author    string
	ChangedAt string
}

// Completions returns, for a data set and a period, the state of every area
// that was ever marked (complete or reopened), by area code.
func (s *Store) Completions(ctx context.Context, dataset, per string) (map[string]Completion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.code, c.complete, c.changed_by, c.changed_at FROM completeness c
		JOIN dataset d ON d.id = c.dataset_id JOIN area a ON a.id = c.area_id WHERE d.code = ? AND c.period = ?`, dataset, per)
	if err != nil {
		return nil, fmt.Errorf("read completeness: %w", err)
	}
	defer rows.Close()
	out := map[string]Completion{}
	for rows.Next() {
		var area string
		var c Completion
		if err := rows.Scan(&area, &c.Complete, &c.Author, &c.ChangedAt); err != nil {
			return nil, err
		}
		out[area] = c
	}
	return out, rows.Err()
}

// IsComplete reports whether a data set is marked complete for an area and period.
func (s *Store) IsComplete(ctx context.Context, dataset, area, per string) (bool, error) {
	var complete bool
	err := s.db.QueryRowContext(ctx, `SELECT c.complete FROM completeness c JOIN dataset d ON d.id = c.dataset_id
		JOIN area a ON a.id = c.area_id WHERE d.code = ? AND a.code = ? AND c.period = ?`, dataset, area, per).Scan(&complete)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return complete, err
}

// CompletionEntry is one marking or reopening of a data set.
type CompletionEntry struct {
	Complete  bool
	Author    string
	ChangedAt string
	Device    string
}

// CompletionHistory returns every marking and reopening of a data set for
// an area and a period, oldest first.
func (s *Store) CompletionHistory(ctx context.Context, dataset, area, per string) ([]CompletionEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT l.complete, cs.author, cs.at, dv.uid FROM completeness_log l
		JOIN dataset d ON d.id = l.dataset_id JOIN area a ON a.id = l.area_id
		JOIN changeset cs ON cs.id = l.changeset_id JOIN device dv ON dv.id = cs.device_id
		WHERE d.code = ? AND a.code = ? AND l.period = ? ORDER BY l.id`, dataset, area, per)
	if err != nil {
		return nil, fmt.Errorf("read completeness history: %w", err)
	}
	defer rows.Close()
	var out []CompletionEntry
	for rows.Next() {
		var e CompletionEntry
		if err := rows.Scan(&e.Complete, &e.Author, &e.ChangedAt, &e.Device); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
