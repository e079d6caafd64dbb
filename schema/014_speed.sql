-- 014_speed — counts a page shows on every view, kept in the transaction that
-- changes them (issue 15 item 0, issue 9's speed; STYLE.md §13).
--
-- unit_type_counts holds, per unit and 险种, what the home page (首页) and
-- 单位信息查询 show and the size of 单位花名册: the unit's enrolments of the
-- type that cover a month (INSURED_COVERS_A_MONTH), the persons with any
-- enrolment of the type in the unit (a person enrolled, stopped and enrolled
-- again counts once: the 310 row is the roster's size), and the enrolments
-- active now (INSURED_ACTIVE_NOW: no end date) of kind 在职 and of kind 退休.
-- A person has at most one active enrolment of a type (§5 refuses a second),
-- so the active enrolments of 310 are the persons the home page counts.
--
-- Every statement that writes enrolments keeps it in its own transaction
-- through lib/store/counts.c (store_enrolments_add and store_enrolment_add do
-- for every insert; 停保 and any later writer call store_unit_counts_person
-- before and after changing a person's enrolments; `portal-admin recount`
-- rebuilds it, for data written by hand). Not triggers: a trigger costs about
-- as much as the row's insert itself, which set-based batch ingest cannot
-- afford. On a Galera cluster the row of a (unit, type) is hot: two nodes
-- enrolling into one unit at once certify against each other and one retries.
CREATE TABLE unit_type_counts (
    unit_id     BIGINT NOT NULL,
    type_code   CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    enrolments  INT NOT NULL DEFAULT 0,
    persons     INT NOT NULL DEFAULT 0,
    employees   INT NOT NULL DEFAULT 0,
    retirees    INT NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, type_code),
    CONSTRAINT fk_unit_type_counts_unit FOREIGN KEY (unit_id) REFERENCES units (id),
    CONSTRAINT fk_unit_type_counts_type FOREIGN KEY (type_code) REFERENCES insurance_types (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The counts of the enrolments already there.
INSERT INTO unit_type_counts (unit_id, type_code, enrolments, persons, employees, retirees)
SELECT unit_id, type_code, SUM(end_date IS NULL OR end_date >= start_month), COUNT(DISTINCT person_id),
       SUM(kind = '在职' AND end_date IS NULL), SUM(kind = '退休' AND end_date IS NULL)
FROM enrolments WHERE unit_id IS NOT NULL GROUP BY unit_id, type_code;

-- 单位信息查询's 参保日期 of a type, the earliest start of an enrolment that
-- covers a month: the first entry of this index that does (one probe per type).
CREATE INDEX ix_enrolments_unit_first ON enrolments (unit_id, type_code, start_month, end_date);

-- 单位缴费明细查询: per unit, 费款所属期, 险种 and 缴费类型, the persons (one
-- contribution per person, month and type: uq_contributions) and the sums of
-- the base, unit, person and account amounts. Kept like unit_type_counts by
-- every writer of contributions (lib/store/counts.c: the settlement once per
-- run, set-based; a back-payment with its rows).
CREATE TABLE unit_month_totals (
    unit_id      BIGINT NOT NULL,
    month        DATE NOT NULL,
    type_code    CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    payment_type VARCHAR(8) NOT NULL,
    persons      INT NOT NULL DEFAULT 0,
    base_fen     BIGINT NOT NULL DEFAULT 0,
    unit_fen     BIGINT NOT NULL DEFAULT 0,
    person_fen   BIGINT NOT NULL DEFAULT 0,
    account_fen  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, month, type_code, payment_type),
    CONSTRAINT fk_unit_month_totals_unit FOREIGN KEY (unit_id) REFERENCES units (id),
    CONSTRAINT ck_unit_month_totals_month CHECK (DAY(month) = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO unit_month_totals (unit_id, month, type_code, payment_type, persons, base_fen,
                               unit_fen, person_fen, account_fen)
SELECT unit_id, month, type_code, payment_type, COUNT(*), SUM(base_fen), SUM(unit_fen),
       SUM(person_fen), SUM(account_fen)
FROM contributions WHERE unit_id IS NOT NULL GROUP BY unit_id, month, type_code, payment_type;
