-- 022_galera_hot — no hot rows and no order by id across Galera nodes (issue 14,
-- README "Running on several servers").
--
-- 1. The kept counts and totals of 014_speed are SHARDED: a (unit, 险种) of
--    unit_type_counts, a (unit, month, 险种, 缴费类型) of unit_month_totals, has up
--    to 16 rows (shard 0..15), each holding a part of the figures; a reader sums
--    the rows of its key (a primary-key range of at most 16 rows, whatever the
--    unit's size). A writer adds its deltas to the shard its transaction drew at
--    random when it began (store_begin; lib/store/counts.c): two enrolments of
--    one unit through two Galera nodes write one common row only when they drew
--    the same shard (1 in 16), instead of always, and certify against each other
--    only then (store_tx runs the loser again). A part may be negative (a stop
--    counted in another shard than the enrolment); only the sum means anything.
--    `portal-admin recount` and set-based writers use shard 0.
ALTER TABLE unit_type_counts ADD COLUMN shard TINYINT UNSIGNED NOT NULL DEFAULT 0,
    DROP PRIMARY KEY, ADD PRIMARY KEY (unit_id, type_code, shard);

ALTER TABLE unit_month_totals ADD COLUMN shard TINYINT UNSIGNED NOT NULL DEFAULT 0,
    DROP PRIMARY KEY, ADD PRIMARY KEY (unit_id, month, type_code, payment_type, shard);

-- 2. Wage rows of one person, unit and month are told apart by when they were
--    entered, not by id (Galera interleaves the ids of its nodes: a later row of
--    one node may have a smaller id than an earlier row of another). entered_us:
--    the real clock in microseconds at the insert (UNIX_TIMESTAMP(NOW(6))), a
--    time that is only compared; existing rows get their id, which on one server
--    was the order of entry (every one of them is older than any new row).
ALTER TABLE wages ADD COLUMN entered_us BIGINT NOT NULL DEFAULT 0;

UPDATE wages SET entered_us = id;

-- The settlement's and the pages' "latest row of a month" reads (006's index, one
-- column longer): still an index-ordered probe.
ALTER TABLE wages DROP INDEX ix_wages_person_unit,
    ADD INDEX ix_wages_person_unit (person_id, unit_id, from_month, entered_us);
