-- 019_galera — what a MariaDB Galera cluster needs (README "Running on several servers").
--
-- id_locks serialises every operation on one 证件号码 (store_id_lock). On one server
-- the upsert's row lock does it. On Galera a row lock is of its node only: two nodes
-- see each other's transactions at commit, by the rows they WROTE (certification).
-- An upsert that finds the row and changes nothing writes nothing, so two enrolments
-- of the same person through two nodes would both commit. `touched` makes the upsert
-- a real write of the row on every call: the second commit fails certification
-- (1213) and store_tx runs it again, when it sees the first one's enrolment.
ALTER TABLE id_locks ADD COLUMN touched BIGINT NOT NULL DEFAULT 0;
