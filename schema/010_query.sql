-- 010_query — indexes for 业务查询 (spec §9 items 1-3; lib/store/payments.c, unit_info.c).
--
-- 单位缴费明细查询 sums one unit's contributions of one month and one type per
-- payment type: persons, base, unit, person and account amounts. This index
-- holds every column the statement reads, so it is an index-only range scan of
-- that (unit, month, type) and never touches the table rows nor other months.
CREATE INDEX ix_contributions_unit_sums ON contributions (unit_id, month, type_code, payment_type, id_no, base_fen, unit_fen, person_fen, account_fen);

-- 单位信息查询 lists the unit's types with their earliest start, whether any
-- enrolment is active and the persons active now (在职 and 退休): an
-- index-only scan of the unit's enrolments, grouped by type in index order.
CREATE INDEX ix_enrolments_unit_types ON enrolments (unit_id, type_code, kind, end_date, start_month, person_id);

-- 单位参保人员信息查询 reads a person's enrolments through ix_enrolments_person
-- (person_id first) and the last 12 months of contributions through
-- uq_contributions (id_no, month, type_code): a few rows each.
