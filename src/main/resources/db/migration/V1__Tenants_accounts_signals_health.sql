-- Every table carries tenant_id and every primary key starts with it, so the schema can be
-- distributed by tenant later without changing queries.

create table tenant (
    tenant_id   text primary key,
    name        text not null,
    created_at  timestamptz not null default now()
);

insert into tenant (tenant_id, name) values ('default', 'Default tenant');

create table account (
    tenant_id     text not null references tenant (tenant_id),
    account_id    text not null,
    name          text,
    attributes    jsonb not null default '{}'::jsonb,
    arr_amount    numeric(18, 2),
    arr_currency  char(3),
    renewal_date  date,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    primary key (tenant_id, account_id)
);

create index account_attributes_idx on account using gin (attributes jsonb_path_ops);

-- Append-only: a signal is never updated or deleted by the service.
create table signal (
    tenant_id     text not null,
    account_id    text not null,
    signal_id     bigint generated always as identity,
    key           text not null,
    number_value  double precision,
    label_value   text,
    observed_at   timestamptz not null,
    received_at   timestamptz not null default now(),
    source        text,
    event_id      text,
    primary key (tenant_id, account_id, signal_id),
    foreign key (tenant_id, account_id) references account (tenant_id, account_id),
    check ((number_value is null) <> (label_value is null))
);

-- Serves scoring: the observations of one account by key, newest first.
create index signal_account_key_time_idx
    on signal (tenant_id, account_id, key, observed_at desc);

-- A repeated eventId for the same account is ignored, never double-counted.
create unique index signal_event_id_uq
    on signal (tenant_id, account_id, event_id) where event_id is not null;

-- Append-only: one row per computation; seq numbers each account's scores per scorecard.
create table health_history (
    tenant_id          text not null,
    account_id         text not null,
    scorecard_id       text not null,
    seq                bigint not null,
    scorecard_version  integer not null,
    engine             text not null,
    score              numeric(4, 1),
    band               text not null,
    coverage           numeric(5, 4) not null,
    trigger            text not null,
    computed_at        timestamptz not null,
    result             json not null,
    primary key (tenant_id, account_id, scorecard_id, seq),
    foreign key (tenant_id, account_id) references account (tenant_id, account_id)
);

-- The newest history row per (account, scorecard): what reads and portfolio lists use. The full
-- result stays in history; contributions (measure id -> points) explain the next score's change.
create table health_latest (
    tenant_id          text not null,
    account_id         text not null,
    scorecard_id       text not null,
    seq                bigint not null,
    scorecard_version  integer not null,
    score              numeric(4, 1),
    band               text not null,
    coverage           numeric(5, 4) not null,
    computed_at        timestamptz not null,
    contributions      json not null,
    primary key (tenant_id, account_id, scorecard_id),
    foreign key (tenant_id, account_id, scorecard_id, seq)
        references health_history (tenant_id, account_id, scorecard_id, seq)
);

create index health_latest_score_idx
    on health_latest (tenant_id, scorecard_id, (coalesce(score, -1)), account_id);
