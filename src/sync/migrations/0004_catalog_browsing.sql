-- The Catalog page at 100,000 products: ordering by title without sorting
-- the table, and a cheap "has anything changed" check (newest change of
-- products and of stock levels) before the page reloads its list.
-- Portable SQL: runs on SQLite and PostgreSQL.

CREATE INDEX products_title_lower ON products (LOWER(title), id);
CREATE INDEX products_updated ON products (updated_at);
CREATE INDEX stock_levels_updated ON stock_levels (updated_at);
