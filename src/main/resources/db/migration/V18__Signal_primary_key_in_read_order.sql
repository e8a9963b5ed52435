-- Signals are read by account, key and time only (scoring, history, analytics), never by id:
-- the primary key (tenant, account, signal id) served no query, and every signal stored paid
-- for two index entries. The key now is the read order itself, with the signal id to keep it
-- unique; queries for the newest observations walk it backwards.
create unique index signal_read_order_uq
    on signal (tenant_id, account_id, key, observed_at, signal_id);
alter table signal drop constraint signal_pkey;
alter table signal add constraint signal_pkey primary key using index signal_read_order_uq;
drop index signal_account_key_time_idx;
