-- Indexes Camunda lacks (see the PostgreSQL version of this migration): the tasks' due dates and the
-- authorizations' users. Until this migration the platform made them at every start, so they may exist.
create index if not exists LZ_IDX_TASK_DUE_DATE on ACT_RU_TASK (DUE_DATE_);
create index if not exists LZ_IDX_AUTH_USER_ID on ACT_RU_AUTHORIZATION (USER_ID_);
