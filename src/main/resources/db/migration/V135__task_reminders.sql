-- The reminders of the escalation ladder (processes/escalation-policy.dmn, decision reminderPolicy: 5 and 1 days
-- before a task's due date as shipped): each task keeps the shortest time before its due date it was reminded at,
-- so each reminder is sent once per task, not at every patrol. Reminder lines wait in escalation_digest_items
-- (kind REMINDER) for the daily reminder digest. Runs unchanged on H2 and PostgreSQL.
create table task_reminders (
  task_id          varchar(64) primary key,
  reminded_minutes int         not null,
  reminded_at      timestamp with time zone not null
);

-- the daily reminder digest claims the reminder lines no digest has claimed
create index escalation_digest_items_kind_idx on escalation_digest_items (kind, digest_run);
