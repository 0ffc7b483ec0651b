-- The unit of every open task of a process, kept by the engine (org.liangze.escalation.OpenTaskUnits: a built-in task
-- listener on every user task, and a reconciliation at start-up). Deriving the unit when the overdue report is read
-- (candidate groups aggregated per task, the group id cut apart, the unitCode variable as fallback) cost 257 / 387 ms
-- median / p95 at 100,000 open tasks; with the unit stored, the report is an indexed aggregate of this table.
-- due_at is the task's due date (null: none), timestamp without time zone like Camunda's ACT_RU_TASK.DUE_DATE_.
-- No foreign key to ACT_RU_TASK: Camunda's tables are created after Flyway runs (EngineAfterMigrations).
create table open_task_units (
  task_id   varchar(64)  primary key,
  unit_code varchar(255) not null,
  due_at    timestamp    null
);

-- the district-wide report: where due_at <= ? group by unit_code (index-only on PostgreSQL)
create index open_task_units_due_idx on open_task_units (due_at, unit_code);
-- one unit's page: where unit_code = ? and due_at <= ? order by due_at
create index open_task_units_unit_idx on open_task_units (unit_code, due_at);
