-- 016_accounts — several clerks per unit (issue 18, spec §7b): 经办人 accounts
-- with roles and their own passwords; sessions, login throttling, declarations
-- and jobs name the acting account.
--
-- accounts had one row per unit (the unit's login); that row becomes the unit's
-- 管理员 (login '', role 管理员). The 管理员 adds 经办人 and 查询 accounts, each
-- with a login unique within the unit (letters and digits). name is the 姓名
-- shown as 经办人: the 管理员's is the unit's contact, else the 单位编号, until
-- `unit-add --admin-name` sets one. must_change: the password is an initial or
-- reset one, the first login goes to /password. disabled: no login, and the
-- account's sessions are deleted in the transaction that disables it.
-- last_login_at/_addr: the real clock, shown on the home page as 上次登录.
ALTER TABLE accounts
    DROP FOREIGN KEY fk_accounts_unit;
ALTER TABLE accounts
    DROP PRIMARY KEY,
    ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST,
    ADD COLUMN login VARCHAR(32) COLLATE utf8mb4_bin NOT NULL DEFAULT '' AFTER unit_id,
    ADD COLUMN name VARCHAR(100) NOT NULL DEFAULT '' AFTER login,
    ADD COLUMN phone VARCHAR(32) NOT NULL DEFAULT '' AFTER name,
    ADD COLUMN role VARCHAR(8) NOT NULL DEFAULT '管理员' AFTER phone,
    ADD COLUMN must_change TINYINT(1) NOT NULL DEFAULT 0,
    ADD COLUMN disabled TINYINT(1) NOT NULL DEFAULT 0,
    ADD COLUMN last_login_at BIGINT NULL,
    ADD COLUMN last_login_addr VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
    ADD COLUMN prev_login_at BIGINT NULL,
    ADD COLUMN prev_login_addr VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
    ADD UNIQUE KEY uq_accounts_login (unit_id, login),
    ADD CONSTRAINT ck_accounts_role CHECK (role IN ('管理员', '经办人', '查询')),
    ADD CONSTRAINT ck_accounts_admin CHECK ((login = '') = (role = '管理员'));
ALTER TABLE accounts
    ADD CONSTRAINT fk_accounts_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE CASCADE;
UPDATE accounts a JOIN units u ON u.id = a.unit_id
    SET a.name = IF(u.contact_name <> '', u.contact_name, u.unit_no);

-- A session belongs to one account. Sessions from before accounts are ended
-- (the clerks log in again).
DELETE FROM sessions;
ALTER TABLE sessions
    ADD COLUMN account_id BIGINT NOT NULL AFTER unit_id,
    ADD COLUMN shown_once VARCHAR(200) NOT NULL DEFAULT '',
    ADD KEY ix_sessions_account (account_id),
    ADD CONSTRAINT fk_sessions_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE;

-- Throttling counts per (unit, account): operator is the typed 账号 ('' = 管理员).
ALTER TABLE login_failures
    ADD COLUMN operator VARCHAR(64) COLLATE utf8mb4_bin NOT NULL DEFAULT '' AFTER unit_no,
    ADD KEY ix_login_failures_account (unit_no, operator, at);

-- The acting account of each declaration and job, with its 姓名 at the time
-- (declarations.operator, jobs.operator). NULL for rows from before accounts
-- and for `portal-admin` work.
ALTER TABLE declarations
    ADD COLUMN account_id BIGINT NULL AFTER operator,
    ADD KEY ix_declarations_account (unit_id, account_id);
ALTER TABLE jobs
    ADD COLUMN account_id BIGINT NULL,
    ADD COLUMN operator VARCHAR(100) NOT NULL DEFAULT '';

-- Every change to an account is a declaration 经办人账户维护 (before/after,
-- never the password).
ALTER TABLE declarations
    DROP CONSTRAINT ck_declarations_type;
ALTER TABLE declarations
    ADD CONSTRAINT ck_declarations_type CHECK (type IN ('参保人员增员申报', '职工补缴核定',
        '参保人员减员申报', '缴费申报与变更', '单位信息维护', '参保人员信息维护',
        '补缴删除', '撤销增员', '撤销减员', '经办人账户维护'));

-- 本期待办 on the home page (spec §7b): counts the batch worker keeps per unit,
-- so the home page reads them with the session (one query a view) instead of
-- running the 基础信息核查 checks: problems (the checks' rows), retire_due (在职
-- reaching the statutory retirement month in month ym or the next), failed_jobs
-- (jobs done with failed rows, whose rows expire within 24 hours). The worker
-- refreshes a unit after each of its declarations and jobs, and every unit
-- once a day; `portal-admin recount` refreshes them all. refreshed_at: real clock.
CREATE TABLE unit_todo (
    unit_id      BIGINT NOT NULL,
    ym           DATE NOT NULL,
    problems     INT NOT NULL DEFAULT 0,
    retire_due   INT NOT NULL DEFAULT 0,
    failed_jobs  INT NOT NULL DEFAULT 0,
    refreshed_at BIGINT NOT NULL,
    PRIMARY KEY (unit_id),
    CONSTRAINT fk_unit_todo_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE CASCADE,
    CONSTRAINT ck_unit_todo_ym CHECK (DAYOFMONTH(ym) = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
