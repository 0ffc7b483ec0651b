-- Every post has its work (issue 15): the unit's 纪检委员 checks its self-check before the secretary signs off. A
-- self-check waits in INSPECTING while the inspector checks it (units without an inspector skip the step).
alter table self_checks add column inspected_by varchar(64);
alter table self_checks add column inspected_at timestamp with time zone;
alter table self_checks drop constraint self_checks_status_valid;
alter table self_checks add constraint self_checks_status_valid check (status in ('ASSESSING', 'INSPECTING',
  'SIGNING_OFF', 'REVIEWING', 'RECTIFYING', 'ACCEPTED', 'RECTIFIED'));
