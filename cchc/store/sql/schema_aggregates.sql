-- Aggregate reports (Biểu II.06a/VPCP/KSTT, 07a/BTP, a city's "tổng hợp theo đơn vị") and the
-- live feed's run log. Written by cchc/importer/aggregates.py (through the store's one writer)
-- and cchc/sync/; read by queries/dossier_balance.sql and friends. See docs/import.md.

-- What a unit REPORTED for a period, one row per unit and period: counts as the form gives
-- them, never computed from dossiers and never added to counts computed from dossiers. The
-- balance queries use a row only for a (unit, period) without any dossier in scope, and flag
-- it (reported = true). The balance identity holds on every row (checked on import):
--   received_total = received_new + carried_over,  received_new = online + in person/postal,
--   resolved = early + on_time + late,  in_progress = within + overdue,
--   received_total = resolved + in_progress + withdrawn.
CREATE TABLE IF NOT EXISTS reported_balances (
    unit_code                 VARCHAR NOT NULL,
    period_start              DATE NOT NULL,
    period_end                DATE NOT NULL,
    received_total            INTEGER NOT NULL CHECK (received_total >= 0),   -- (1)
    received_new              INTEGER NOT NULL CHECK (received_new >= 0),     -- (2) trong kỳ
    received_online           INTEGER NOT NULL CHECK (received_online >= 0),  -- (3) trực tuyến
    received_in_person_postal INTEGER NOT NULL CHECK (received_in_person_postal >= 0), -- (4) trực tiếp, bưu chính
    carried_over              INTEGER NOT NULL CHECK (carried_over >= 0),     -- (5) kỳ trước chuyển qua
    resolved                  INTEGER NOT NULL CHECK (resolved >= 0),         -- (6)
    early                     INTEGER NOT NULL CHECK (early >= 0),            -- (7) trước hạn
    on_time                   INTEGER NOT NULL CHECK (on_time >= 0),          -- (8) đúng hạn
    late                      INTEGER NOT NULL CHECK (late >= 0),             -- (9) quá hạn
    in_progress               INTEGER NOT NULL CHECK (in_progress >= 0),      -- (10)
    in_progress_within        INTEGER NOT NULL CHECK (in_progress_within >= 0),  -- (11) trong hạn
    in_progress_overdue       INTEGER NOT NULL CHECK (in_progress_overdue >= 0), -- (12) quá hạn
    withdrawn                 INTEGER NOT NULL CHECK (withdrawn >= 0),        -- (13) rút hồ sơ
    load_id                   INTEGER,                                        -- the import that wrote it
    PRIMARY KEY (unit_code, period_start, period_end),
    CHECK (period_end >= period_start),
    CHECK (received_total = received_new + carried_over),
    CHECK (received_new = received_online + received_in_person_postal),
    CHECK (resolved = early + on_time + late),
    CHECK (in_progress = in_progress_within + in_progress_overdue),
    CHECK (received_total = resolved + in_progress + withdrawn)
);

-- What each aggregate import replaced, so that it can be undone (cchc/importer/load.py).
CREATE TABLE IF NOT EXISTS load_before_reported_balances AS
    SELECT NULL::INTEGER AS change_load_id, NULL::BOOLEAN AS row_existed, * FROM reported_balances LIMIT 0;

-- One row per run of the live feed (python -m cchc sync, cchc/sync/): where it read from
-- (the address without its password), the change timestamps it covered, what it did. The
-- next run resumes after the last row (change timestamp, code) of the last batch written; a
-- run writes one row per batch, each in the same transaction as the batch's dossiers.
CREATE TABLE IF NOT EXISTS sync_log (
    run_id       INTEGER PRIMARY KEY,
    source       VARCHAR NOT NULL,            -- postgresql://user@host:port/db (no password)
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP NOT NULL,
    since        TIMESTAMP,                   -- rows changed after this were read (NULL: all)
    high_water   TIMESTAMP,                   -- the last row read: its change timestamp ...
    high_water_code VARCHAR,                  -- ... and its dossier code (rows are read in this order)
    read_rows    INTEGER NOT NULL,
    inserted     INTEGER NOT NULL,
    updated      INTEGER NOT NULL,
    unchanged    INTEGER NOT NULL,
    rejected     INTEGER NOT NULL,
    load_id      INTEGER                      -- the load_log row of its changes (NULL: none)
);
