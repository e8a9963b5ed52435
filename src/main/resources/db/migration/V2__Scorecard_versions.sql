-- Scorecards are tenant configuration with immutable versions: every score names the version
-- that made it, and every version stays readable.
create table scorecard (
    tenant_id        text not null references tenant (tenant_id),
    scorecard_id     text not null,
    current_version  integer not null,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    primary key (tenant_id, scorecard_id)
);

create table scorecard_version (
    tenant_id     text not null,
    scorecard_id  text not null,
    version       integer not null,
    definition    jsonb not null,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, scorecard_id, version),
    foreign key (tenant_id, scorecard_id) references scorecard (tenant_id, scorecard_id)
);

-- The segment whose rules picked the scorecard variant (null: the scorecard's own weights).
alter table health_history add column segment text;
alter table health_latest add column segment text;
