-- Row-level security: the second wall between tenants, after the application's own
-- "where tenant_id = ?". Every transaction of the service sets healthscore.tenant_id with
-- set_config(..., true); a query without it sees no row and can write none.
--
-- The service connects as ${app_role}: not the tables' owner, no BYPASSRLS, so it cannot switch
-- the policies off. Work that must look across tenants (authenticating a key, leasing background
-- work) goes through the SECURITY DEFINER functions below, which return only what that step needs.
do $$
declare
  t text;
begin
  foreach t in array array['tenant', 'account', 'signal', 'health_history', 'health_latest',
      'scorecard', 'scorecard_version', 'signal_key', 'job', 'job_chunk', 'health_override',
      'api_key', 'idempotency_key', 'webhook_subscription', 'webhook_delivery', 'webhook_attempt']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I '
        || 'using (tenant_id = current_setting(''healthscore.tenant_id'', true)) '
        || 'with check (tenant_id = current_setting(''healthscore.tenant_id'', true))', t);
  end loop;
end
$$;

-- The key with this hash, if it is not revoked.
create function healthscore_authenticate(p_hash bytea)
returns table (tenant_id text, key_id text, scopes text[], rate_limit integer)
language sql stable security definer set search_path = public, pg_temp as $$
  select tenant_id, key_id, scopes, rate_limit from api_key where key_hash = p_hash and revoked_at is null
$$;

-- The oldest open chunk of any job, pending or with an expired lease (its worker died).
create function healthscore_lease_job_chunk(p_worker text, p_lease_ms bigint)
returns table (tenant_id text, job_id bigint, chunk_no integer, scorecard_id text,
               first_account text, last_account text, done_through text)
language sql security definer set search_path = public, pg_temp as $$
  update job_chunk c set status = 'leased', leased_by = p_worker,
    lease_until = now() + p_lease_ms * interval '1 millisecond', attempts = attempts + 1
  from job j
  where (c.tenant_id, c.job_id, c.chunk_no) = (
      select o.tenant_id, o.job_id, o.chunk_no from job_chunk o
      where o.status = 'pending' or (o.status = 'leased' and o.lease_until < now())
      order by o.job_id, o.chunk_no
      limit 1
      for update skip locked)
    and j.tenant_id = c.tenant_id and j.job_id = c.job_id
  returning c.tenant_id, c.job_id, c.chunk_no, j.scorecard_id, c.first_account,
            c.last_account, c.done_through
$$;

-- One override past its expiry, locked until the caller's transaction ends.
create function healthscore_next_expired_override()
returns table (tenant_id text, account_id text, scorecard_id text, override_id bigint)
language sql security definer set search_path = public, pg_temp as $$
  select tenant_id, account_id, scorecard_id, override_id from health_override
  where ended_at is null and expires_at <= now()
  order by expires_at
  limit 1
  for update skip locked
$$;

-- Up to p_limit due webhook deliveries of any tenant, leased to the worker for p_lease_ms.
create function healthscore_lease_webhook_deliveries(p_worker text, p_lease_ms bigint,
    p_limit integer)
returns table (tenant_id text, delivery_id bigint)
language sql security definer set search_path = public, pg_temp as $$
  update webhook_delivery d set leased_by = p_worker,
    lease_until = now() + p_lease_ms * interval '1 millisecond'
  where (d.tenant_id, d.delivery_id) in (
      select o.tenant_id, o.delivery_id from webhook_delivery o
      where o.status = 'pending' and o.next_attempt_at <= now()
        and (o.lease_until is null or o.lease_until < now())
      order by o.next_attempt_at
      limit p_limit
      for update skip locked)
  returning d.tenant_id, d.delivery_id
$$;

-- Every tenant, for the operator's tenant list.
create function healthscore_tenants()
returns table (tenant_id text, name text, created_at timestamptz)
language sql stable security definer set search_path = public, pg_temp as $$
  select tenant_id, name, created_at from tenant order by tenant_id
$$;

-- Forgets idempotency keys past their retention; returns how many.
create function healthscore_purge_idempotency_keys()
returns bigint
language sql security definer set search_path = public, pg_temp as $$
  with gone as (delete from idempotency_key where expires_at < now() returning 1)
  select count(*) from gone
$$;

revoke execute on function healthscore_authenticate(bytea),
    healthscore_lease_job_chunk(text, bigint), healthscore_next_expired_override(),
    healthscore_lease_webhook_deliveries(text, bigint, integer),
    healthscore_purge_idempotency_keys(), healthscore_tenants() from public;

-- The application's role: created here when the migrating user may (a DBA otherwise creates it
-- with LOGIN and a password, then re-runs the grants below).
do $$
begin
  if not exists (select from pg_roles where rolname = '${app_role}') then
    begin
      execute format('create role %I nologin', '${app_role}');
    exception when insufficient_privilege then
      raise notice 'role ${app_role} not created: no privilege to create roles';
    end;
  end if;
  if exists (select from pg_roles where rolname = '${app_role}') then
    execute format('grant usage on schema public to %I', '${app_role}');
    execute format('grant select, insert, update, delete on all tables in schema public to %I',
        '${app_role}');
    execute format('grant usage, select on all sequences in schema public to %I', '${app_role}');
    execute format('grant execute on all functions in schema public to %I', '${app_role}');
    execute format('alter default privileges in schema public '
        || 'grant select, insert, update, delete on tables to %I', '${app_role}');
    execute format('alter default privileges in schema public '
        || 'grant usage, select on sequences to %I', '${app_role}');
    execute format('alter default privileges in schema public '
        || 'grant execute on functions to %I', '${app_role}');
  end if;
end
$$;
