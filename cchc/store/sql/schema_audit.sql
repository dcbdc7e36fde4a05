-- The audit trail: one row per event (sign-in, load, undo, sync, export, user change).
-- Applied by cchc.auth.audit (idempotent) to the audit file.
-- actor: the user's e-mail ('local' on a dashboard without sign-in, 'cli:<os user>' from
-- the command line); action: signin, load, undo, sync, export, user_add, user_remove;
-- detail: JSON (table exported, filters, load id, content hash; never a file's name or
-- an applicant's data).
create sequence if not exists audit_seq;
create table if not exists audit_log (
    id      bigint primary key default nextval('audit_seq'),
    event_at timestamp not null default current_timestamp,
    actor   varchar not null,
    action  varchar not null,
    detail  varchar not null default '{}'
);
