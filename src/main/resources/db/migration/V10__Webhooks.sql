-- Webhook subscriptions and their transactional outbox. A delivery row is written in the same
-- transaction as the score that caused it; workers of every instance lease due rows with
-- FOR UPDATE SKIP LOCKED, send them signed (Standard Webhooks) and log every attempt.
create table webhook_subscription (
    tenant_id                   text not null references tenant (tenant_id),
    subscription_id             text not null,
    url                         text not null,
    event_types                 text[] not null,
    score_drop_threshold        numeric(4, 1),
    segments                    text[],
    scorecard_ids               text[],
    description                 text,
    secret                      text not null,
    previous_secret             text,
    previous_secret_expires_at  timestamptz,
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now(),
    deleted_at                  timestamptz,
    primary key (tenant_id, subscription_id)
);

create index webhook_subscription_live_idx on webhook_subscription (tenant_id)
    where deleted_at is null;

create table webhook_delivery (
    tenant_id        text not null,
    delivery_id      bigint generated always as identity,
    subscription_id  text not null,
    message_id       text not null,
    event_type       text not null,
    account_id       text,
    sequence         bigint,
    payload          jsonb not null,
    status           text not null default 'pending'
                     check (status in ('pending', 'delivered', 'failed')),
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null default now(),
    leased_by        text,
    lease_until      timestamptz,
    last_status      integer,
    last_error       text,
    created_at       timestamptz not null default now(),
    finished_at      timestamptz,
    primary key (tenant_id, delivery_id),
    foreign key (tenant_id, subscription_id)
        references webhook_subscription (tenant_id, subscription_id)
);

-- Serves the workers: due rows, oldest first.
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at)
    where status = 'pending';
create index webhook_delivery_subscription_idx
    on webhook_delivery (tenant_id, subscription_id, delivery_id desc);

create table webhook_attempt (
    tenant_id    text not null,
    delivery_id  bigint not null,
    attempt_no   integer not null,
    started_at   timestamptz not null,
    status_code  integer,
    latency_ms   integer not null,
    error        text,
    worker       text not null,
    primary key (tenant_id, delivery_id, attempt_no),
    foreign key (tenant_id, delivery_id) references webhook_delivery (tenant_id, delivery_id)
);
