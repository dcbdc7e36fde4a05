-- What it answers: whether the rollups of cchc/store/rollups.py (dossier_flows_monthly,
--   dossiers_long_running, the dossier_period_recent, dossier_flows_between and dossier_balance_counts macros) are
--   in the database and were built from its current dossiers, i.e. whether the period
--   queries that read them can be trusted, and whether the tables added since (directions,
--   the Decision 766 inputs and their undo shadows, the users, the aggregate reports and the sync log, the units'
--   hierarchy and lineage) exist. A database written by an older version of the
--   dashboard has no stamp or lacks a table: fresh = false, and the start-up path rewrites it.
-- Grain: one row: stamp (the dossier count recorded by rollups.refresh, NULL if none),
--   dossiers (the current count), fresh (BOOLEAN).
-- Parameters: none.
with stamp as (
    select max(value) as stamp
    from dataset_info
    where key = 'rollups_dossiers'
),

objects as (
    select count(*) as present
    from duckdb_functions()
    where function_name in ('dossier_period_recent', 'dossier_flows_between', 'dossier_balance_counts')
      and database_name = current_database()
),

tables as (
    -- a Parquet folder (cchc/store/parquet.py) has a view for each table
    select count(*) as present
    from (select table_name, database_name from duckdb_tables()
          union all
          select view_name, database_name from duckdb_views() where not internal)
    where table_name in ('dossier_flows_monthly', 'dossiers_long_running', 'directions',
                         'dossier_services_766', 'procedure_services_766', 'feedback_766', 'unit_services_766', 'app_users',
                         'reported_balances', 'sync_log', 'admin_units', 'admin_lineage', 'unit_lineage',
                         'load_before_dossier_services_766', 'load_before_procedure_services_766',
                         'load_before_feedback_766', 'load_before_unit_services_766')
      and database_name = current_database()
),

final as (
    select
        s.stamp,
        (select count(*) from dossiers) as dossiers,
        coalesce(s.stamp = (select count(*) from dossiers)::VARCHAR, false)
            and o.present = 3 and t.present = 17 as fresh
    from stamp as s, objects as o, tables as t
)

select * from final
