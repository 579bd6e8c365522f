-- Runs that count their own progress (an import) have no items whose leases
-- tell whether anyone still works on them: the process running one is named
-- here, so a run whose process ended is recovered instead of staying
-- "running" forever, and the next import of the store picks it up again.
ALTER TABLE sync_runs ADD COLUMN owner TEXT NOT NULL DEFAULT '';
CREATE INDEX sync_runs_open ON sync_runs (connection_id, kind) WHERE finished_at IS NULL;
