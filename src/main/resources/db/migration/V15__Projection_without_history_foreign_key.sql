-- The latest-score row and the history row it names are written by one statement (IngestStore's
-- write), so the foreign key between them checked what that statement already guarantees, at
-- about a sixth of the write's cost (an index probe and a row lock on the history row just
-- inserted, per score). The consistency check's invariant projection-is-newest-history keeps
-- verifying it against the data, and more strictly (the newest row, not any row).
alter table health_latest
    drop constraint if exists health_latest_tenant_id_account_id_scorecard_id_seq_fkey;
