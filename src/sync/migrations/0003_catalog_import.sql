-- Importing a store's catalog: resumable imports, what each import saw,
-- products gone at the source, and conflicts with local edits.

-- One import of one connection's catalog. Its id is the import's generation.
-- An unfinished import (cancelled, or cut short by a crash) is resumed from
-- the phase and cursor of its last committed page; at most one per connection.
CREATE TABLE catalog_imports (
    id {{id}},
    connection_id BIGINT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'running',
    phase TEXT NOT NULL DEFAULT '',
    next_cursor TEXT NOT NULL DEFAULT '',
    pages BIGINT NOT NULL DEFAULT 0,
    created BIGINT NOT NULL DEFAULT 0,
    updated BIGINT NOT NULL DEFAULT 0,
    unchanged BIGINT NOT NULL DEFAULT 0,
    conflicts BIGINT NOT NULL DEFAULT 0,
    flagged BIGINT NOT NULL DEFAULT 0,
    started_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE UNIQUE INDEX catalog_imports_open ON catalog_imports (connection_id) WHERE finished_at IS NULL;

-- The import that last saw the mapped entity at its source: products a
-- finished import did not see are flagged, never deleted.
ALTER TABLE mappings ADD COLUMN seen_in_import BIGINT;

-- Set when the product's source no longer lists it; cleared if it returns.
ALTER TABLE products ADD COLUMN source_deleted_at BIGINT;

-- A product changed at its source after a merchant edited it here. The local
-- product is left as it is; `incoming` is the source's version (JSON) for
-- whoever resolves the conflict. One open conflict per product and connection.
CREATE TABLE import_conflicts (
    id {{id}},
    connection_id BIGINT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    import_id BIGINT REFERENCES catalog_imports (id) ON DELETE SET NULL,
    incoming_hash TEXT NOT NULL,
    incoming TEXT NOT NULL,
    local_hash TEXT NOT NULL,
    detected_at BIGINT NOT NULL,
    resolved_at BIGINT
);
CREATE UNIQUE INDEX import_conflicts_open ON import_conflicts (connection_id, product_id) WHERE resolved_at IS NULL;
CREATE INDEX import_conflicts_product ON import_conflicts (product_id);
