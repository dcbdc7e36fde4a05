-- Users of the dashboard, their role and their unit scope. Applied by
-- cchc.auth.schema.ensure_tables (idempotent). One row per user, keyed by the e-mail the
-- identity provider (or the trusted proxy header) reports, in lower case.
-- role: viewer (reads, exports), data_manager (+ imports, undo, sync), admin (+ users, settings).
-- units: the unit codes the user may see; an empty list means every unit (a provincial office).
create table if not exists app_users (
    email       varchar primary key,
    role        varchar not null check (role in ('viewer', 'data_manager', 'admin')),
    units       varchar[] not null default [],
    added_at    timestamp not null default current_timestamp,
    added_by    varchar
);
