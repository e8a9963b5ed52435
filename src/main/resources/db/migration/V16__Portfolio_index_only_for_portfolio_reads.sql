-- The write path reads the previous scores of some accounts with a plan made once per connection
-- (a generic plan, IngestStore). While health_latest is empty, PostgreSQL rates this index as
-- good as the primary key for that read, and a plan that picked it would walk every score of the
-- tenant once the table has grown. The predicate keeps the index for the portfolio reads (which
-- name a scorecard: scorecard_id = ? implies it) and out of reach of reads by account alone.
drop index health_latest_score_idx;
create index health_latest_score_idx
    on health_latest (tenant_id, scorecard_id, (coalesce(score, -1)), account_id)
    where scorecard_id is not null;
