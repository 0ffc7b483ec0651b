-- Notification channels (#17): each person's choice of channels and quiet hours, and the group robots of units
-- (WeCom / DingTalk) that the district administrator keeps. Runs unchanged on H2 and PostgreSQL.

-- A person without a row gets the configured defaults (liangze.notifications.channel, .quiet-hours).
create table notification_preferences (
  user_id      varchar(64)  primary key,
  -- channel names, comma-separated: log, mail, sms, wecom, dingtalk
  channels     varchar(200) not null,
  -- quiet hours in the district's zone; both null: none. quiet_from > quiet_to spans midnight (22:00-07:00)
  quiet_from   time,
  quiet_to     time,
  updated_at   timestamp with time zone not null,
  constraint notification_preferences_quiet_both check ((quiet_from is null) = (quiet_to is null))
);

-- One group robot per unit and provider. The secret signs DingTalk's requests (加签); WeCom's key is in its URL.
create table unit_robots (
  unit_code    varchar(32)   not null,
  provider     varchar(16)   not null,
  webhook_url  varchar(500)  not null,
  secret       varchar(200),
  updated_by   varchar(64)   not null,
  updated_at   timestamp with time zone not null,
  primary key (unit_code, provider),
  constraint unit_robots_provider_valid check (provider in ('WECOM', 'DINGTALK'))
);

-- a delivery held back by the person's quiet hours: when its job is due (null: at once)
alter table notifications add column deliver_after timestamp with time zone;
