-- Publishing catalog products to channels. A product's state on a channel is
-- its mapping there (pending, synced, failed; out of sync is derived: synced,
-- but the product's content hash is no longer the one it was synced with).

-- Where the merchant sees the listing.
ALTER TABLE mappings ADD COLUMN external_url TEXT NOT NULL DEFAULT '';
-- Exactly once: set, with the item holding it, just before a call that may
-- create the listing. An attempt that finds it set and no external id has to
-- look for the listing on the channel before creating one.
ALTER TABLE mappings ADD COLUMN intent_item_id BIGINT;
ALTER TABLE mappings ADD COLUMN intent_at BIGINT;
-- What the adapter keeps about the listing (image digests, ids), as JSON.
ALTER TABLE mappings ADD COLUMN channel_data TEXT NOT NULL DEFAULT '';
CREATE INDEX mappings_product ON mappings (internal_id, entity_type);

-- The channel's publishing defaults (JSON, keys defined by the adapter) and
-- a product's overrides of them.
CREATE TABLE channel_settings (
    connection_id BIGINT PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
    settings TEXT NOT NULL DEFAULT '{}',
    updated_at BIGINT NOT NULL
);
CREATE TABLE channel_overrides (
    connection_id BIGINT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    settings TEXT NOT NULL DEFAULT '{}',
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (connection_id, product_id)
);
