-- New-task notices (org.liangze.tasknotice): every user task the engine creates is written here in the task's own
-- transaction (one insert), and the task-notices timer process announces a page of them per job, one notification
-- per person and page, then deletes the rows. Runs unchanged on H2 and PostgreSQL.
create table task_created_notices (
  task_id    varchar(64) primary key,
  created_at timestamp with time zone not null
);
create index task_created_notices_order_idx on task_created_notices (created_at, task_id);
