-- One item per operation: a product's publish is a small group of items
-- (the listing, then its stock, then its images) in which each runs only
-- after the one it waits for has succeeded.
--  after_item_id: the item this one waits for (NULL: it waits for nothing);
--  group_id: the first item of the group (set on every member, NULL for an
--    item on its own): the run counts a group once, as the merchant sees it
--    (one product), not once per item;
--  counted_as: on a group's first item, the run counter the group is counted
--    in now ('' while it still has work left).
ALTER TABLE sync_items ADD COLUMN after_item_id BIGINT;
ALTER TABLE sync_items ADD COLUMN group_id BIGINT;
ALTER TABLE sync_items ADD COLUMN counted_as TEXT NOT NULL DEFAULT '';
CREATE INDEX sync_items_after ON sync_items (after_item_id) WHERE after_item_id IS NOT NULL;
CREATE INDEX sync_items_group ON sync_items (group_id) WHERE group_id IS NOT NULL;
