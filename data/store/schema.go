package store

// migrations brings a database from version i to i+1 at index i. A
// migration never edits an earlier entry: it appends a new one.
var migrations = []string{
	// 1: the whole first schema.
	`
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE level (
	level   INTEGER PRIMARY KEY,
	code    TEXT NOT NULL UNIQUE,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL
);

CREATE TABLE area_group (
	code    TEXT PRIMARY KEY,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL
);

CREATE TABLE area (
	id         INTEGER PRIMARY KEY,
	code       TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	name_en    TEXT NOT NULL DEFAULT '',
	level      INTEGER NOT NULL REFERENCES level(level),
	parent_id  INTEGER REFERENCES area(id),
	valid_from TEXT NOT NULL DEFAULT '',
	valid_to   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX area_parent ON area(parent_id);

CREATE TABLE area_group_member (
	group_code TEXT NOT NULL REFERENCES area_group(code),
	area_id    INTEGER NOT NULL REFERENCES area(id),
	PRIMARY KEY (group_code, area_id)
) WITHOUT ROWID;

CREATE TABLE area_successor (
	area_id      INTEGER NOT NULL REFERENCES area(id),
	successor_id INTEGER NOT NULL REFERENCES area(id),
	PRIMARY KEY (area_id, successor_id)
) WITHOUT ROWID;

CREATE TABLE category_option (
	code    TEXT PRIMARY KEY,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL
);

CREATE TABLE element (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	name_vi     TEXT NOT NULL,
	name_en     TEXT NOT NULL,
	unit_vi     TEXT NOT NULL DEFAULT '',
	unit_en     TEXT NOT NULL DEFAULT '',
	value_type  TEXT NOT NULL,
	aggregation TEXT NOT NULL,
	weight      TEXT NOT NULL DEFAULT '',
	categories  TEXT NOT NULL DEFAULT '',
	min         REAL,
	max         REAL,
	decimals    INTEGER NOT NULL DEFAULT 0,
	valid_from  TEXT NOT NULL DEFAULT '',
	valid_to    TEXT NOT NULL DEFAULT '',
	legal_basis TEXT NOT NULL DEFAULT ''
);

CREATE TABLE indicator (
	id               INTEGER PRIMARY KEY,
	code             TEXT NOT NULL UNIQUE,
	name_vi          TEXT NOT NULL,
	name_en          TEXT NOT NULL,
	numerator        TEXT NOT NULL,
	denominator      TEXT NOT NULL DEFAULT '',
	factor           REAL NOT NULL DEFAULT 1,
	decimals         INTEGER NOT NULL DEFAULT 2,
	unit_vi          TEXT NOT NULL DEFAULT '',
	unit_en          TEXT NOT NULL DEFAULT '',
	higher_is_better INTEGER NOT NULL DEFAULT 1,
	legal_basis      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE dataset (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	name_vi     TEXT NOT NULL,
	name_en     TEXT NOT NULL,
	period_type TEXT NOT NULL
);

CREATE TABLE dataset_element (
	dataset_id INTEGER NOT NULL REFERENCES dataset(id),
	element_id INTEGER NOT NULL REFERENCES element(id),
	sort       INTEGER NOT NULL,
	PRIMARY KEY (dataset_id, element_id)
) WITHOUT ROWID;

CREATE TABLE target (
	code    TEXT NOT NULL,
	area_id INTEGER NOT NULL REFERENCES area(id),
	period  TEXT NOT NULL,
	value   TEXT NOT NULL,
	PRIMARY KEY (code, area_id, period)
) WITHOUT ROWID;

CREATE TABLE device (
	id  INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE
);

-- One user action (a typed value, an imported file, a received sync
-- segment): who did it, when, on which device.
CREATE TABLE changeset (
	id        INTEGER PRIMARY KEY,
	device_id INTEGER NOT NULL REFERENCES device(id),
	author    TEXT NOT NULL,
	at        TEXT NOT NULL,
	source    TEXT NOT NULL DEFAULT ''
);

-- The current value of each (period, element, area, category), which is
-- also the latest change (operation) that wrote it: the change's id is
-- device:seq, it carries a hybrid logical clock (ms << 16 | counter) and
-- names the change it replaces. A NULL value is a deletion (tombstone).
CREATE TABLE datavalue (
	period       TEXT NOT NULL,
	element_id   INTEGER NOT NULL REFERENCES element(id),
	area_id      INTEGER NOT NULL REFERENCES area(id),
	category     TEXT NOT NULL DEFAULT '',
	value        TEXT,
	comment      TEXT NOT NULL DEFAULT '',
	followup     INTEGER NOT NULL DEFAULT 0,
	changeset_id INTEGER NOT NULL,
	device_id    INTEGER NOT NULL,
	seq          INTEGER NOT NULL,
	hlc          INTEGER NOT NULL,
	rep_device   INTEGER,
	rep_seq      INTEGER,
	PRIMARY KEY (period, element_id, area_id, category)
) WITHOUT ROWID;

-- Every value a datavalue row held before it was replaced.
CREATE TABLE value_history (
	period       TEXT NOT NULL,
	element_id   INTEGER NOT NULL,
	area_id      INTEGER NOT NULL,
	category     TEXT NOT NULL,
	value        TEXT,
	comment      TEXT NOT NULL,
	followup     INTEGER NOT NULL,
	changeset_id INTEGER NOT NULL,
	device_id    INTEGER NOT NULL,
	seq          INTEGER NOT NULL,
	hlc          INTEGER NOT NULL,
	rep_device   INTEGER,
	rep_seq      INTEGER
);
CREATE INDEX value_history_key ON value_history(element_id, area_id, period, category, seq);

-- The audit trail: every change of a value, with the value it replaced
-- (which is always in value_history), who made it, when and where.
CREATE VIEW audit AS
WITH change AS (
	SELECT * FROM datavalue
	UNION ALL
	SELECT * FROM value_history
)
SELECT e.code AS element, a.code AS area, c.period, c.category,
	old.value AS old_value, c.value AS new_value, c.comment, c.followup,
	cs.author AS changed_by, cs.at AS changed_at, d.uid AS device,
	d.uid || ':' || c.seq AS op_id,
	CASE WHEN c.rep_device IS NULL THEN NULL ELSE rd.uid || ':' || c.rep_seq END AS replaces,
	c.hlc, cs.source
FROM change c
JOIN element e ON e.id = c.element_id
JOIN area a ON a.id = c.area_id
JOIN device d ON d.id = c.device_id
JOIN changeset cs ON cs.id = c.changeset_id
LEFT JOIN device rd ON rd.id = c.rep_device
LEFT JOIN value_history old ON old.element_id = c.element_id AND old.area_id = c.area_id
	AND old.period = c.period AND old.category = c.category
	AND old.seq = c.rep_seq AND old.device_id = c.rep_device;

CREATE TABLE completeness (
	dataset_id INTEGER NOT NULL REFERENCES dataset(id),
	area_id    INTEGER NOT NULL REFERENCES area(id),
	period     TEXT NOT NULL,
	complete   INTEGER NOT NULL,
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	PRIMARY KEY (dataset_id, area_id, period)
) WITHOUT ROWID;
`,
	// 2: count what each imported file did, so a user can see it.
	`
ALTER TABLE changeset ADD COLUMN rows INTEGER NOT NULL DEFAULT 0;
ALTER TABLE changeset ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
`,
	// 3: the usual range of an element, validation rules, and the history
	// of marking data sets complete.
	`
ALTER TABLE element ADD COLUMN expected_min REAL;
ALTER TABLE element ADD COLUMN expected_max REAL;

CREATE TABLE validation_rule (
	id       INTEGER PRIMARY KEY,
	code     TEXT NOT NULL UNIQUE,
	name_vi  TEXT NOT NULL,
	name_en  TEXT NOT NULL,
	left     TEXT NOT NULL,
	operator TEXT NOT NULL,
	right    TEXT NOT NULL
);

CREATE TABLE completeness_log (
	id           INTEGER PRIMARY KEY,
	dataset_id   INTEGER NOT NULL REFERENCES dataset(id),
	area_id      INTEGER NOT NULL REFERENCES area(id),
	period       TEXT NOT NULL,
	complete     INTEGER NOT NULL,
	changeset_id INTEGER NOT NULL REFERENCES changeset(id)
);
CREATE INDEX completeness_log_key ON completeness_log(dataset_id, area_id, period);
`,
	// 4: sync. A key whose changes were made concurrently on several
	// devices has several heads: all of them are listed here (the winner
	// is the datavalue row, the others are in value_history). A change that
	// replaces more than one change (a resolution) names the others in
	// op_base. The rest is the state of the sync folder as this database
	// has seen it: the writers (devices) known, their verified segments,
	// the signed catalog versions, and what was refused.
	`
CREATE TABLE conflict_head (
	period     TEXT NOT NULL,
	element_id INTEGER NOT NULL,
	area_id    INTEGER NOT NULL,
	category   TEXT NOT NULL,
	device_id  INTEGER NOT NULL,
	seq        INTEGER NOT NULL,
	hlc        INTEGER NOT NULL,
	PRIMARY KEY (period, element_id, area_id, category, device_id, seq)
) WITHOUT ROWID;

CREATE TABLE op_base (
	device_id   INTEGER NOT NULL,
	seq         INTEGER NOT NULL,
	base_device INTEGER NOT NULL,
	base_seq    INTEGER NOT NULL,
	PRIMARY KEY (device_id, seq, base_device, base_seq)
) WITHOUT ROWID;

CREATE TABLE sync_writer (
	device_id     INTEGER PRIMARY KEY REFERENCES device(id),
	office        TEXT NOT NULL DEFAULT '',
	cert          BLOB,
	segments      INTEGER NOT NULL DEFAULT 0,
	last_manifest TEXT NOT NULL DEFAULT '',
	seen          INTEGER NOT NULL DEFAULT 0,
	max_hlc       INTEGER NOT NULL DEFAULT 0,
	status        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sync_segment (
	device_id INTEGER NOT NULL REFERENCES device(id),
	number    INTEGER NOT NULL,
	manifest  BLOB NOT NULL,
	sig       BLOB NOT NULL,
	data      BLOB NOT NULL,
	PRIMARY KEY (device_id, number)
);

CREATE TABLE sync_catalog (
	version INTEGER PRIMARY KEY,
	json    BLOB NOT NULL,
	sig     BLOB NOT NULL
);

CREATE TABLE sync_rejected (
	id     INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,
	writer TEXT NOT NULL,
	what   TEXT NOT NULL,
	reason TEXT NOT NULL
);
`,
	// 5: how an element aggregates over time (flow, level, average, none;
	// '' for "not said", see catalog.Element.TimeAggregationOrDefault) and
	// the changes of its definition (a JSON list of catalog.Definition).
	// The core elements of the default catalog, as it stood before, get
	// what the default catalog now says of them; the poor households lose
	// the "(chuẩn nghèo đa chiều)" of their name, now a qualifier of the
	// definitions from 2015 on.
	`
ALTER TABLE element ADD COLUMN time_aggregation TEXT NOT NULL DEFAULT '';
ALTER TABLE element ADD COLUMN definitions TEXT NOT NULL DEFAULT '';
UPDATE element SET time_aggregation = 'level' WHERE aggregation IN ('sum', 'count_yes', 'weighted_average') AND code IN
	('POP', 'HH_TOTAL', 'HH_POOR', 'HH_NEARPOOR', 'HH_ELEC', 'HH_WATER', 'HS_STD', 'SCHOOL_STD', 'NTM_STD', 'ROAD_CONCRETE', 'HI_COVER', 'INC_PC');
UPDATE element SET time_aggregation = 'flow' WHERE aggregation = 'sum' AND code IN ('HH_POOR_EXIT', 'HH_POOR_NEW', 'SS_SPEND', 'HOUSE_SUPPORT');
UPDATE element SET definitions = '[{"from":2015,"note_vi":"chuẩn nghèo đa chiều","note_en":"multidimensional poverty standard","qualifier_vi":"chuẩn nghèo đa chiều","qualifier_en":"multidimensional poverty standard","legal_basis":"Quyết định 59/2015/QĐ-TTg: chuẩn nghèo giai đoạn 2016–2020, áp dụng từ kỳ rà soát cuối năm 2015"},{"from":2022,"note_vi":"chuẩn nghèo mới","note_en":"new poverty standard","qualifier_vi":"chuẩn nghèo đa chiều","qualifier_en":"multidimensional poverty standard","legal_basis":"Nghị định 07/2021/NĐ-CP: chuẩn nghèo giai đoạn 2022–2025, kéo dài đến hết năm 2026 (Nghị định 351/2025/NĐ-CP)"},{"from":2027,"note_vi":"chuẩn nghèo mới","note_en":"new poverty standard","qualifier_vi":"chuẩn nghèo đa chiều","qualifier_en":"multidimensional poverty standard","legal_basis":"Nghị định 351/2025/NĐ-CP: chuẩn nghèo giai đoạn 2027–2030"}]'
	WHERE code IN ('HH_POOR', 'HH_NEARPOOR') AND aggregation = 'sum';
UPDATE element SET name_vi = 'Số hộ nghèo', name_en = 'Poor households'
	WHERE code = 'HH_POOR' AND name_vi = 'Số hộ nghèo (chuẩn nghèo đa chiều)';
`,
	// 6: the reporting cycle. Each step of a form's cycle (a data set for
	// an area and a period: submitted, returned, approved, reopened, or
	// changes dismissed) is a change like a value change: device:seq, a
	// clock, the steps it replaces in op_base. form_state is the step in
	// force of each form, the latest (by clock, then device id) of the
	// steps no other replaces. set_aside lists the value changes that do
	// not count: held by an approval, dismissed by the approver, or signed
	// after the cut of a revoked certificate; dismissed lists what dismiss
	// steps name, also before the change itself arrives. revocation keeps
	// the certificates revoked (they travel with the signed catalog), and
	// office_cert, at the province, the certificates it issued.
	`
ALTER TABLE dataset ADD COLUMN due_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dataset ADD COLUMN due_date TEXT NOT NULL DEFAULT '';

CREATE TABLE form_event (
	device_id    INTEGER NOT NULL,
	seq          INTEGER NOT NULL,
	hlc          INTEGER NOT NULL,
	dataset_id   INTEGER NOT NULL REFERENCES dataset(id),
	area_id      INTEGER NOT NULL REFERENCES area(id),
	period       TEXT NOT NULL,
	action       TEXT NOT NULL,
	comment      TEXT NOT NULL DEFAULT '',
	covers       TEXT NOT NULL DEFAULT '',
	changeset_id INTEGER NOT NULL REFERENCES changeset(id),
	revoked      INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (device_id, seq)
);
CREATE INDEX form_event_form ON form_event(dataset_id, period, area_id);

CREATE TABLE form_state (
	dataset_id INTEGER NOT NULL,
	area_id    INTEGER NOT NULL,
	period     TEXT NOT NULL,
	device_id  INTEGER NOT NULL,
	seq        INTEGER NOT NULL,
	action     TEXT NOT NULL,
	heads      INTEGER NOT NULL,
	PRIMARY KEY (dataset_id, period, area_id)
) WITHOUT ROWID;
CREATE INDEX form_state_area ON form_state(area_id, period);

CREATE TABLE set_aside (
	device_id  INTEGER NOT NULL,
	seq        INTEGER NOT NULL,
	reason     TEXT NOT NULL,
	dataset_id INTEGER NOT NULL DEFAULT 0,
	period     TEXT NOT NULL,
	element_id INTEGER NOT NULL,
	area_id    INTEGER NOT NULL,
	category   TEXT NOT NULL,
	PRIMARY KEY (device_id, seq, reason, dataset_id)
) WITHOUT ROWID;
CREATE INDEX set_aside_key ON set_aside(area_id, period, element_id, category);

CREATE TABLE dismissed (
	device_id    INTEGER NOT NULL,
	seq          INTEGER NOT NULL,
	by_device    INTEGER NOT NULL,
	by_seq       INTEGER NOT NULL,
	PRIMARY KEY (device_id, seq, by_device, by_seq)
) WITHOUT ROWID;

CREATE TABLE revocation (
	serial TEXT PRIMARY KEY,
	office TEXT NOT NULL,
	at     TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	cut    TEXT NOT NULL DEFAULT '[]'
);

ALTER TABLE sync_writer ADD COLUMN received_at TEXT NOT NULL DEFAULT '';

-- The audit trail of values, as in migration 1, except that the value a
-- change replaced may also be the value shown (a change kept aside by an
-- approval replaces the value shown, which stays).
DROP VIEW audit;
CREATE VIEW audit AS
WITH change AS (
	SELECT * FROM datavalue
	UNION ALL
	SELECT * FROM value_history
)
SELECT e.code AS element, a.code AS area, c.period, c.category,
	old.value AS old_value, c.value AS new_value, c.comment, c.followup,
	cs.author AS changed_by, cs.at AS changed_at, d.uid AS device,
	d.uid || ':' || c.seq AS op_id,
	CASE WHEN c.rep_device IS NULL THEN NULL ELSE rd.uid || ':' || c.rep_seq END AS replaces,
	c.hlc, cs.source
FROM change c
JOIN element e ON e.id = c.element_id
JOIN area a ON a.id = c.area_id
JOIN device d ON d.id = c.device_id
JOIN changeset cs ON cs.id = c.changeset_id
LEFT JOIN device rd ON rd.id = c.rep_device
LEFT JOIN change old ON old.element_id = c.element_id AND old.area_id = c.area_id
	AND old.period = c.period AND old.category = c.category
	AND old.seq = c.rep_seq AND old.device_id = c.rep_device;

-- The audit trail of report steps: who sent, returned, approved or
-- reopened which report, when, with what remark.
CREATE VIEW report_audit AS
SELECT ds.code AS dataset, a.code AS area, f.period, f.action, f.comment, cs.author AS changed_by, cs.at AS changed_at,
	d.uid AS device, d.uid || ':' || f.seq AS op_id, f.hlc, f.revoked
FROM form_event f
JOIN dataset ds ON ds.id = f.dataset_id
JOIN area a ON a.id = f.area_id
JOIN device d ON d.id = f.device_id
JOIN changeset cs ON cs.id = f.changeset_id;

CREATE TABLE office_cert (
	serial    TEXT PRIMARY KEY,
	office    TEXT NOT NULL,
	cert      BLOB NOT NULL,
	issued_at TEXT NOT NULL
);
`,
	// 7: a catalog version may be signed by the province's office key, whose
	// certificate (signed by the root) is kept with it, so that the root key
	// is needed only to issue office files.
	`ALTER TABLE sync_catalog ADD COLUMN signer BLOB;`,
	// 8: the official fields of the catalog: what the official lists say
	// of elements, indicators and forms (a JSON catalog.Official: official
	// code, group, breakdowns, publication period, legal bases), a form's
	// symbol, units and validity, the legal bases with their dates, and
	// the forms' layouts (a JSON catalog.Layout each). The catalog's
	// version marker is the meta key catalog_version.
	`
ALTER TABLE element ADD COLUMN official TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator ADD COLUMN official TEXT NOT NULL DEFAULT '';
ALTER TABLE dataset ADD COLUMN form_symbol TEXT NOT NULL DEFAULT '';
ALTER TABLE dataset ADD COLUMN reporting_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE dataset ADD COLUMN receiving_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE dataset ADD COLUMN valid_from TEXT NOT NULL DEFAULT '';
ALTER TABLE dataset ADD COLUMN valid_to TEXT NOT NULL DEFAULT '';
ALTER TABLE dataset ADD COLUMN official TEXT NOT NULL DEFAULT '';

CREATE TABLE legal_basis (
	id         INTEGER PRIMARY KEY,
	code       TEXT NOT NULL UNIQUE,
	number     TEXT NOT NULL,
	title_vi   TEXT NOT NULL DEFAULT '',
	title_en   TEXT NOT NULL DEFAULT '',
	issued     TEXT NOT NULL DEFAULT '',
	valid_from TEXT NOT NULL DEFAULT '',
	valid_to   TEXT NOT NULL DEFAULT '',
	replaces   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE form_layout (
	id      INTEGER PRIMARY KEY,
	code    TEXT NOT NULL UNIQUE,
	dataset TEXT NOT NULL,
	body    TEXT NOT NULL
);
`,
	// 9: the status of each change of a value: '' for an official figure
	// (chính thức), 'E' for an estimate (ước tính, ước thực hiện). It is a
	// field of the change like its comment, so an estimate made official is
	// a new change whose history keeps the estimate, its date and author.
	`
ALTER TABLE datavalue ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE value_history ADD COLUMN status TEXT NOT NULL DEFAULT '';

-- The audit trail of values, as in migration 6, with each change's status.
DROP VIEW audit;
CREATE VIEW audit AS
WITH change AS (
	SELECT * FROM datavalue
	UNION ALL
	SELECT * FROM value_history
)
SELECT e.code AS element, a.code AS area, c.period, c.category,
	old.value AS old_value, c.value AS new_value, c.comment, c.followup, c.status,
	cs.author AS changed_by, cs.at AS changed_at, d.uid AS device,
	d.uid || ':' || c.seq AS op_id,
	CASE WHEN c.rep_device IS NULL THEN NULL ELSE rd.uid || ':' || c.rep_seq END AS replaces,
	c.hlc, cs.source
FROM change c
JOIN element e ON e.id = c.element_id
JOIN area a ON a.id = c.area_id
JOIN device d ON d.id = c.device_id
JOIN changeset cs ON cs.id = c.changeset_id
LEFT JOIN device rd ON rd.id = c.rep_device
LEFT JOIN change old ON old.element_id = c.element_id AND old.area_id = c.area_id
	AND old.period = c.period AND old.category = c.category
	AND old.seq = c.rep_seq AND old.device_id = c.rep_device;
`,
	// 10: the parents an area had over time (a commune handed to another
	// district: one row a span, the last being area.parent_id), the share
	// of a split area's population each successor took over (NULL where
	// the source gives none), and the names an area had before its
	// current one.
	`
CREATE TABLE area_parent_span (
	area_id    INTEGER NOT NULL REFERENCES area(id),
	parent_id  INTEGER NOT NULL REFERENCES area(id),
	valid_from TEXT NOT NULL DEFAULT '',
	valid_to   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (area_id, valid_from)
) WITHOUT ROWID;
ALTER TABLE area_successor ADD COLUMN share REAL;

CREATE TABLE area_former_name (
	area_id  INTEGER NOT NULL REFERENCES area(id),
	sort     INTEGER NOT NULL,
	name     TEXT NOT NULL,
	valid_to TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (area_id, sort)
) WITHOUT ROWID;
`,
	// 11: subtotals of the areas with children, kept up to date with the
	// values (see subtotal.go); built when the store opens.
	`
CREATE TABLE subtotal (
	period     TEXT NOT NULL,
	element_id INTEGER NOT NULL,
	area_id    INTEGER NOT NULL,
	category   TEXT NOT NULL,
	own        REAL,
	own_est    INTEGER NOT NULL DEFAULT 0,
	n          INTEGER NOT NULL,
	sum        REAL NOT NULL,
	est        INTEGER NOT NULL DEFAULT 0,
	wsum       REAL NOT NULL DEFAULT 0,
	PRIMARY KEY (period, element_id, area_id, category)
) WITHOUT ROWID;
`,
}
