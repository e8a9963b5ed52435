-- A CSM's managed override of a computed score: reason, author and expiry required. Rows are
-- never deleted: ending one (replaced, deleted, expired) keeps the trail.
create table health_override (
    tenant_id     text not null,
    account_id    text not null,
    scorecard_id  text not null,
    override_id   bigint generated always as identity,
    score         numeric(4, 1),
    band          text not null check (band in ('red', 'yellow', 'green')),
    reason        text not null,
    author        text not null,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    ended_at      timestamptz,
    end_reason    text check (end_reason in ('replaced', 'deleted', 'expired')),
    primary key (tenant_id, account_id, scorecard_id, override_id),
    foreign key (tenant_id, account_id) references account (tenant_id, account_id)
);

-- At most one override in force per account and scorecard.
create unique index health_override_active_uq
    on health_override (tenant_id, account_id, scorecard_id) where ended_at is null;

-- Serves the expiry sweep.
create index health_override_expiry_idx on health_override (expires_at) where ended_at is null;
