-- People whose password was issued to them (a first password or an administrator's reset) and who must set their
-- own before anything else. The password itself lives only as Camunda's hash in ACT_ID_USER.
create table password_change_required (
  user_id varchar(64) primary key,
  since   timestamp with time zone not null
);
