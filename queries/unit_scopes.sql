-- What it answers: which scopes contain which units, for the sidebar's scope and the URL's
--   scope=<official code>: a scope is an administrative unit of admin_units (a province such
--   as 01, a former district such as 269, a commune such as 09574), and a unit (a desk of table
--   units) is inside it when the scope is on the unit's chain of parents.
-- How: a unit's own administrative unit is the admin_units row of its official_code whose
--   validity overlaps the unit's (a code is re-used across the reform: 09574 was phường Ngô
--   Quyền until 2025-06-30 and is phường Sơn Tây since); a unit without an official code takes
--   its parent desk's (units.parent_code: a ward without a code inside its district's desk, a
--   department inside its province's desk). From there up parent_code, each parent valid at
--   some time its child was. A unit is also inside the scopes of the unit it is shown as "as
--   today's units" (its default successor, macro unit_shown): a commune's scope holds its
--   predecessors, so both ways of seeing history read the same dossiers.
-- Grain: one row per unit and scope containing it. scope_name and scope_level are the code's
--   latest (the name it has now, or had last); scope_ended: the code's latest row ended (a
--   former district, a commune that did not survive 1 July 2025); scope_rank orders the
--   scopes: provinces, then districts, then communes.
-- Parameters: none.
with recursive
own_code as (
    select u.unit_code, coalesce(u.official_code, p.official_code) as official_code,
           coalesce(u.valid_from, DATE '0001-01-01') as valid_from,
           coalesce(u.valid_to, DATE '9999-12-31') as valid_to
    from units as u
    left join units as p on p.unit_code = u.parent_code
),

chain(unit_code, scope_code, parent_code, valid_from, valid_to) as (
    select o.unit_code, a.official_code, a.parent_code,
           coalesce(a.valid_from, DATE '0001-01-01'), coalesce(a.valid_to, DATE '9999-12-31')
    from own_code as o
    join admin_units as a
        on a.official_code = o.official_code
       and coalesce(a.valid_from, DATE '0001-01-01') <= o.valid_to
       and coalesce(a.valid_to, DATE '9999-12-31') >= o.valid_from
    union
    select c.unit_code, a.official_code, a.parent_code,
           coalesce(a.valid_from, DATE '0001-01-01'), coalesce(a.valid_to, DATE '9999-12-31')
    from chain as c
    join admin_units as a
        on a.official_code = c.parent_code
       and coalesce(a.valid_from, DATE '0001-01-01') <= c.valid_to
       and coalesce(a.valid_to, DATE '9999-12-31') >= c.valid_from
),

direct as (
    select distinct unit_code, scope_code from chain
),

-- predecessors: a unit that ended is inside the scopes of the unit it is shown as today
via_successor as (
    select s.unit_code, d.scope_code
    from unit_shown('today') as s
    join direct as d on d.unit_code = s.shown_code
    where s.shown_code <> s.unit_code
),

members as (
    select * from direct
    union
    select * from via_successor
),

scopes as (
    select
        official_code as scope_code,
        arg_max(name, coalesce(valid_from, DATE '0001-01-01')) as scope_name,
        arg_max(level, coalesce(valid_from, DATE '0001-01-01')) as scope_level,
        arg_max(valid_to is not null, coalesce(valid_from, DATE '0001-01-01')) as scope_ended
    from admin_units
    where official_code in (select scope_code from members)
    group by official_code
),

final as (
    select
        m.unit_code,
        m.scope_code,
        s.scope_name,
        s.scope_level,
        s.scope_ended,
        case s.scope_level when 'province' then 1 when 'district' then 2 else 3 end as scope_rank
    from members as m
    join scopes as s using (scope_code)
)

select * from final
order by scope_rank, scope_ended, scope_name collate vi, scope_code, unit_code
