-- 009_jobs — issue 13 item 9: job times on the business clock.
--
-- A job shows the business "now" (PORTAL_TODAY, Clock.TodayFile) like every
-- other page: 创建时间 is as_of (the business now of the upload), 完成时间 is
-- done_as_of, the business now when the worker finished it. created_at and
-- done_at stay on the real clock: the 24-hour retention counts real hours.
ALTER TABLE jobs ADD COLUMN done_as_of DATETIME NULL AFTER done_at;

-- Jobs done before this migration: their business creation time plus the
-- real time they took.
UPDATE jobs SET done_as_of = as_of + INTERVAL TIMESTAMPDIFF(SECOND, created_at, done_at) SECOND
 WHERE done = 1 AND done_at IS NOT NULL;
