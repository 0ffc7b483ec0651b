-- Delivery status of notifications, written by the delivery job: every try counts in attempts; a failed try leaves
-- status FAILED with the reason in Chinese (failure_reason, for people) and the technical error (last_error, for
-- operators); a later successful retry makes it SENT. Runs unchanged on H2 and PostgreSQL.
alter table notifications drop constraint notifications_status_valid;
alter table notifications add constraint notifications_status_valid
  check (status in ('PENDING', 'SENT', 'FAILED', 'NO_ADDRESS'));
alter table notifications add column failure_reason varchar(300);
alter table notifications add column last_attempt_at timestamp with time zone;

-- the notification centre reads newest first, filtered by status
create index notifications_created_idx on notifications (created_at, id);
create index notifications_status_idx on notifications (status, created_at);
