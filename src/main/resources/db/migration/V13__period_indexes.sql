-- The dashboard scores every unit of a period with one grouped query per figure (org.liangze.dashboard
-- ScoreInputsRepository), selecting the district's rows of the period by time rather than a unit's rows by unit. At
-- district scale (1,000,000 record entries) these read the whole table without an index on the time column.
create index record_entries_occurred_idx on record_entries (occurred_at);
create index escalation_steps_due_idx on escalation_steps (due_at);
