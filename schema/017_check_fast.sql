-- 017_check_fast — 基础信息核查 and 本期待办 stay fast for a 10,000-person unit
-- (issue 18 item 6): the checks' rows are kept per unit, each person's
-- statutory retirement month is stored.
--
-- persons.statutory_retire / statutory_retire_cadre: the statutory retirement
-- month (spec §9) as lib/rules retire_month computes it, with the worker age
-- (men 60, women 50) and with the cadre age (women of person type 公务员在职:
-- 55); men have the same month in both. Person type is a property of each
-- enrolment, so the month a check or 职工退休到龄查询 uses is
-- IF(e.person_type = '公务员在职', statutory_retire_cadre, statutory_retire).
-- Written by store_person_add in C whenever a person is inserted (birth date and
-- sex never change afterwards); rows written by hand (or before this migration)
-- are NULL until `portal-admin recount` or the worker's start and daily run fill
-- them (store_persons_fill_retire: the rule in C over every birth month, one
-- set-based UPDATE).
ALTER TABLE persons
    ADD COLUMN statutory_retire DATE NULL,
    ADD COLUMN statutory_retire_cadre DATE NULL,
    ADD KEY ix_persons_statutory_retire (statutory_retire),
    ADD CONSTRAINT ck_persons_statutory_retire CHECK (statutory_retire IS NULL
        OR (DAYOFMONTH(statutory_retire) = 1 AND DAYOFMONTH(statutory_retire_cadre) = 1));

-- The 基础信息核查 rows of each unit (lib/store/check.c): kind (enum check_kind),
-- the person, and what the row shows (name, text: phone or birth date, fen: the
-- wage in force). Rebuilt per unit, set-based, in one transaction by
-- store_check_refresh: /query/check reads its page by the primary key.
CREATE TABLE check_problems (
    unit_id     BIGINT NOT NULL,
    kind        TINYINT NOT NULL,
    id_no       CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    person_id   BIGINT NOT NULL,
    name        VARCHAR(100) NOT NULL,
    text        VARCHAR(64) NOT NULL DEFAULT '',
    fen         BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, kind, id_no, person_id),
    CONSTRAINT fk_check_problems_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- unit_todo gains the count of each check kind (k1..k6, problems their sum) and
-- the dirty mark: every writer that can change a check's result sets dirty = 1
-- for the unit (and for the other units of the person's 证件号码) in its own
-- transaction (store_check_dirty); the refresh locks the row first, rebuilds
-- check_problems and the counts, and clears the mark in one transaction. A row
-- inserted by a mark alone has refreshed_at = 0 (本期待办 not known yet).
-- Existing rows start dirty. checked_at: the real clock of the last refresh.
ALTER TABLE unit_todo
    ADD COLUMN k1 INT NOT NULL DEFAULT 0,
    ADD COLUMN k2 INT NOT NULL DEFAULT 0,
    ADD COLUMN k3 INT NOT NULL DEFAULT 0,
    ADD COLUMN k4 INT NOT NULL DEFAULT 0,
    ADD COLUMN k5 INT NOT NULL DEFAULT 0,
    ADD COLUMN k6 INT NOT NULL DEFAULT 0,
    ADD COLUMN dirty TINYINT NOT NULL DEFAULT 1,
    ADD KEY ix_unit_todo_dirty (dirty, unit_id);
