-- Runs, items and the audit log: the durable sync engine.

CREATE TABLE sync_runs (
    id {{id}},
    kind TEXT NOT NULL,
    connection_id BIGINT REFERENCES connections (id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'running',
    total BIGINT NOT NULL DEFAULT 0,
    succeeded BIGINT NOT NULL DEFAULT 0,
    failed BIGINT NOT NULL DEFAULT 0,
    skipped BIGINT NOT NULL DEFAULT 0,
    cancelled BIGINT NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL DEFAULT '',
    plan TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX sync_runs_created ON sync_runs (created_at);

CREATE TABLE sync_items (
    id {{id}},
    run_id BIGINT NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
    connection_id BIGINT REFERENCES connections (id) ON DELETE SET NULL,
    operation TEXT NOT NULL,
    direction TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    entity_type TEXT NOT NULL DEFAULT '',
    entity_id BIGINT,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5,
    next_attempt_at BIGINT NOT NULL,
    lease_owner TEXT NOT NULL DEFAULT '',
    lease_expires_at BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (idempotency_key)
);
-- Partial indexes keep the executor's hot queries proportional to the work
-- waiting or running, not to the history: claims walk ready items in order,
-- lease renewal and reclaim look only at running ones.
CREATE INDEX sync_items_ready ON sync_items (next_attempt_at, id) WHERE state IN ('pending', 'failed');
CREATE INDEX sync_items_leased ON sync_items (lease_owner, lease_expires_at) WHERE state = 'running';
CREATE INDEX sync_items_run_state ON sync_items (run_id, state);

CREATE TABLE audit_events (
    id {{id}},
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    connection_id BIGINT REFERENCES connections (id) ON DELETE SET NULL,
    run_id BIGINT REFERENCES sync_runs (id) ON DELETE SET NULL,
    message TEXT NOT NULL
);
CREATE INDEX audit_events_at ON audit_events (at);
