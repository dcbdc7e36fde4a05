-- What it answers: which procedures of the catalogue (in force or not) match a search text
--   in their name or code, ignoring case and Vietnamese diacritics ('dang ky' finds
--   'Đăng ký'), with their status on a day and their publication history.
-- Grain: one row per matching procedure, at most 200, in force first, by name.
-- Parameters: $pattern (VARCHAR: the search text; matched as a substring, its own % and _
--   are literal); $on_date (DATE): the day the status is given for;
--   $fields (VARCHAR[], empty = all).
with needle as (
    select
        '%' || replace(replace(replace(
            replace(strip_accents(lower(trim($pattern))), 'đ', 'd'),
            '\', '\\'), '%', '\%'), '_', '\_') || '%' as like_pattern
),

history as (
    select
        procedure_code,
        min(effective_date) filter (where event = 'published') as published_date,
        max(effective_date) filter (where event = 'amended') as last_amended_date,
        max(effective_date) filter (where event = 'abolished') as abolished_date
    from procedure_events
    group by all
),

matches as (
    select p.*
    from procedures as p, needle as n
    where (len($fields) = 0 or list_contains($fields, p.field_code))
      and (replace(strip_accents(lower(p.name)), 'đ', 'd') ilike n.like_pattern escape '\'
           or replace(strip_accents(lower(p.procedure_code)), 'đ', 'd') ilike n.like_pattern escape '\')
),

final as (
    select
        m.procedure_code,
        m.name as procedure_name,
        m.field_code,
        coalesce(f.name, m.field_code) as field_name,
        m.level,
        m.processing_days,
        m.online_level,
        i.procedure_code is not null as in_force,
        h.published_date,
        h.last_amended_date,
        h.abolished_date
    from matches as m
    left join fields as f on f.field_code = m.field_code
    left join history as h on h.procedure_code = m.procedure_code
    left join procedures_in_force($on_date::DATE) as i on i.procedure_code = m.procedure_code
)

select * from final
order by in_force desc, procedure_name collate vi, procedure_code
limit 200
