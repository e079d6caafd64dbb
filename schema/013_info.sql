-- 013_info — 信息变更 (spec §7, issue 10): 单位信息维护, 参保人员信息维护 and the
-- 工资年度申报 upload.
--
-- info_version: the optimistic lock of the two maintenance pages. The edit form
-- carries the version it was read at; a save compares it under the row's lock
-- and adds 1, so of two clerks editing the same record the second is refused
-- (信息已被他人修改,请刷新后重试) and nothing of the first is lost.
ALTER TABLE units ADD COLUMN info_version INT NOT NULL DEFAULT 0;
ALTER TABLE persons ADD COLUMN info_version INT NOT NULL DEFAULT 0;

-- 未申报人员 of a wage declaration job: the unit's insured employees whose ID
-- is in none of the job's rows. id_cell is the row's first cell (证件号码) as
-- the rules compare it (upper-case x), indexed with the job so that the
-- anti-join probes one index entry per employee instead of scanning the
-- job's rows for each.
ALTER TABLE job_rows ADD COLUMN id_cell VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin
    AS (LEFT(UPPER(CONVERT(JSON_VALUE(raw, '$[0]') USING ascii)), 64)) VIRTUAL;
CREATE INDEX ix_job_rows_id_cell ON job_rows (job_id, id_cell);
