-- 002_reference — Suzhou reference data of spec §4 (insurance types, rates, limits).
-- Months are DATEs of the first day (see 001_core). New rates or limits are loaded
-- as new rows: close the open row (to_month) and insert the next one.

INSERT INTO insurance_types (code, name, mandatory, civil_servant_only, sort) VALUES
    ('310', '职工基本医疗保险', 1, 0, 10),
    ('330', '大额医疗费用补助', 1, 0, 20),
    ('340', '地方补充医疗保险', 1, 0, 30),
    ('510', '生育保险', 1, 0, 40),
    ('410', '长期护理保险', 1, 0, 50),
    ('350', '职工大病医疗保险', 1, 0, 60),
    ('320', '公务员医疗保险', 0, 1, 70);

-- Rates in force from 2022-01 (the first year of the published limits), open ended.
-- 320's unit rate is not published in our sources: 4% is a provisional demo value.
INSERT INTO rates (type_code, from_month, to_month, unit_bp, person_bp, unit_fixed_fen, person_fixed_fen, person_to_account, provisional, note) VALUES
    ('310', '2022-01-01', NULL, 600, 200, 0, 0, 1, 0, '个人缴费部分划入个人账户'),
    ('330', '2022-01-01', NULL, 0, 0, 0, 500, 0, 0, '个人每月定额5元'),
    ('340', '2022-01-01', NULL, 100, 0, 0, 0, 0, 0, '单位1%'),
    ('510', '2022-01-01', NULL, 80, 0, 0, 0, 0, 0, '单位0.8%'),
    ('410', '2022-01-01', NULL, 0, 0, 0, 0, 0, 0, '参保不缴费,个人暂免缴费'),
    ('350', '2022-01-01', NULL, 0, 0, 0, 0, 0, 0, '单位不缴费,基金划转和财政补贴;每人每年个人账户划转30元'),
    ('320', '2022-01-01', NULL, 400, 0, 0, 0, 0, 1, '费率未公布,暂定值');

-- Monthly contribution-base limits per calendar year (苏州 基数年度 taken as the
-- calendar year). 2025-2027 carry 2024 forward and are marked provisional.
INSERT INTO base_limits (from_month, to_month, lower_fen, upper_fen, provisional) VALUES
    ('2022-01-01', '2022-12-01', 425000, 2182100, 0),
    ('2023-01-01', '2023-12-01', 425000, 2247000, 0),
    ('2024-01-01', '2024-12-01', 449400, 2404200, 0),
    ('2025-01-01', '2025-12-01', 449400, 2404200, 1),
    ('2026-01-01', '2026-12-01', 449400, 2404200, 1),
    ('2027-01-01', '2027-12-01', 449400, 2404200, 1);
