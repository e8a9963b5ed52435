-- Renewal outcomes: the ground truth for retention analytics and for checking whether the score
-- predicts churn. Append-only; idempotent by the caller's eventId per account.
create table account_outcome (
    tenant_id    text not null,
    account_id   text not null,
    outcome_id   bigint generated always as identity,
    event_id     text not null,
    kind         text not null
                 check (kind in ('renewed', 'expanded', 'contracted', 'churned', 'reactivated')),
    occurred_on  date not null,
    arr_before   numeric(18, 2) not null check (arr_before >= 0),
    arr_after    numeric(18, 2) not null check (arr_after >= 0),
    currency     char(3) not null,
    note         text,
    created_at   timestamptz not null default now(),
    primary key (tenant_id, account_id, outcome_id),
    foreign key (tenant_id, account_id) references account (tenant_id, account_id)
);

create unique index account_outcome_event_uq on account_outcome (tenant_id, account_id, event_id);
create index account_outcome_date_idx on account_outcome (tenant_id, occurred_on);

alter table account_outcome enable row level security;
create policy tenant_isolation on account_outcome
    using (tenant_id = current_setting('healthscore.tenant_id', true))
    with check (tenant_id = current_setting('healthscore.tenant_id', true));
