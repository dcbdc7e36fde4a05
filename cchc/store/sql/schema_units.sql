-- Units as a dated hierarchy with official codes, and their lineage across the reform of
-- 1 July 2025 (two-tier local government: no district level). Run after schema.sql by
-- cchc.store.db.create_schema; every statement is idempotent, so an older database gets the
-- new columns and tables when it is next written (queries/rollups_state.sql lists the tables).
-- The reference data are generated from the package vietnamadminunits by
-- python -m cchc.datagen.units (data/admin_units.csv, admin_lineage.csv, units.csv,
-- unit_lineage.csv).

-- The desks that receive dossiers (table units of schema.sql), keyed by their slugs as
-- before; official codes are columns. official_code: the administrative unit's code
-- (mã đơn vị hành chính, e.g. '09574'; a district's desk carries the district's code);
-- id_code: the unit ID code (mã định danh, e.g. 'H44.100'; may be empty); level: 'province',
-- 'district', 'commune' (xã, phường, đặc khu), 'department' (a provincial department) or
-- 'desk' (a one-stop desk of a district).
ALTER TABLE units ADD COLUMN IF NOT EXISTS official_code VARCHAR;
ALTER TABLE units ADD COLUMN IF NOT EXISTS id_code VARCHAR;
ALTER TABLE units ADD COLUMN IF NOT EXISTS level VARCHAR;

-- The country's administrative units, before (valid_to 2025-06-30) and since (valid_from
-- 2025-07-01) the reform. An official code is re-used across the reform (09574 was phường
-- Ngô Quyền and is phường Sơn Tây), so a code is unique only with its validity.
-- level: province, district or commune; kind: province, district, ward, commune, township,
-- special_zone. parent_code: the official code of the parent valid at the same time.
CREATE TABLE IF NOT EXISTS admin_units (
    official_code VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    short_name    VARCHAR NOT NULL,
    level         VARCHAR NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    kind          VARCHAR NOT NULL,
    parent_code   VARCHAR,
    valid_from    DATE,                        -- NULL: since before the data
    valid_to      DATE,                        -- NULL: still exists
    lat           DOUBLE,
    lon           DOUBLE
);

-- Old commune (or island district) -> new commune on 1 July 2025, for the whole country:
-- whole (the old unit went entirely into the new one) or in part; a divided old unit has
-- exactly one default new unit (is_default), to which its history is assigned.
CREATE TABLE IF NOT EXISTS admin_lineage (
    old_code   VARCHAR NOT NULL,               -- official code valid until 2025-06-30
    new_code   VARCHAR NOT NULL,               -- official code valid from 2025-07-01
    is_whole   BOOLEAN NOT NULL,
    is_default BOOLEAN NOT NULL,
    PRIMARY KEY (old_code, new_code)
);

-- The same lineage for the desks of table units, by slug, resolved to the current units
-- (through earlier mergers too). new_unit_code is NULL when the new unit is not in units
-- (it took only a part, never the default).
CREATE TABLE IF NOT EXISTS unit_lineage (
    old_unit_code     VARCHAR NOT NULL,
    new_unit_code     VARCHAR,
    new_official_code VARCHAR NOT NULL,
    is_whole          BOOLEAN NOT NULL,
    is_default        BOOLEAN NOT NULL,
    PRIMARY KEY (old_unit_code, new_official_code)
);

-- How each unit is shown: history = 'then' (as the units were: every unit as itself) or
-- 'today' (as today's units: a unit that ended goes to its default successor). is_approx:
-- the unit was divided, so assigning all its dossiers to the default successor is an
-- approximation. One row per unit of table units.
CREATE OR REPLACE MACRO unit_shown(history) AS TABLE
SELECT
    u.unit_code,
    CASE WHEN history = 'today' THEN coalesce(l.new_unit_code, u.unit_code) ELSE u.unit_code END AS shown_code,
    coalesce(history = 'today' AND l.new_unit_code IS NOT NULL AND NOT l.is_whole, false) AS is_approx
FROM units AS u
LEFT JOIN unit_lineage AS l
    ON l.old_unit_code = u.unit_code AND l.is_default AND l.new_unit_code IS NOT NULL;
