package replica

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/store"
)

// OfficeCert is an office certificate the province knows: one it issued,
// or one a received file was signed with.
type OfficeCert struct {
	Cert
	Devices    []string // the devices that signed with it, as received
	ReceivedAt string   // when the last of their files was received (UTC), "" if never
	Revoked    *catalog.Revocation
}

// Certificates returns the office certificates this database knows (at
// the province, also those it issued that never synced), by office name.
func Certificates(ctx context.Context, st *store.Store) ([]OfficeCert, error) {
	byserial := map[string]*OfficeCert{}
	add := func(body []byte) *OfficeCert {
		var c Cert
		if json.Unmarshal(body, &c) != nil || c.Serial == "" {
			return nil
		}
		if oc := byserial[c.Serial]; oc != nil {
			return oc
		}
		oc := &OfficeCert{Cert: c}
		byserial[c.Serial] = oc
		return oc
	}
	issued, err := st.IssuedCerts(ctx)
	if err != nil {
		return nil, err
	}
	for _, ic := range issued {
		add(ic.Cert)
	}
	writers, err := st.Writers(ctx)
	if err != nil {
		return nil, err
	}
	for _, w := range writers {
		if oc := add(w.Cert); oc != nil {
			oc.Devices = append(oc.Devices, w.Writer)
			oc.ReceivedAt = max(oc.ReceivedAt, w.ReceivedAt)
		}
	}
	cat, err := st.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	for i, r := range cat.Revocations {
		if oc := byserial[r.Serial]; oc != nil {
			oc.Revoked = &cat.Revocations[i]
		}
	}
	out := make([]OfficeCert, 0, len(byserial))
	for _, oc := range byserial {
		sort.Strings(oc.Devices)
		out = append(out, *oc)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Office != out[j].Office {
			return out[i].Office < out[j].Office
		}
		return out[i].Serial < out[j].Serial
	})
	return out, nil
}

// Revoke revokes, at the province, the office certificate with serial (a
// lost or stolen laptop): the revocation names, for each device that
// signed with it, the last of its files the province holds. It travels
// with the signed catalog at the next sync; every database then refuses
// the later files signed with the certificate — a stolen key can write
// any date, so the cut is by what was received, not by time — and keeps
// the earlier ones.
func Revoke(ctx context.Context, st *store.Store, serial, reason string) (catalog.Revocation, error) {
	id, err := LoadIdentity(st)
	if err != nil {
		return catalog.Revocation{}, err
	}
	// The revocation goes out in the catalog the province signs: the same
	// office that publishes the catalog revokes.
	if id.Cert.Role != Province {
		return catalog.Revocation{}, msg.New("chỉ tỉnh (đơn vị phát hành danh mục) mới thu hồi được chứng thư",
			"only the province (the office that publishes the catalog) can revoke a certificate")
	}
	if serial == id.Cert.Serial {
		return catalog.Revocation{}, msg.New("không thu hồi chứng thư của chính tỉnh", "the province's own certificate cannot be revoked")
	}
	certs, err := Certificates(ctx, st)
	if err != nil {
		return catalog.Revocation{}, err
	}
	var oc *OfficeCert
	for i := range certs {
		if certs[i].Serial == serial {
			oc = &certs[i]
		}
	}
	if oc == nil {
		return catalog.Revocation{}, msg.New("không có chứng thư số hiệu "+serial, "no certificate with serial "+serial)
	}
	if oc.Revoked != nil {
		return catalog.Revocation{}, msg.New("chứng thư "+serial+" của "+oc.Office+" đã bị thu hồi", "the certificate "+serial+" of "+oc.Office+" is revoked already")
	}
	writers, err := st.Writers(ctx)
	if err != nil {
		return catalog.Revocation{}, err
	}
	rev := catalog.Revocation{Serial: serial, Office: oc.Office, At: time.Now().UTC().Format(time.RFC3339), Reason: reason}
	for _, dev := range oc.Devices {
		w := writers[dev]
		rev.Cut = append(rev.Cut, catalog.RevocationCut{Writer: dev, Segment: w.Segments, Manifest: w.LastManifest, LastSeq: w.Seen})
	}
	if err := st.SaveCatalog(ctx, &catalog.Catalog{Revocations: []catalog.Revocation{rev}}); err != nil {
		return catalog.Revocation{}, err
	}
	return rev, enforceRevocations(ctx, st, []catalog.Revocation{rev})
}

