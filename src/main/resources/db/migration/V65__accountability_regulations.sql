-- Accountability as the CPC Accountability Regulations (2019) have it (issue 16): the responsibility tier only for
-- persons; one ground (从轻 / 减轻 / 从重 / 加重 / 不予问责 / 免予问责) instead of three flags; a suspected offence
-- referred to the supervisory organs (移送监察机关) as a referral of its own; each investigation's facts, findings
-- and evidence, and each subject's responsibility as found. Runs unchanged on H2 and PostgreSQL.

alter table case_subjects add column grounds varchar(16) default 'NONE' not null;
alter table case_subjects add column suspected_crime boolean default false not null;
alter table case_subjects add column finding varchar(2000);
update case_subjects set grounds = case when aggravating then 'HEAVIER' when lightening then 'LIGHTER' else 'NONE' end;
update case_subjects set grounds = 'HEAVIER' where repeated and grounds = 'NONE';
update case_subjects set tier = null where subject_kind = 'ORGANISATION';
alter table case_subjects alter column tier drop not null;
alter table case_subjects drop column lightening;
alter table case_subjects drop column aggravating;
alter table case_subjects drop column repeated;
alter table case_subjects add constraint case_subjects_grounds_valid
  check (grounds in ('NONE', 'LIGHTER', 'REDUCED', 'HEAVIER', 'AGGRAVATED', 'NOT_ACCOUNTABLE', 'EXEMPT'));
alter table case_subjects add constraint case_subjects_tier_for_persons
  check ((subject_kind = 'ORGANISATION' and tier is null)
      or (subject_kind = 'LEADER' and tier in ('OVERALL', 'PRINCIPAL', 'IMPORTANT')));

-- a measure, a referral, or the decision not to hold accountable / to exempt (no form of its own)
alter table case_measures add column category varchar(16) default 'MEASURE' not null;
alter table case_measures add column final_form int;
alter table case_measures alter column proposed_form drop not null;
alter table case_measures add constraint case_measures_category_valid
  check (category in ('MEASURE', 'REFERRAL', 'EXEMPTION'));

create table case_investigations (
  case_id             bigint         not null references accountability_cases (id),
  responsibility      varchar(16)    not null,
  facts               varchar(4000)  not null,
  findings            varchar(4000)  not null,
  evidence            varchar(4000),
  investigated_by     varchar(64),
  primary key (case_id, responsibility),
  constraint case_investigations_responsibility_valid check (responsibility in ('MAIN', 'SUPERVISORY'))
);
