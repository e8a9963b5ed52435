-- Signals, the newest signal per key and score history are written only for an account that the
-- same transaction has created if missing and locked (IngestStore), and accounts are never
-- deleted. The foreign keys re-checked that fact once per row: a query of the account table per
-- signal, ~40 % of the database's CPU for a batch of 1,000 signals. The consistency check's
-- invariant rows-have-their-account keeps verifying it against the data, as it does for the
-- projection since V15. Outcomes and overrides keep theirs (written one at a time).
alter table signal drop constraint if exists signal_tenant_id_account_id_fkey;
alter table signal_latest drop constraint if exists signal_latest_tenant_id_account_id_fkey;
alter table health_history drop constraint if exists health_history_tenant_id_account_id_fkey;
