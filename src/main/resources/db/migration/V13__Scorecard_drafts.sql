-- Scorecard drafts: proposals (e.g. weights learned from outcomes) kept for review. A draft is
-- never used for scoring; previewing it and saving it as a version (PUT) are separate steps.
create table scorecard_draft (
    tenant_id     text not null,
    scorecard_id  text not null,
    draft_id      bigint generated always as identity,
    based_on      integer not null,
    source        text not null,
    definition    jsonb not null,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, scorecard_id, draft_id),
    foreign key (tenant_id, scorecard_id) references scorecard (tenant_id, scorecard_id)
);

alter table scorecard_draft enable row level security;
create policy tenant_isolation on scorecard_draft
    using (tenant_id = current_setting('healthscore.tenant_id', true))
    with check (tenant_id = current_setting('healthscore.tenant_id', true));
