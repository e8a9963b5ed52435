-- The first reply to a write sent with an Idempotency-Key, kept so that a retry gets it again
-- instead of writing twice. 'running' rows are claims: another request with the key waits (409)
-- until locked_until, after which the claim is considered abandoned and may be taken over.
create table idempotency_key (
    tenant_id         text not null references tenant (tenant_id),
    idempotency_key   text not null,
    fingerprint       bytea not null,
    state             text not null check (state in ('running', 'done')),
    locked_until      timestamptz,
    response_status   integer,
    response_headers  jsonb,
    response_body     bytea,
    created_at        timestamptz not null default now(),
    expires_at        timestamptz not null,
    primary key (tenant_id, idempotency_key)
);

create index idempotency_key_expiry_idx on idempotency_key (expires_at);
