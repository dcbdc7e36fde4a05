-- What it answers: every user of the dashboard with role and unit scope (users list, admin page).
-- Grain: one row per user, by e-mail.
-- Parameters: none.
select email, role, units, added_at, added_by
from app_users
order by email
