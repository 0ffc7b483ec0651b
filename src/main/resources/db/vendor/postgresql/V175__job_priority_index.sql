-- The job executor acquires by priority (job-executor-acquire-by-priority in application.yaml): the escalation
-- patrol's jobs (camunda:jobPriority of escalation-patrol.bpmn and unit-escalation.bpmn) go before the jobs its
-- summons talks, accountability cases and digests leave (docs/performance.md "The patrol's own jobs first"). The
-- acquisition then orders by PRIORITY_: this index lets it read the next few jobs in that order instead of sorting
-- every due job (a campaign queues one per unit). CONCURRENTLY: see V23.
create index concurrently if not exists lz_idx_job_priority on act_ru_job (priority_ desc);
