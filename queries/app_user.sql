-- What it answers: the role and unit scope of one signed-in user (cchc/auth/roles.py).
-- Grain: zero or one row (email is the key).
-- Parameters: $email (VARCHAR, lower case).
select email, role, units
from app_users
where email = $email
