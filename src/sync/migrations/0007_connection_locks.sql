-- Named leases every process on the workspace honours (WorkspaceLock): one
-- holder per name until it lets go or its lease runs out, so a holder that
-- died blocks nobody for long. A connection's token refresh takes one, so two
-- processes never spend the same rotating refresh token.
CREATE TABLE workspace_locks (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    acquired_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
