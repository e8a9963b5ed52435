-- Progress is counted per chunk: every batch updating one job row serialised all workers of a
-- job on that row's lock for the length of their transactions.
alter table job_chunk add column processed integer not null default 0;
