-- Background jobs (recomputing accounts after a scorecard version is saved). Work is split into
-- chunks of accounts that any instance leases with FOR UPDATE SKIP LOCKED; done_through is
-- committed with the scores it covers, so a crashed worker's successor resumes exactly there.
create table job (
    tenant_id          text not null references tenant (tenant_id),
    job_id             bigint generated always as identity,
    kind               text not null check (kind in ('recompute')),
    scorecard_id       text not null,
    scorecard_version  integer not null,
    status             text not null check (status in ('running', 'done', 'superseded')),
    total              integer not null,
    processed          integer not null default 0,
    failed             integer not null default 0,
    errors             jsonb not null default '[]'::jsonb,
    created_at         timestamptz not null default now(),
    finished_at        timestamptz,
    primary key (tenant_id, job_id)
);

create index job_scorecard_idx on job (tenant_id, scorecard_id, job_id desc);

create table job_chunk (
    tenant_id      text not null,
    job_id         bigint not null,
    chunk_no       integer not null,
    first_account  text not null,
    last_account   text not null,
    done_through   text,
    status         text not null default 'pending'
                   check (status in ('pending', 'leased', 'done')),
    leased_by      text,
    lease_until    timestamptz,
    attempts       integer not null default 0,
    primary key (tenant_id, job_id, chunk_no),
    foreign key (tenant_id, job_id) references job (tenant_id, job_id)
);

create index job_chunk_open_idx on job_chunk (job_id, chunk_no) where status <> 'done';
