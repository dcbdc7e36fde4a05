-- The CCHC dashboard database: one DuckDB file.
-- Documented for people who query it with their own tools in docs/schema.md.
-- Every table is created here and nowhere else; every writer (cchc/store/writer.py) runs this file
-- and dossier_period.sql through cchc.store.db.create_schema.

-- Administrative units: the town (district) one-stop desk and the communes/wards.
-- Units change over time (mergers), so they carry validity dates instead of living in code.
CREATE TABLE IF NOT EXISTS units (
    unit_code    VARCHAR PRIMARY KEY,          -- readable slug: 'xuan-khanh', 'duong-lam', 'thi-xa'
    name         VARCHAR NOT NULL,             -- display name: 'Phường Xuân Khanh'
    short_name   VARCHAR NOT NULL,             -- name without the prefix: 'Xuân Khanh'
    kind         VARCHAR NOT NULL CHECK (kind IN ('town', 'ward', 'commune')),
    parent_code  VARCHAR,                      -- the town/district a commune/ward belongs to
    valid_from   DATE,                         -- NULL: since ever
    valid_to     DATE,                         -- NULL: still exists
    is_synthetic BOOLEAN NOT NULL DEFAULT false -- true for generated scale-test units
);

-- Fields (lĩnh vực) of administrative procedures.
CREATE TABLE IF NOT EXISTS fields (
    field_code VARCHAR PRIMARY KEY,            -- 'dat-dai', 'ho-tich' ...
    name       VARCHAR NOT NULL                -- 'Đất đai'
);

-- The procedure catalogue (thủ tục hành chính). Its history is in procedure_events.
CREATE TABLE IF NOT EXISTS procedures (
    procedure_code  VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    field_code      VARCHAR NOT NULL,
    level           VARCHAR NOT NULL CHECK (level IN ('district', 'commune')),
    processing_days INTEGER CHECK (processing_days >= 0),  -- statutory time, working days
    online_level    VARCHAR CHECK (online_level IN ('1', '2', '3', '4', 'full', 'partial'))
);

-- Publication / amendment / abolition of procedures by effective date.
-- A procedure is in force on day D when its latest 'published' event is on or before D
-- and no 'abolished' event follows it on or before D.
CREATE TABLE IF NOT EXISTS procedure_events (
    procedure_code VARCHAR NOT NULL,
    effective_date DATE NOT NULL,
    event          VARCHAR NOT NULL CHECK (event IN ('published', 'amended', 'abolished')),
    decision       VARCHAR,                    -- the decision that made the change
    PRIMARY KEY (procedure_code, effective_date, event)
);

-- Working-day calendar: weekends and Vietnamese public holidays (Tết included) are off;
-- government-swapped working days are in the data, not computed by rule at query time.
CREATE TABLE IF NOT EXISTS calendar (
    date           DATE PRIMARY KEY,
    is_working_day BOOLEAN NOT NULL,
    holiday_name   VARCHAR
);

-- One row per dossier (hồ sơ). No personal data of applicants is stored.
-- state: 1 registered online, 2 received, 3 refused at reception, 4 processing,
--        5 supplement requested, 6 waiting for fees, 7 withdrawn, 8 processing stopped,
--        9 processed, 10 result handed back (domain.md §3).
-- finished_date is the day the dossier left processing: resolved (9, 10) or withdrawn (7).
CREATE TABLE IF NOT EXISTS dossiers (
    dossier_code             VARCHAR PRIMARY KEY,
    unit_code                VARCHAR NOT NULL,
    procedure_code           VARCHAR NOT NULL,
    channel                  VARCHAR NOT NULL CHECK (channel IN ('in_person', 'online', 'postal')),
    received_date            DATE NOT NULL,
    due_date                 DATE,
    finished_date            DATE,
    returned_date            DATE,             -- result handed to the applicant
    state                    TINYINT NOT NULL CHECK (state BETWEEN 1 AND 10),
    received_time            TIME,
    finished_time            TIME,
    supplement_requested_date DATE,
    supplement_supplied_date DATE,
    supplement_count         TINYINT NOT NULL DEFAULT 0,
    load_id                  INTEGER,          -- the import that wrote the row (NULL: demo)
    CHECK ((state IN (7, 9, 10)) = (finished_date IS NOT NULL)),
    CHECK (finished_date IS NULL OR finished_date >= received_date)
);

