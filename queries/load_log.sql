-- What it answers: the history of imports into this database, newest first: the file's type and
--   SHA-256 (never its name), what it held, how many rows were inserted / updated / rejected, when it was
--   loaded and, if so, when it was undone. No personal data is ever logged.
-- Grain: one row per load.
-- Parameters: none.
with loads as (
    select load_id, file_name, sha256, kind, inserted, updated, rejected, loaded_at, undone_at
    from load_log
),

final as (
    select *, undone_at is null as is_active
    from loads
)

select * from final
order by load_id desc
