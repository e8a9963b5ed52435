-- Signal keys a tenant defines beside the standard ones; ingest validates against them.
create table signal_key (
    tenant_id    text not null references tenant (tenant_id),
    key          text not null,
    type         text not null check (type in ('number', 'label', 'boolean')),
    min_value    double precision,
    max_value    double precision,
    integer_only boolean not null default false,
    labels       jsonb not null default '[]'::jsonb,
    unit         text,
    ingredient   text,
    dear         text,
    description  text,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (tenant_id, key)
);