-- PAR index (chỉ số CCHC) criteria per year, with their maximum points.
CREATE TABLE IF NOT EXISTS par_criteria (
    year          INTEGER NOT NULL,
    criterion_code VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    max_points    DECIMAL(6, 2) NOT NULL CHECK (max_points > 0),
    is_demo       BOOLEAN NOT NULL DEFAULT false, -- demo max points, not an official frame
    PRIMARY KEY (year, criterion_code)
);

CREATE TABLE IF NOT EXISTS par_scores (
    year           INTEGER NOT NULL,
    unit_code      VARCHAR NOT NULL,
    criterion_code VARCHAR NOT NULL,
    points         DECIMAL(6, 2) NOT NULL CHECK (points >= 0),
    PRIMARY KEY (year, unit_code, criterion_code)
);

-- What the file holds: 'demo' data or a district's own ('real'), and when it was built.
CREATE TABLE IF NOT EXISTS dataset_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- Every import, so that it can be audited and undone. No personal values here either.
CREATE TABLE IF NOT EXISTS load_log (
    load_id     INTEGER PRIMARY KEY,
    file_name   VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    inserted    INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    loaded_at   TIMESTAMP NOT NULL,
    undone_at   TIMESTAMP
);

-- What each import changed, so that it can be undone (cchc/importer/load.py). One table per
-- table an import writes: the load (change_load_id), whether the row existed before it
-- (row_existed), then the row as it was, or only its key when the load added it (undo
-- deletes it). Same columns as the table they shadow, so no personal data here either.
CREATE TABLE IF NOT EXISTS load_before_dossiers AS
    SELECT NULL::INTEGER AS change_load_id, NULL::BOOLEAN AS row_existed, * FROM dossiers LIMIT 0;
CREATE TABLE IF NOT EXISTS load_before_procedures AS
    SELECT NULL::INTEGER AS change_load_id, NULL::BOOLEAN AS row_existed, * FROM procedures LIMIT 0;
CREATE TABLE IF NOT EXISTS load_before_fields AS
    SELECT NULL::INTEGER AS change_load_id, NULL::BOOLEAN AS row_existed, * FROM fields LIMIT 0;
CREATE TABLE IF NOT EXISTS load_before_procedure_events AS
    SELECT NULL::INTEGER AS change_load_id, NULL::BOOLEAN AS row_existed, * FROM procedure_events LIMIT 0;
CREATE TABLE IF NOT EXISTS load_before_par_criteria AS
    SELECT NULL::INTEGER AS change_load_id, NULL::BOOLEAN AS row_existed, * FROM par_criteria LIMIT 0;
CREATE TABLE IF NOT EXISTS load_before_par_scores AS
    SELECT NULL::INTEGER AS change_load_id, NULL::BOOLEAN AS row_existed, * FROM par_scores LIMIT 0;

-- For every calendar day, the first working day on or after it. A due date that falls on
-- a weekend or holiday moves to the next working day (the usual rule for deadlines).
CREATE OR REPLACE VIEW next_working_day AS
SELECT date,
       min(CASE WHEN is_working_day THEN date END) OVER (
           ORDER BY date ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_working_day
FROM calendar;

-- THE classification of dossiers for a period, dossier_period(period_start, period_end), is
-- written once in dossier_period.sql (next to this file) and created with it by
-- cchc.store.db.create_schema; the rollups instantiate the same text over recent rows.

-- Procedures in force on a day: published on or before it and not abolished since.
CREATE OR REPLACE MACRO procedures_in_force(on_date) AS TABLE
WITH last_event AS (
    SELECT procedure_code,
           arg_max(event, effective_date ORDER BY effective_date, event = 'abolished') AS last_event,
           min(effective_date) FILTER (WHERE event = 'published') AS published_date
    FROM procedure_events
    WHERE effective_date <= on_date AND event IN ('published', 'abolished')
    GROUP BY procedure_code
)
SELECT p.*, l.published_date
FROM procedures AS p
JOIN last_event AS l USING (procedure_code)
WHERE l.last_event = 'published';
