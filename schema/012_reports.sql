-- 012_reports — 报表打印 (spec §9 report decisions; issue 8).
--
-- 1. The declared wage when a contribution is charged (职工工资总额 of the reports
--    is the sum of declared wages before clamping; 缴费基数总额 the clamped base).
--    Written by every writer of contributions from now on (enrolment back-payment,
--    settlement); NULL only where no wage row of the person in the unit exists
--    (legacy data), which the reports then read as the base.
ALTER TABLE contributions ADD COLUMN wage_fen BIGINT NULL AFTER base_fen;

-- Existing rows: the wage then in force, read as the settlement reads it (the
-- unit's latest wage row of the person from a month not after the month, else
-- the earliest one).
UPDATE contributions c SET c.wage_fen = COALESCE(
    (SELECT w.wage_fen FROM wages w WHERE w.person_id = c.person_id AND w.unit_id = c.unit_id
       AND w.from_month <= c.month ORDER BY w.from_month DESC, w.id DESC LIMIT 1),
    (SELECT w.wage_fen FROM wages w WHERE w.person_id = c.person_id AND w.unit_id = c.unit_id
       ORDER BY w.from_month, w.id LIMIT 1))
 WHERE c.unit_id IS NOT NULL;

-- The reports sum one unit's month per (险种, 缴费类型): index-only with every
-- column they read (ix_contributions_unit_sums lacks the wage, interest and
-- late fee).
CREATE INDEX ix_contributions_unit_report ON contributions (unit_id, month, type_code,
    payment_type, id_no, wage_fen, base_fen, unit_fen, person_fen, account_fen, interest_fen,
    late_fee_fen);

-- 2. 法定代表人 姓名 and 证件号码 (单位参保证明), set by the admin CLI (unit-legal-rep).
ALTER TABLE units ADD COLUMN legal_rep_name VARCHAR(100) NOT NULL DEFAULT '' AFTER bank_account_no,
    ADD COLUMN legal_rep_id_no VARCHAR(32) COLLATE utf8mb4_bin NOT NULL DEFAULT '' AFTER legal_rep_name;

-- 3. The two schemes for special groups of spec §4, registered per unit at the
--    counter (admin CLI unit-scheme), never online. They are insurance types of
--    the reference data with special = 1: no rates (the settlement's rate check
--    and every type list of the forms leave them out), no enrolments.
ALTER TABLE insurance_types ADD COLUMN special TINYINT(1) NOT NULL DEFAULT 0;

INSERT INTO insurance_types (code, name, mandatory, civil_servant_only, sort, special) VALUES
    ('360', '一至六级残疾军人医疗保险', 0, 0, 80, 1),
    ('370', '离休人员医疗保障', 0, 0, 90, 1);

CREATE TABLE unit_schemes (
    unit_id       BIGINT NOT NULL,
    type_code     CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    registered_on DATE NOT NULL,
    created_at    DATETIME NOT NULL,
    PRIMARY KEY (unit_id, type_code),
    CONSTRAINT fk_unit_schemes_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE CASCADE,
    CONSTRAINT fk_unit_schemes_type FOREIGN KEY (type_code) REFERENCES insurance_types (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 4. 单位参保证明: each certificate made keeps what it certified, under its 核验码
--    (12 characters of an unambiguous alphabet, random), for the public
--    /verify?code= page (180 days from made_on, the 制表日期). states holds the
--    types' states as certified, one "险种名称<TAB>参保状态" per line.
CREATE TABLE certificates (
    code        CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    unit_id     BIGINT NOT NULL,
    unit_no     VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
    unit_name   VARCHAR(300) NOT NULL,
    made_on     DATE NOT NULL,
    states      VARCHAR(4000) NOT NULL,
    created_at  DATETIME NOT NULL,
    PRIMARY KEY (code),
    KEY ix_certificates_unit (unit_id, made_on),
    CONSTRAINT fk_certificates_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 5. "A month before the unit's first enrolment has no report": the unit's
--    earliest start month in one index dive.
CREATE INDEX ix_enrolments_unit_start ON enrolments (unit_id, start_month);
