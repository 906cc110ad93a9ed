-- Open jobs whose last attempt may have reached the remote side: looked up at the warehouse before every collect,
-- so the lookup must not scan the whole (ever growing) jobs table.
CREATE INDEX jobs_unknown_outcome ON jobs (kind, id) WHERE outcome_unknown = 1 AND status IN ('queued', 'needs-retry', 'failed');
