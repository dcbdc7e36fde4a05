-- What it answers: which inputs of the Decision 766 index the database holds: for each table
--   of cchc/store/schema_766.sql, whether it exists and how many rows (demo rows apart).
-- Grain: one row per existing 766 table. Parameters: none.
-- A Parquet folder (cchc/store/parquet.py) has views instead of tables, each with its row
-- count as its comment.
with catalog as (
    select table_name, estimated_size as rows
    from duckdb_tables()
    where database_name = current_database()
    union all
    select view_name, try_cast(comment as bigint)
    from duckdb_views()
    where database_name = current_database() and not internal
)

select table_name, rows
from catalog
where table_name in ('dossier_services_766', 'procedure_services_766', 'feedback_766', 'unit_services_766')
order by table_name
