-- 011_roster — 单位花名册查询, 离退休人员查询, 职工退休到龄查询 (issue 9 items 4-6).
-- A person's row in a unit's roster is the person's latest 310 enrolment in the
-- unit (every enrolment has a 310 row: it is one of the six always enrolled).
-- This index walks one unit's 310 enrolments in person order (the roster's
-- order, so a page is LIMIT/OFFSET over the index) and answers "is there a
-- later one of this person here" with one probe.
CREATE INDEX ix_enrolments_roster ON enrolments (unit_id, type_code, person_id, start_month);