// revocations knows, during a sync, which writers signed with a revoked
// certificate, and where their cut is.
type revocations struct {
	bySerial map[string]*catalog.Revocation
	byWriter map[string]*catalog.Revocation // writers whose last known certificate is revoked
}

func loadRevocations(ctx context.Context, st *store.Store, cat *catalog.Catalog) (revocations, error) {
	rv := revocations{bySerial: map[string]*catalog.Revocation{}, byWriter: map[string]*catalog.Revocation{}}
	if len(cat.Revocations) == 0 {
		return rv, nil
	}
	for i := range cat.Revocations {
		rv.bySerial[cat.Revocations[i].Serial] = &cat.Revocations[i]
	}
	writers, err := st.Writers(ctx)
	if err != nil {
		return rv, err
	}
	for _, w := range writers {
		var c Cert
		if json.Unmarshal(w.Cert, &c) == nil {
			if r := rv.bySerial[c.Serial]; r != nil {
				rv.byWriter[w.Writer] = r
			}
		}
	}
	return rv, nil
}

// cut returns the last segment and change of writer that a revocation
// keeps (zero when it keeps none).
func cut(r *catalog.Revocation, writer string) catalog.RevocationCut {
	for _, c := range r.Cut {
		if c.Writer == writer {
			return c
		}
	}
	return catalog.RevocationCut{Writer: writer}
}

// allows checks a segment signed with the revoked certificate of r: only
// the files up to the cut of its writer are accepted, the last one with
// the very manifest the province had.
func allows(r *catalog.Revocation, writer string, number int64, manifestHash string) error {
	c := cut(r, writer)
	when := r.At
	if t, err := time.Parse(time.RFC3339, r.At); err == nil {
		when = t.Local().Format("02/01/2006")
	}
	switch {
	case number > c.Segment:
		return msg.New(fmt.Sprintf("chứng thư của %s đã bị tỉnh thu hồi ngày %s; tỉnh chỉ nhận các tệp đến số %d của máy này, tệp %d bị từ chối",
			r.Office, when, c.Segment, number),
			fmt.Sprintf("the certificate of %s was revoked by the province on %s; only this computer's files up to number %d are accepted, file %d is refused",
				r.Office, when, c.Segment, number))
	case number == c.Segment && manifestHash != c.Manifest:
		return msg.New(fmt.Sprintf("chứng thư của %s đã bị thu hồi; tệp %d không phải tệp tỉnh đã nhận", r.Office, number),
			fmt.Sprintf("the certificate of %s was revoked; file %d is not the one the province received", r.Office, number))
	}
	return nil
}

// enforceRevocations sets aside whatever this database received, signed
// with a revoked certificate, after the revocation's cut (received before
// the revocation arrived), so that it ends as if it had never come.
func enforceRevocations(ctx context.Context, st *store.Store, revs []catalog.Revocation) error {
	if len(revs) == 0 {
		return nil
	}
	cat := &catalog.Catalog{Revocations: revs}
	rv, err := loadRevocations(ctx, st, cat)
	if err != nil {
		return err
	}
	for w, r := range rv.byWriter {
		if _, err := st.ExcludeAfter(ctx, w, cut(r, w).LastSeq); err != nil {
			return err
		}
	}
	return nil
}

// certSerial reads the serial of a signed certificate.
func certSerial(sc SignedCert) string {
	var c Cert
	json.Unmarshal(sc.Body, &c)
	return c.Serial
}
