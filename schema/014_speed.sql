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
-- The three triggers below keep it: every statement that inserts, updates or
-- deletes an enrolments row — the pages, the batch worker, the admin CLI and
-- any writer still to come — updates the row of its (unit, type) in the same
-- transaction, so no writer can forget it. The triggers are one statement each
-- (the migrate command splits at ';' ending a line). On a Galera cluster the
-- row of a (unit, type) is hot: two nodes enrolling into one unit at once
-- certify against each other and one retries (README, Deployment).
-- With binary logging on, creating triggers needs SUPER or
-- log_bin_trust_function_creators = 1 for the migrating user.
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

-- A new enrolment: +1 where it counts; +1 person when the person has no other
-- enrolment of the type in the unit.
CREATE TRIGGER tr_enrolments_counts_insert AFTER INSERT ON enrolments FOR EACH ROW
INSERT INTO unit_type_counts (unit_id, type_code, enrolments, persons, employees, retirees)
SELECT NEW.unit_id, NEW.type_code, NEW.end_date IS NULL OR NEW.end_date >= NEW.start_month,
       NOT EXISTS (SELECT 1 FROM enrolments x WHERE x.unit_id = NEW.unit_id AND x.type_code = NEW.type_code
                   AND x.person_id = NEW.person_id AND x.id <> NEW.id),
       NEW.kind = '在职' AND NEW.end_date IS NULL, NEW.kind = '退休' AND NEW.end_date IS NULL
FROM DUAL WHERE NEW.unit_id IS NOT NULL
ON DUPLICATE KEY UPDATE enrolments = unit_type_counts.enrolments + VALUES(enrolments),
    persons = unit_type_counts.persons + VALUES(persons),
    employees = unit_type_counts.employees + VALUES(employees),
    retirees = unit_type_counts.retirees + VALUES(retirees);

-- A deleted enrolment (补缴删除, undo): the same, taken away.
CREATE TRIGGER tr_enrolments_counts_delete AFTER DELETE ON enrolments FOR EACH ROW
INSERT INTO unit_type_counts (unit_id, type_code, enrolments, persons, employees, retirees)
SELECT OLD.unit_id, OLD.type_code, -(OLD.end_date IS NULL OR OLD.end_date >= OLD.start_month),
       -(NOT EXISTS (SELECT 1 FROM enrolments x WHERE x.unit_id = OLD.unit_id AND x.type_code = OLD.type_code
                     AND x.person_id = OLD.person_id AND x.id <> OLD.id)),
       -(OLD.kind = '在职' AND OLD.end_date IS NULL), -(OLD.kind = '退休' AND OLD.end_date IS NULL)
FROM DUAL WHERE OLD.unit_id IS NOT NULL
ON DUPLICATE KEY UPDATE enrolments = unit_type_counts.enrolments + VALUES(enrolments),
    persons = unit_type_counts.persons + VALUES(persons),
    employees = unit_type_counts.employees + VALUES(employees),
    retirees = unit_type_counts.retirees + VALUES(retirees);

-- A changed enrolment (停保 sets the end date, status and reason): the old row
-- taken away and the new one added. The person counts change only when the
-- enrolment moved to another unit, type or person.
CREATE TRIGGER tr_enrolments_counts_update AFTER UPDATE ON enrolments FOR EACH ROW
INSERT INTO unit_type_counts (unit_id, type_code, enrolments, persons, employees, retirees)
SELECT * FROM (
    SELECT OLD.unit_id, OLD.type_code, -(OLD.end_date IS NULL OR OLD.end_date >= OLD.start_month) AS e,
           -(NOT (OLD.unit_id <=> NEW.unit_id AND OLD.type_code = NEW.type_code AND OLD.person_id = NEW.person_id)
             AND NOT EXISTS (SELECT 1 FROM enrolments x WHERE x.unit_id = OLD.unit_id AND x.type_code = OLD.type_code
                             AND x.person_id = OLD.person_id AND x.id <> OLD.id)) AS p,
           -(OLD.kind = '在职' AND OLD.end_date IS NULL) AS w, -(OLD.kind = '退休' AND OLD.end_date IS NULL) AS r
    FROM DUAL WHERE OLD.unit_id IS NOT NULL
    UNION ALL
    SELECT NEW.unit_id, NEW.type_code, NEW.end_date IS NULL OR NEW.end_date >= NEW.start_month,
           NOT (OLD.unit_id <=> NEW.unit_id AND OLD.type_code = NEW.type_code AND OLD.person_id = NEW.person_id)
             AND NOT EXISTS (SELECT 1 FROM enrolments x WHERE x.unit_id = NEW.unit_id AND x.type_code = NEW.type_code
                             AND x.person_id = NEW.person_id AND x.id <> NEW.id),
           NEW.kind = '在职' AND NEW.end_date IS NULL, NEW.kind = '退休' AND NEW.end_date IS NULL
    FROM DUAL WHERE NEW.unit_id IS NOT NULL
) AS d
ON DUPLICATE KEY UPDATE enrolments = unit_type_counts.enrolments + VALUES(enrolments),
    persons = unit_type_counts.persons + VALUES(persons),
    employees = unit_type_counts.employees + VALUES(employees),
    retirees = unit_type_counts.retirees + VALUES(retirees);

-- 单位信息查询's 参保日期 of a type, the earliest start of an enrolment that
-- covers a month: the first entry of this index that does (one probe per type).
CREATE INDEX ix_enrolments_unit_first ON enrolments (unit_id, type_code, start_month, end_date);
