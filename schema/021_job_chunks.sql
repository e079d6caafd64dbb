-- 021_job_chunks — several workers share one job by claiming chunks of its rows
-- (spec §8, issue 15 item 3).
--
-- A chunk is a range of line numbers of one job (first_line..last_line) holding
-- at most Worker.ChunkRows pending rows. The first worker that finds a job of
-- rows (批量增员申报, 工资年度申报) without chunks cuts it (jobs.chunked = 1 in the
-- same transaction, so two workers cannot both cut it: the second waits, or on
-- Galera fails certification and runs again). A worker claims a chunk with
-- SELECT … FOR UPDATE SKIP LOCKED and a conditional UPDATE of owner and
-- lease_until (real-clock unix seconds), in a short transaction; it processes
-- the chunk in one transaction that locks the chunk row, checks it is still
-- its owner, applies the rows, writes their statuses and sets done = 1. A
-- lease that runs out (a killed worker) lets another worker claim the chunk.
-- owner is kept after done: who processed the chunk.
-- jobs.processed stays a cache for the SQL reader (updated after every chunk,
-- exact when the job is done); the pages count the pending rows.
-- Export jobs are not cut: they stay claimed whole (jobs.owner, jobs.lease_until).
CREATE TABLE job_chunks (
    job_id      BIGINT NOT NULL,
    chunk_no    INT NOT NULL,
    first_line  INT NOT NULL,
    last_line   INT NOT NULL,
    owner       VARCHAR(128) NULL,
    lease_until BIGINT NULL,
    done        TINYINT(1) NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, chunk_no),
    KEY ix_job_chunks_claim (done, lease_until),
    CONSTRAINT fk_job_chunks_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT ck_job_chunks_lines CHECK (first_line <= last_line)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE jobs ADD COLUMN chunked TINYINT(1) NOT NULL DEFAULT 0;
