-- The newest signal of every key of an account. Scoring needs the newest observation of each key
-- (what a "latest" measure scores, and what tells a stale measure from a missing one): reading it
-- here is one index range per batch of accounts instead of one probe of the signal history per
-- account and key. A statement trigger keeps it, so every writer of signals (the service, an
-- import, a seed script) keeps it right, set-based, in the writer's transaction.
create table signal_latest (
  tenant_id    text not null,
  account_id   text not null,
  key          text not null,
  signal_id    bigint not null,
  number_value double precision,
  label_value  text,
  observed_at  timestamptz not null,
  primary key (tenant_id, account_id, key),
  foreign key (tenant_id, account_id) references account (tenant_id, account_id)
) with (fillfactor = 70); -- room for HOT updates: a newer signal rewrites no index entry

alter table signal_latest enable row level security;
create policy tenant_isolation on signal_latest
  using (tenant_id = current_setting('healthscore.tenant_id', true))
  with check (tenant_id = current_setting('healthscore.tenant_id', true));

-- Newest by observed_at; ties go to the signal stored last.
create function signal_latest_keep() returns trigger
language plpgsql set search_path = public, pg_temp as $$
begin
  insert into signal_latest as l (tenant_id, account_id, key, signal_id, number_value,
                                  label_value, observed_at)
  select distinct on (tenant_id, account_id, key)
         tenant_id, account_id, key, signal_id, number_value, label_value, observed_at
  from new_signals
  order by tenant_id, account_id, key, observed_at desc, signal_id desc
  on conflict (tenant_id, account_id, key) do update set
    signal_id = excluded.signal_id, number_value = excluded.number_value,
    label_value = excluded.label_value, observed_at = excluded.observed_at
  where (excluded.observed_at, excluded.signal_id) > (l.observed_at, l.signal_id);
  return null;
end
$$;

create trigger signal_latest_keep after insert on signal
  referencing new table as new_signals
  for each statement execute function signal_latest_keep();

insert into signal_latest (tenant_id, account_id, key, signal_id, number_value, label_value,
                           observed_at)
select distinct on (tenant_id, account_id, key)
       tenant_id, account_id, key, signal_id, number_value, label_value, observed_at
from signal
order by tenant_id, account_id, key, observed_at desc, signal_id desc;
