-- API keys: random, shown once, stored as a SHA-256 hash. A key belongs to one tenant and carries
-- scopes (signals:write, health:read, admin).
create table api_key (
    tenant_id   text not null references tenant (tenant_id),
    key_id      text not null,
    name        text not null,
    prefix      text not null,
    key_hash    bytea not null,
    scopes      text[] not null,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz,
    primary key (tenant_id, key_id)
);

create unique index api_key_hash_uq on api_key (key_hash);

-- Requests per second this key may send (null: the configured default).
alter table api_key add column rate_limit integer check (rate_limit > 0);
