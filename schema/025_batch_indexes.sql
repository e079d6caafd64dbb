-- 025_batch_indexes — issue 15 item 3: two indexes of enrolments that no
-- statement needs, and a 本期待办 refresh that no longer holds a unit's
-- unit_todo row while it computes (a batch job's chunks mark that row).
--
-- 1. enrolments carried eight secondary indexes; every enrolment a batch
--    chunk (or LOAD DATA, bench-batch's reference) inserts pays for each.
--    Every statement of lib/store/ and cgi/ that reads enrolments was run
--    under EXPLAIN on the bench stack (the demo hospital, a generated
--    10,000-person unit with 12 settled months, 300,000 enrolments; README
--    Benchmarks, 2026-11-30), then again with the two indexes below IGNORED:
--    * ix_enrolments_unit (001_core: unit_id, kind, end_date) was chosen by
--      none. The unit's pages range over (unit_id, type_code, ...) —
--      ix_enrolments_roster, _unit_types, _unit_first, all index-only — and
--      the per-person statements (stop, undo, backpay, counts, info, wages)
--      over ix_enrolments_person; with it gone the plans are the same.
--    * ix_enrolments_unit_start (012_reports: unit_id, start_month) served one
--      statement, a report's "the unit's first start month" (MIN in one
--      dive). That statement is now one probe per insurance type into
--      ix_enrolments_unit_first (unit_id, type_code, start_month, ...; the
--      first entry of each type, nine probes: Handler_read_key 9), so it
--      never scans the unit; lib/store/report.c.
--    The foreign key on unit_id keeps an index with unit_id first (roster,
--    unit_types, unit_first); on type_code ix_enrolments_type; on person_id
--    ix_enrolments_person, which with ix_enrolments_settle the settlement
--    reads (kept). Dropping an index is in place and instant.
ALTER TABLE enrolments DROP INDEX ix_enrolments_unit, DROP INDEX ix_enrolments_unit_start;

-- 2. The dirty mark gains a third value: 2 = claimed by a refresh under way
--    (lib/store/check.c). A refresh first claims the unit in a transaction
--    of its own (dirty = 2, claim = a number of its own; a brief lock),
--    computes without holding the row, and at the end writes the counts and
--    clears the mark only if it is still its claim (dirty = 2 AND claim =
--    its number): a writer that marked the unit meanwhile set dirty = 1 and
--    the unit stays dirty. A refresh killed midway leaves dirty = 2, which
--    every reader takes as dirty (dirty <> 0).
ALTER TABLE unit_todo ADD COLUMN claim BIGINT NOT NULL DEFAULT 0;

-- Refreshes of one unit still run one after the other (each rebuilds the
-- unit's check_problems rows): each locks the unit's row here for its
-- transaction. Only refreshes touch this table, so no writer waits on it.
CREATE TABLE unit_todo_runs (
    unit_id BIGINT NOT NULL,
    PRIMARY KEY (unit_id),
    CONSTRAINT fk_unit_todo_runs_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
