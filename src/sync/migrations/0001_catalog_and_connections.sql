-- Catalog, connections and mappings.
-- Portable SQL: runs on SQLite and PostgreSQL. {{id}} becomes the dialect's
-- auto-increment primary key. Times are BIGINT milliseconds since the epoch (UTC);
-- money is BIGINT minor units plus an ISO 4217 currency code.

CREATE TABLE connections (
    id {{id}},
    provider TEXT NOT NULL,
    external_shop_id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    domain TEXT NOT NULL DEFAULT '',
    scopes TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'inactive',
    status_reason TEXT NOT NULL DEFAULT '',
    secret_key TEXT NOT NULL DEFAULT '',
    inbound_enabled INTEGER NOT NULL DEFAULT 1,
    outbound_enabled INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    last_active_at BIGINT,
    UNIQUE (provider, external_shop_id)
);

CREATE TABLE products (
    id {{id}},
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    vendor TEXT NOT NULL DEFAULT '',
    product_type TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active',
    tags TEXT NOT NULL DEFAULT '',
    source_connection_id BIGINT REFERENCES connections (id) ON DELETE SET NULL,
    content_hash TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX products_title ON products (title);
CREATE INDEX products_source ON products (source_connection_id);

CREATE TABLE product_options (
    id {{id}},
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (product_id, position)
);

CREATE TABLE variants (
    id {{id}},
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL DEFAULT '',
    sku TEXT NOT NULL DEFAULT '',
    barcode TEXT NOT NULL DEFAULT '',
    price_amount BIGINT NOT NULL,
    compare_at_amount BIGINT,
    currency TEXT NOT NULL,
    weight_grams BIGINT
);
CREATE INDEX variants_product ON variants (product_id);
CREATE INDEX variants_sku ON variants (sku);

CREATE TABLE variant_option_values (
    variant_id BIGINT NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
    option_id BIGINT NOT NULL REFERENCES product_options (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (variant_id, option_id)
);

CREATE TABLE media (
    id {{id}},
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    variant_id BIGINT REFERENCES variants (id) ON DELETE SET NULL,
    position INTEGER NOT NULL DEFAULT 0,
    url TEXT NOT NULL,
    alt_text TEXT NOT NULL DEFAULT '',
    mime_type TEXT NOT NULL DEFAULT ''
);
CREATE INDEX media_product ON media (product_id);

CREATE TABLE collections (
    id {{id}},
    title TEXT NOT NULL,
    handle TEXT NOT NULL DEFAULT '',
    source_connection_id BIGINT REFERENCES connections (id) ON DELETE SET NULL
);

CREATE TABLE collection_products (
    collection_id BIGINT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (collection_id, product_id)
);
CREATE INDEX collection_products_product ON collection_products (product_id);

CREATE TABLE locations (
    id {{id}},
    name TEXT NOT NULL,
    source_connection_id BIGINT REFERENCES connections (id) ON DELETE SET NULL,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE stock_levels (
    variant_id BIGINT NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
    location_id BIGINT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    available BIGINT NOT NULL DEFAULT 0,
    on_hand BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (variant_id, location_id)
);
CREATE INDEX stock_levels_location ON stock_levels (location_id);

CREATE TABLE mappings (
    id {{id}},
    connection_id BIGINT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    entity_type TEXT NOT NULL,
    internal_id BIGINT NOT NULL,
    external_id TEXT NOT NULL DEFAULT '',
    source_hash TEXT NOT NULL DEFAULT '',
    target_hash TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'pending',
    last_error TEXT NOT NULL DEFAULT '',
    last_synced_at BIGINT,
    UNIQUE (connection_id, entity_type, internal_id)
);
CREATE INDEX mappings_external ON mappings (connection_id, entity_type, external_id);
