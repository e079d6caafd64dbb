-- 006_settle — indexes for the monthly settlement (正常应缴, spec §6a; lib/store/settle.c).
--
-- Settlement of month M reads every 在职 enrolment covering M
--     kind = '在职' AND start_month <= M AND (end_date IS NULL OR end_date >= last day of M)
-- twice: once grouped by (person_id, unit_id) for the wage in force, once per
-- insurance type for the amounts. This index holds every column both
-- statements read from enrolments, so both are index-only scans (a range on
-- start_month under the equality on kind; end_date is filtered in the index).
CREATE INDEX ix_enrolments_settle ON enrolments (kind, start_month, end_date, person_id, unit_id, type_code);

-- The wage in force for M: the latest wages row of a person in a unit with
-- from_month <= M (ties: newest id, which InnoDB appends to every secondary
-- index, so ORDER BY from_month DESC, id DESC LIMIT 1 reads one index entry).
CREATE INDEX ix_wages_person_unit ON wages (person_id, unit_id, from_month);

-- rates (type_code, from_month) and base_limits (from_month) already have the
-- unique keys the range lookups of M use (uq_rates_type_from, uq_base_limits_from).
