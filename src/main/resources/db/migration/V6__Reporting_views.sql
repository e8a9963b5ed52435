-- A relational read model for BI tools and other services. The views are a versioned contract:
-- their columns are only ever added to; a change that would break a reader gets a new view
-- (latest_health_v2) beside the old one. Readers get the role healthscore_reader.
create schema if not exists reporting;

-- The latest score per account and scorecard, with the account and the override in force.
create view reporting.latest_health_v1 as
select l.tenant_id, l.account_id, a.name as account_name, l.scorecard_id, l.scorecard_version,
       l.segment, l.score, l.band, l.coverage, l.computed_at,
       o.score as override_score, o.band as override_band, o.reason as override_reason,
       o.author as override_author, o.expires_at as override_expires_at,
       a.arr_amount, a.arr_currency, a.renewal_date
from health_latest l
join account a on a.tenant_id = l.tenant_id and a.account_id = l.account_id
left join health_override o on o.tenant_id = l.tenant_id and o.account_id = l.account_id
  and o.scorecard_id = l.scorecard_id and o.ended_at is null and o.expires_at > now();

-- Every score ever computed (the explanation stays in the API: GET .../health/history).
create view reporting.health_history_v1 as
select tenant_id, account_id, scorecard_id, seq, scorecard_version, segment, engine, score,
       band, coverage, trigger, computed_at
from health_history;

-- Accounts with their segment attributes (jsonb) and revenue.
create view reporting.accounts_v1 as
select tenant_id, account_id, name, attributes, arr_amount, arr_currency, renewal_date,
       created_at, updated_at
from account;

-- The read-only role. Where the migrating user may not create roles, a DBA creates it
-- (create role healthscore_reader nologin) and re-runs the grants below.
do $$
begin
  if not exists (select from pg_roles where rolname = 'healthscore_reader') then
    begin
      create role healthscore_reader nologin;
    exception when insufficient_privilege then
      raise notice 'role healthscore_reader not created: no privilege to create roles';
    end;
  end if;
  if exists (select from pg_roles where rolname = 'healthscore_reader') then
    grant usage on schema reporting to healthscore_reader;
    grant select on all tables in schema reporting to healthscore_reader;
  end if;
end
$$;
