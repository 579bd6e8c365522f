-- Mappings are looked up by internal id across connections (a product's
-- listings on the channels) and by external id (an import finding the
-- products it knows) for products only. An import writes eight mappings of
-- variants, inventory items and media for each product's: these two indexes
-- leave them out (a 100,000-product import wrote 1.6 million index entries
-- nothing reads). Other lookups name the connection and entity type: the
-- mappings' unique key serves them.
-- Portable SQL: runs on SQLite and PostgreSQL.

DROP INDEX mappings_product;
CREATE INDEX mappings_product ON mappings (internal_id) WHERE entity_type = 'product';
DROP INDEX mappings_external;
CREATE INDEX mappings_external ON mappings (connection_id, external_id) WHERE entity_type = 'product';
