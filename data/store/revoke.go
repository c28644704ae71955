package store

import (
	"context"
	"fmt"
)

// IssuedCert is an office certificate the province issued.
type IssuedCert struct {
	Serial   string
	Office   string
	Cert     []byte // its JSON
	IssuedAt string
}

// KeepIssuedCert records, at the province, a certificate it issued, so
// that it can be revoked later even if the office never synced.
func (s *Store) KeepIssuedCert(ctx context.Context, c IssuedCert) error {
	if c.IssuedAt == "" {
		c.IssuedAt = now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT OR IGNORE INTO office_cert(serial, office, cert, issued_at) VALUES (?,?,?,?)`,
		c.Serial, c.Office, c.Cert, c.IssuedAt)
	return err
}

// IssuedCerts returns the certificates this database issued, oldest first.
func (s *Store) IssuedCerts(ctx context.Context) ([]IssuedCert, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT serial, office, cert, issued_at FROM office_cert ORDER BY issued_at, serial`)
	if err != nil {
		return nil, fmt.Errorf("read issued certificates: %w", err)
	}
	defer rows.Close()
	var out []IssuedCert
	for rows.Next() {
		var c IssuedCert
		if err := rows.Scan(&c.Serial, &c.Office, &c.Cert, &c.IssuedAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ExcludeAfter sets aside every value change and report step of writer
// numbered above lastSeq — what a revoked certificate signed after the cut
// the province made — and rebuilds the values and forms they touched, so
// that every database ends the same whether it received them before the
// revocation or not. It returns how many changes and steps it set aside.
func (s *Store) ExcludeAfter(ctx context.Context, writer string, lastSeq int64) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var dev int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM device WHERE uid = ?`, writer).Scan(&dev); err != nil {
		return 0, nil // nothing of it here
	}
	c := s.newCycleTx(ctx, tx, nil)
	rows, err := tx.QueryContext(ctx, `SELECT seq, period, element_id, area_id, category FROM datavalue WHERE device_id = ?1 AND seq > ?2
		UNION ALL SELECT seq, period, element_id, area_id, category FROM value_history WHERE device_id = ?1 AND seq > ?2`, dev, lastSeq)
	if err != nil {
		return 0, err
	}
	found := map[int64]keyRef{}
	for rows.Next() {
		var seq int64
		var k keyRef
		if err := rows.Scan(&seq, &k.period, &k.element, &k.area, &k.category); err != nil {
			rows.Close()
			return 0, err
		}
		found[seq] = k
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	n := 0
	keys := map[keyRef]bool{}
	for seq, k := range found {
		r, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO set_aside(device_id, seq, reason, dataset_id, period, element_id, area_id, category)
			VALUES (?,?,'revoked',0,?,?,?,?)`, dev, seq, k.period, k.element, k.area, k.category)
		if err != nil {
			return 0, err
		}
		if m, _ := r.RowsAffected(); m > 0 {
			n++
			keys[k] = true
		}
	}
	// Steps: revoked steps no longer count, and what a revoked dismissal
	// dismissed counts again (unless another dismissal names it).
	rows, err = tx.QueryContext(ctx, `UPDATE form_event SET revoked = 1 WHERE device_id = ? AND seq > ? AND revoked = 0
		RETURNING seq, dataset_id, area_id, period`, dev, lastSeq)
	if err != nil {
		return 0, err
	}
	forms := map[formRef]bool{}
	var steps []int64
	for rows.Next() {
		var seq int64
		var fr formRef
		if err := rows.Scan(&seq, &fr.dataset, &fr.area, &fr.period); err != nil {
			rows.Close()
			return 0, err
		}
		forms[fr] = true
		steps = append(steps, seq)
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, seq := range steps {
		if _, err := tx.ExecContext(ctx, `DELETE FROM dismissed WHERE by_device = ? AND by_seq = ?`, dev, seq); err != nil {
			return 0, err
		}
	}
	if len(steps) > 0 {
		rows, err := tx.QueryContext(ctx, `DELETE FROM set_aside WHERE reason = 'dismissed' AND NOT EXISTS (
			SELECT 1 FROM dismissed d WHERE d.device_id = set_aside.device_id AND d.seq = set_aside.seq)
			RETURNING period, element_id, area_id, category`)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			var k keyRef
			if err := rows.Scan(&k.period, &k.element, &k.area, &k.category); err != nil {
				rows.Close()
				return 0, err
			}
			keys[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
	}
	for fr := range forms {
		if err := c.settle(fr); err != nil {
			return 0, err
		}
	}
	for k := range keys {
		if _, err := c.recomputeKey(k); err != nil {
			return 0, err
		}
	}
	if err := c.commit(); err != nil {
		return 0, fmt.Errorf("set aside the changes of %s: %w", writer, err)
	}
	return n, nil
}
