-- Inputs of the Decision 766 index (Decision 766/QĐ-TTg, 23/6/2022) that the core schema
-- (schema.sql) does not hold. Idempotent: every statement is CREATE ... IF NOT EXISTS, so the
-- file can run on any database, old or new, any number of times (cchc/score766/inputs.py).
-- Every table is optional: a group of the index whose inputs are absent shows "no data" and
-- what to load, never a zero. No personal data of applicants here either.
-- Documented in docs/766.md.

-- One row per dossier: what the one-stop software records about the dossier beyond the
-- core columns. NULL = not known (not recorded), which is not the same as false.
CREATE TABLE IF NOT EXISTS dossier_services_766 (
    dossier_code            VARCHAR PRIMARY KEY,   -- dossiers.dossier_code
    ended_date              DATE,      -- end of processing for states without finished_date:
                                       -- stopped (8) or refused after reception
    refused_after_reception BOOLEAN,   -- refused after it had been received (portal: finishes it)
    has_fee                 BOOLEAN,   -- carries a fee or tax obligation
    paid_online             BOOLEAN,   -- the fee was paid online (successfully)
    digitised               BOOLEAN,   -- its components were digitised (số hóa hồ sơ)
    e_result                BOOLEAN,   -- an electronic result was issued
    reused_data             BOOLEAN,   -- digitised data were reused instead of asking again
    personal_store          BOOLEAN,   -- linked to the applicant's personal data store on the portal
    population_data         BOOLEAN,   -- VNeID / national population data used
    synced_portal           BOOLEAN,   -- synchronised to the national public-service portal
    rating                  TINYINT CHECK (rating BETWEEN 1 AND 5),  -- applicant's rating (5 best)
    complaint               BOOLEAN,   -- the applicant complained about the handling
    is_demo                 BOOLEAN NOT NULL DEFAULT false
);

-- One row per procedure: the facts of the catalogue the index scores.
CREATE TABLE IF NOT EXISTS procedure_services_766 (
    procedure_code        VARCHAR PRIMARY KEY,   -- procedures.procedure_code
    fee_bearing           BOOLEAN,   -- the procedure carries a fee or charge
    fully_online_eligible BOOLEAN,   -- eligible to be provided fully online (toàn trình)
    publish_due_date      DATE,      -- the date by which it had to be published
    published_date        DATE,      -- the date it was published on the national database
    content_complete      BOOLEAN,   -- published with all its parts
    population_linked     BOOLEAN,   -- connected to the population database for its handling
    is_demo               BOOLEAN NOT NULL DEFAULT false
);

-- One row per item of citizen feedback (phản ánh, kiến nghị: PAKN) about a unit.
CREATE TABLE IF NOT EXISTS feedback_766 (
    feedback_id    VARCHAR PRIMARY KEY,
    unit_code      VARCHAR NOT NULL,
    received_date  DATE NOT NULL,
    due_date       DATE,            -- 15 working days after reception unless the law says otherwise
    answered_date  DATE,
    satisfied      BOOLEAN,         -- the sender was satisfied with the answer (NULL: not rated)
    is_demo        BOOLEAN NOT NULL DEFAULT false,
    CHECK (answered_date IS NULL OR answered_date >= received_date)
);

-- One row per unit and year: facts scored per unit rather than per dossier.
CREATE TABLE IF NOT EXISTS unit_services_766 (
    unit_code         VARCHAR NOT NULL,
    year              INTEGER NOT NULL,
    e_certified_copy  BOOLEAN,    -- provides electronic certified copies from originals
    is_demo           BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (unit_code, year)
);

-- What each import of these inputs changed, so that it can be undone (cchc/importer/load.py,
-- cchc/importer/services766.py): the same shadows as schema.sql's load_before_* tables.
CREATE TABLE IF NOT EXISTS load_before_dossier_services_766 AS
    SELECT NULL::INTEGER AS change_load_id, NULL::BOOLEAN AS row_existed, * FROM dossier_services_766 LIMIT 0;
CREATE TABLE IF NOT EXISTS load_before_procedure_services_766 AS
    SELECT NULL::INTEGER AS change_load_id, NULL::BOOLEAN AS row_existed, * FROM procedure_services_766 LIMIT 0;
CREATE TABLE IF NOT EXISTS load_before_feedback_766 AS
    SELECT NULL::INTEGER AS change_load_id, NULL::BOOLEAN AS row_existed, * FROM feedback_766 LIMIT 0;
CREATE TABLE IF NOT EXISTS load_before_unit_services_766 AS
    SELECT NULL::INTEGER AS change_load_id, NULL::BOOLEAN AS row_existed, * FROM unit_services_766 LIMIT 0;
