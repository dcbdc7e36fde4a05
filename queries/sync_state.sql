-- What it answers: the live feed's last run (python -m cchc sync, cchc/sync/feed.py): when it
--   finished, where it read from (no password), up to which change time, and what it did.
-- Grain: at most one row, the last batch written (sync_log); none when the feed never ran.
-- Parameters: none.
with runs as (
    select source, finished_at, high_water, read_rows, inserted, updated, rejected, run_id
    from sync_log
),

final as (
    select * exclude (run_id)
    from runs
    order by run_id desc
    limit 1
)

select * from final
