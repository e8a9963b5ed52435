-- An account's status follows its newest outcome (by date, then by the order recorded): churned
-- after a churn, active otherwise (a reactivation, renewal or expansion brings it back). Portfolio
-- and analytics views default to active accounts and recomputes skip churned ones; retention and
-- calibration read outcomes and keep every account. A statement trigger keeps it, set-based, for
-- every writer of outcomes (one at a time, batches, file imports).
alter table account add column status text not null default 'active'
    check (status in ('active', 'churned'));

create function account_status_keep() returns trigger
language plpgsql set search_path = public, pg_temp as $$
begin
  update account a set status = n.status
  from (select distinct on (o.tenant_id, o.account_id) o.tenant_id, o.account_id,
               case o.kind when 'churned' then 'churned' else 'active' end as status
        from account_outcome o
        where (o.tenant_id, o.account_id) in (select tenant_id, account_id from new_outcomes)
        order by o.tenant_id, o.account_id, o.occurred_on desc, o.outcome_id desc) n
  where a.tenant_id = n.tenant_id and a.account_id = n.account_id and a.status <> n.status;
  return null;
end
$$;

create trigger account_status_keep after insert on account_outcome
  referencing new table as new_outcomes
  for each statement execute function account_status_keep();

update account a set status = 'churned'
from (select distinct on (tenant_id, account_id) tenant_id, account_id, kind
      from account_outcome
      order by tenant_id, account_id, occurred_on desc, outcome_id desc) n
where a.tenant_id = n.tenant_id and a.account_id = n.account_id and n.kind = 'churned';
