-- File imports. The upload streams every line into import_line in one transaction (COPY into a
-- temporary table, then into this one: COPY FROM refuses tables with row-level security): a
-- line parsed into its typed columns, or rejected with its field and message. A worker of any
-- instance then merges the lines set-based, in chunks of line numbers, each chunk in one
-- transaction with the import's progress (next_line), so that a crash or an outage resumes after
-- the last committed chunk and no line is applied twice. Accounts touched are re-scored at the
-- end by one job of kind 'import'.
create table import (
    tenant_id        text not null references tenant (tenant_id),
    import_id        bigint generated always as identity,
    format           text not null check (format in ('ndjson', 'csv')),
    default_type     text check (default_type in ('account', 'signal', 'outcome')),
    status           text not null check (status in ('queued', 'merging', 'rescoring', 'done')),
    idempotency_key  text,
    sha256           text not null,
    bytes            bigint not null,
    lines_read       bigint not null,
    last_line        bigint not null,
    account_lines    bigint not null,
    signal_lines     bigint not null,
    outcome_lines    bigint not null,
    applied          bigint not null default 0,
    unchanged        bigint not null default 0,
    rejected         bigint not null,
    phase            text not null default 'check'
                     check (phase in ('check', 'account', 'signal', 'outcome', 'end')),
    next_line        bigint not null default 1,
    leased_by        text,
    lease_until      timestamptz,
    job_id           bigint,
    created_at       timestamptz not null default now(),
    merged_at        timestamptz,
    primary key (tenant_id, import_id)
);

create unique index import_idempotency_key_uq on import (tenant_id, idempotency_key)
    where idempotency_key is not null;
create index import_open_idx on import (import_id) where status in ('queued', 'merging');

-- status: unchanged (already stored: a repeated eventId, the same signal, an account as it was)
-- or rejected (field and message say why; raw is the line's start); null for a line not merged
-- yet, or applied (its line number is below the import's progress): writing 'applied' on every
-- line doubled the merge's writes.
create table import_line (
    tenant_id     text not null,
    import_id     bigint not null,
    line_no       bigint not null,
    type          text check (type in ('account', 'signal', 'outcome')),
    account_id    text,
    key           text,
    number_value  double precision,
    label_value   text,
    observed_at   timestamptz,
    source        text,
    event_id      text,
    name          text,
    attributes    jsonb,
    arr_amount    numeric(18, 2),
    currency      char(3),
    renewal_date  date,
    outcome_kind  text,
    occurred_on   date,
    arr_before    numeric(18, 2),
    arr_after     numeric(18, 2),
    note          text,
    status        text check (status in ('unchanged', 'rejected')),
    field         text,
    message       text,
    raw           text,
    primary key (tenant_id, import_id, line_no),
    foreign key (tenant_id, import_id) references import (tenant_id, import_id)
);

create index import_line_rejected_idx on import_line (tenant_id, import_id, line_no)
    where status = 'rejected';

-- Re-scoring after an import: a job of kind 'import' over the accounts it touched (every
-- scorecard), which the merge adds chunk by chunk, in the chunk's transaction.
alter table job alter column scorecard_id drop not null;
alter table job drop constraint job_kind_check;
alter table job add constraint job_kind_check check (kind in ('recompute', 'import'));
alter table job drop constraint job_status_check;
alter table job add constraint job_status_check
    check (status in ('waiting', 'running', 'done', 'superseded'));

create table job_account (
    tenant_id   text not null,
    job_id      bigint not null,
    account_id  text not null,
    primary key (tenant_id, job_id, account_id),
    foreign key (tenant_id, job_id) references job (tenant_id, job_id)
);

do $$
declare
  t text;
begin
  foreach t in array array['import', 'import_line', 'job_account']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I '
        || 'using (tenant_id = current_setting(''healthscore.tenant_id'', true)) '
        || 'with check (tenant_id = current_setting(''healthscore.tenant_id'', true))', t);
  end loop;
end
$$;

-- The oldest import waiting to be merged, or whose worker went silent: leased to p_worker.
create function healthscore_lease_import(p_worker text, p_lease_ms bigint)
returns table (tenant_id text, import_id bigint)
language sql security definer set search_path = public, pg_temp as $$
  update import i set status = 'merging', leased_by = p_worker,
    lease_until = now() + p_lease_ms * interval '1 millisecond'
  where (i.tenant_id, i.import_id) = (
      select o.tenant_id, o.import_id from import o
      where o.status = 'queued' or (o.status = 'merging' and o.lease_until < now())
      order by o.import_id
      limit 1
      for update skip locked)
  returning i.tenant_id, i.import_id
$$;

revoke execute on function healthscore_lease_import(text, bigint) from public;
