-- 001_core — the portal's tables.
--
-- Conventions (every migration follows them):
--   * InnoDB, utf8mb4. Identifiers that must match byte for byte (证件号码, 单位编号,
--     session ids) use a _bin collation; names and free text use utf8mb4_unicode_ci.
--   * MONTHS are stored as a DATE holding the first day of the month
--     (2024-03 is DATE '2024-03-01'); every month column has a CHECK (DAY(x) = 1).
--     C code works with ym = year*12 + (month-1) and converts at the binding.
--     A DATE keeps SQL readable and lets end dates (DATE) be compared directly:
--     "insured in month M" is  start_month <= M AND (end_date IS NULL OR end_date >= M).
--   * Money is BIGINT fen (分); rates are INT basis points (1/10000).
--   * Business dates come from the application (PORTAL_TODAY aware); no column
--     defaults to NOW() for a business date. Times of the real clock that are only
--     compared (sessions, login throttling, job leases) are BIGINT unix seconds.
--   * The contribution-base year (基数年度) is the calendar year: limits are rows
--     with month ranges, so a mid-year change can still be loaded as new rows.
--   * Statements end with ';' at the end of a line (the migrate command splits there).

CREATE TABLE units (
    id              BIGINT NOT NULL AUTO_INCREMENT,
    unit_no         VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
    name            VARCHAR(300) NOT NULL,
    unit_type       VARCHAR(32) NOT NULL,
    credit_code     VARCHAR(32) COLLATE utf8mb4_bin NOT NULL DEFAULT '',
    contact_name    VARCHAR(100) NOT NULL DEFAULT '',
    contact_phone   VARCHAR(32) NOT NULL DEFAULT '',
    address         VARCHAR(300) NOT NULL DEFAULT '',
    bank_name       VARCHAR(200) NOT NULL DEFAULT '',
    bank_account_name VARCHAR(300) NOT NULL DEFAULT '',
    bank_account_no VARCHAR(64) NOT NULL DEFAULT '',
    legal_rep_phone VARCHAR(32) NOT NULL DEFAULT '',
    created_at      DATETIME NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_units_unit_no (unit_no),
    CONSTRAINT ck_units_type CHECK (unit_type IN ('企业', '机关', '全额拨款事业单位',
        '差额拨款事业单位', '自收自支事业单位', '社会团体', '民办非企业单位'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One login per unit. pwhash is a libxcrypt yescrypt hash ("$y$...").
CREATE TABLE accounts (
    unit_id     BIGINT NOT NULL,
    pwhash      VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
    updated_at  DATETIME NOT NULL,
    PRIMARY KEY (unit_id),
    CONSTRAINT fk_accounts_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sessions (real clock, unix seconds).
CREATE TABLE sessions (
    id          CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    unit_id     BIGINT NOT NULL,
    csrf        CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL,
    PRIMARY KEY (id),
    KEY ix_sessions_last_seen (last_seen),
    KEY ix_sessions_created (created_at),
    CONSTRAINT fk_sessions_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed logins (real clock, unix seconds). unit_no is what was typed, which may
-- be no unit at all, hence no foreign key.
CREATE TABLE login_failures (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    unit_no     VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    addr        VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    at          BIGINT NOT NULL,
    PRIMARY KEY (id),
    KEY ix_login_failures_unit (unit_no, at),
    KEY ix_login_failures_addr (addr, at),
    KEY ix_login_failures_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 险种. mandatory = one of the six always enrolled together (默认强制勾选);
-- civil_servant_only = only for 机关事业单位 and only when ticked (320).
CREATE TABLE insurance_types (
    code                CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name                VARCHAR(100) NOT NULL,
    mandatory           TINYINT(1) NOT NULL,
    civil_servant_only  TINYINT(1) NOT NULL DEFAULT 0,
    sort                INT NOT NULL,
    PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Rates with effective month ranges (to_month NULL = open ended, inclusive bounds).
-- An amount is round_half_up(base_fen * bp / 10000) + fixed_fen.
-- person_to_account: the individual part is credited to the personal account (310).
CREATE TABLE rates (
    id                BIGINT NOT NULL AUTO_INCREMENT,
    type_code         CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    from_month        DATE NOT NULL,
    to_month          DATE NULL,
    unit_bp           INT NOT NULL DEFAULT 0,
    person_bp         INT NOT NULL DEFAULT 0,
    unit_fixed_fen    BIGINT NOT NULL DEFAULT 0,
    person_fixed_fen  BIGINT NOT NULL DEFAULT 0,
    person_to_account TINYINT(1) NOT NULL DEFAULT 0,
    provisional       TINYINT(1) NOT NULL DEFAULT 0,
    note              VARCHAR(300) NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    UNIQUE KEY uq_rates_type_from (type_code, from_month),
    CONSTRAINT fk_rates_type FOREIGN KEY (type_code) REFERENCES insurance_types (code),
    CONSTRAINT ck_rates_from CHECK (DAYOFMONTH(from_month) = 1),
    CONSTRAINT ck_rates_to CHECK (to_month IS NULL OR (DAYOFMONTH(to_month) = 1 AND to_month >= from_month)),
    CONSTRAINT ck_rates_nonneg CHECK (unit_bp >= 0 AND person_bp >= 0 AND unit_fixed_fen >= 0 AND person_fixed_fen >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Monthly contribution-base limits (缴费基数上下限), inclusive month ranges.
CREATE TABLE base_limits (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    from_month  DATE NOT NULL,
    to_month    DATE NULL,
    lower_fen   BIGINT NOT NULL,
    upper_fen   BIGINT NOT NULL,
    provisional TINYINT(1) NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uq_base_limits_from (from_month),
    CONSTRAINT ck_base_limits_from CHECK (DAYOFMONTH(from_month) = 1),
    CONSTRAINT ck_base_limits_to CHECK (to_month IS NULL OR (DAYOFMONTH(to_month) = 1 AND to_month >= from_month)),
    CONSTRAINT ck_base_limits_order CHECK (lower_fen > 0 AND upper_fen >= lower_fen)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Base records (人员基础信息). id_no is deliberately NOT unique: the legacy system
-- has duplicates (spec §5 "该人员存在多条基础信息"), which only the counter can merge.
-- gender follows GB/T 2261.1: 1 男, 2 女 (derived from the ID at creation).
CREATE TABLE persons (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    id_no       CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name        VARCHAR(100) NOT NULL,
    gender      TINYINT NOT NULL,
    birth_date  DATE NOT NULL,
    phone       VARCHAR(32) NOT NULL DEFAULT '',
    address     VARCHAR(300) NOT NULL DEFAULT '',
    work_start  DATE NULL,
    retire_month DATE NULL,
    alive       VARCHAR(4) NOT NULL DEFAULT '在世',
    category    VARCHAR(8) NOT NULL DEFAULT '职工',
    created_at  DATETIME NOT NULL,
    PRIMARY KEY (id),
    KEY ix_persons_id_no (id_no),
    CONSTRAINT ck_persons_gender CHECK (gender IN (1, 2)),
    CONSTRAINT ck_persons_alive CHECK (alive IN ('在世', '死亡')),
    CONSTRAINT ck_persons_category CHECK (category IN ('职工', '公务员')),
    CONSTRAINT ck_persons_retire CHECK (retire_month IS NULL OR DAYOFMONTH(retire_month) = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per 证件号码 ever enrolled or looked at for enrolment. An enrolment first
-- X-locks the ID's row (store_id_lock: INSERT ... ON DUPLICATE KEY UPDATE, then
-- SELECT ... FOR UPDATE) before it reads persons/enrolments for that ID: two
-- concurrent enrolments of the same ID (two tabs, two units, a batch and a page)
-- are serialised, so the second sees the first's base record and never creates
-- another one. Locking a persons row cannot do this because, for a new person,
-- there is no row yet to lock. (Plain INSERT IGNORE would take a shared lock on an
-- existing row, and two such transactions deadlock when both then ask FOR UPDATE.)
CREATE TABLE id_locks (
    id_no       CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (id_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Enrolments: one row per person, insurance type and period of insurance.
--   kind        在职 (employee of unit_id), 退休 (retiree of unit_id),
--               灵活就业 (flexible employment, unit_id NULL).
--   person_type 职工在职 / 公务员在职 for 在职; 退休人员 / 灵活就业人员 otherwise.
--   end_date    NULL = active; else the last day insured (a month end).
--   "Normally insured" for a start month S (spec §5): end_date IS NULL OR end_date >= S
--   (S being the DATE of the first day of the month), whatever the kind.
--   transferred 1 = enrolled here after a transfer (转移) from elsewhere.
--   status      the 参保状态 shown on reports: 参保缴费 while active, 暂停缴费 once
--               stopped (written together with end_date), 终止参保 for a closed record.
--   Contributions are not charged for kind 退休 (retirees do not pay).
CREATE TABLE enrolments (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    person_id   BIGINT NOT NULL,
    unit_id     BIGINT NULL,
    kind        VARCHAR(8) NOT NULL,
    person_type VARCHAR(16) NOT NULL,
    type_code   CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    start_month DATE NOT NULL,
    end_date    DATE NULL,
    stop_reason VARCHAR(16) NULL,
    transferred TINYINT(1) NOT NULL DEFAULT 0,
    status      VARCHAR(8) NOT NULL DEFAULT '参保缴费',
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    PRIMARY KEY (id),
    KEY ix_enrolments_person (person_id, type_code, end_date),
    KEY ix_enrolments_unit (unit_id, kind, end_date),
    KEY ix_enrolments_type (type_code, start_month),
    CONSTRAINT fk_enrolments_person FOREIGN KEY (person_id) REFERENCES persons (id),
    CONSTRAINT fk_enrolments_unit FOREIGN KEY (unit_id) REFERENCES units (id),
    CONSTRAINT fk_enrolments_type FOREIGN KEY (type_code) REFERENCES insurance_types (code),
    CONSTRAINT ck_enrolments_kind CHECK (kind IN ('在职', '退休', '灵活就业')),
    CONSTRAINT ck_enrolments_unit CHECK ((kind = '灵活就业') = (unit_id IS NULL)),
    CONSTRAINT ck_enrolments_person_type CHECK (person_type IN ('职工在职', '公务员在职', '退休人员', '灵活就业人员')),
    CONSTRAINT ck_enrolments_start CHECK (DAYOFMONTH(start_month) = 1),
    CONSTRAINT ck_enrolments_end CHECK (end_date IS NULL OR end_date >= start_month),
    CONSTRAINT ck_enrolments_reason CHECK (stop_reason IS NULL OR stop_reason IN ('离职', '调出', '死亡', '其他')),
    CONSTRAINT ck_enrolments_status CHECK (status IN ('参保缴费', '暂停缴费', '终止参保'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Declared monthly wages (月申报工资), effective from from_month until the next row
-- of the same person and unit. wage_fen is as declared; clamping to the limits is
-- done when amounts are computed (and the page reports which limit applied).
CREATE TABLE wages (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    person_id   BIGINT NOT NULL,
    unit_id     BIGINT NULL,
    from_month  DATE NOT NULL,
    wage_fen    BIGINT NOT NULL,
    created_at  DATETIME NOT NULL,
    PRIMARY KEY (id),
    KEY ix_wages_person (person_id, from_month),
    KEY ix_wages_unit (unit_id, from_month),
    CONSTRAINT fk_wages_person FOREIGN KEY (person_id) REFERENCES persons (id),
    CONSTRAINT fk_wages_unit FOREIGN KEY (unit_id) REFERENCES units (id),
    CONSTRAINT ck_wages_from CHECK (DAYOFMONTH(from_month) = 1),
    CONSTRAINT ck_wages_nonneg CHECK (wage_fen >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Contributions (核定): one row per 证件号码, month and insurance type, across all
-- units and base records, so no month is ever charged twice (spec §5).
CREATE TABLE contributions (
    id           BIGINT NOT NULL AUTO_INCREMENT,
    id_no        CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    month        DATE NOT NULL,
    type_code    CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    person_id    BIGINT NOT NULL,
    unit_id      BIGINT NULL,
    payment_type VARCHAR(8) NOT NULL,
    base_fen     BIGINT NOT NULL,
    unit_fen     BIGINT NOT NULL DEFAULT 0,
    person_fen   BIGINT NOT NULL DEFAULT 0,
    account_fen  BIGINT NOT NULL DEFAULT 0,
    interest_fen BIGINT NOT NULL DEFAULT 0,
    late_fee_fen BIGINT NOT NULL DEFAULT 0,
    created_at   DATETIME NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_contributions (id_no, month, type_code),
    KEY ix_contributions_unit (unit_id, month, type_code, payment_type),
    KEY ix_contributions_person (person_id, month),
    CONSTRAINT fk_contributions_person FOREIGN KEY (person_id) REFERENCES persons (id),
    CONSTRAINT fk_contributions_unit FOREIGN KEY (unit_id) REFERENCES units (id),
    CONSTRAINT fk_contributions_type FOREIGN KEY (type_code) REFERENCES insurance_types (code),
    CONSTRAINT ck_contributions_month CHECK (DAYOFMONTH(month) = 1),
    CONSTRAINT ck_contributions_payment CHECK (payment_type IN ('正常应缴', '补缴'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Declarations (申报): the audit of every business operation. All are approved at
-- once today (已审核); review_status exists so 待审核 has something to query.
-- period is the declaration month (申报所属期) the operation belongs to.
CREATE TABLE declarations (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    unit_id     BIGINT NOT NULL,
    type        VARCHAR(16) NOT NULL,
    period      DATE NULL,
    id_no       CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NULL,
    name        VARCHAR(100) NULL,
    operator    VARCHAR(100) NOT NULL DEFAULT '',
    job_id      BIGINT NULL,     -- the batch job it came from; no foreign key: jobs are
                                 -- deleted 24 hours after they complete, declarations stay
    created_at  DATETIME NOT NULL,
    review_status VARCHAR(8) NOT NULL DEFAULT '已审核',
    result      VARCHAR(1000) NOT NULL DEFAULT '',
    before_data JSON NULL,
    after_data  JSON NULL,
    PRIMARY KEY (id),
    KEY ix_declarations_unit_type (unit_id, type, created_at),
    KEY ix_declarations_unit_created (unit_id, created_at),
    KEY ix_declarations_unit_period (unit_id, period, type),
    CONSTRAINT fk_declarations_unit FOREIGN KEY (unit_id) REFERENCES units (id),
    CONSTRAINT ck_declarations_type CHECK (type IN ('参保人员增员申报', '职工补缴核定',
        '参保人员减员申报', '缴费申报与变更', '单位信息维护', '参保人员信息维护')),
    CONSTRAINT ck_declarations_review CHECK (review_status IN ('待审核', '已审核')),
    CONSTRAINT ck_declarations_period CHECK (period IS NULL OR DAYOFMONTH(period) = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Batch jobs (spec §8). created_at/done_at are shown to the user (DATETIME,
-- Asia/Shanghai, real clock); as_of is the business "now" at upload (rows are judged
-- as of it); lease_until is real-clock unix seconds. A worker claims a job with
-- SELECT ... FOR UPDATE SKIP LOCKED on ix_jobs_claim, sets owner and lease_until.
CREATE TABLE jobs (
    id            BIGINT NOT NULL AUTO_INCREMENT,
    kind          VARCHAR(32) NOT NULL,
    unit_id       BIGINT NOT NULL,
    created_at    DATETIME NOT NULL,
    as_of         DATETIME NOT NULL,
    total         INT NOT NULL DEFAULT 0,
    processed     INT NOT NULL DEFAULT 0,
    has_error     TINYINT(1) NOT NULL DEFAULT 0,
    error_summary VARCHAR(1000) NOT NULL DEFAULT '',
    done          TINYINT(1) NOT NULL DEFAULT 0,
    done_at       DATETIME NULL,
    owner         VARCHAR(128) NULL,
    lease_until   BIGINT NULL,
    cancelled     TINYINT(1) NOT NULL DEFAULT 0,
    params        JSON NULL,
    result_name   VARCHAR(200) NULL,   -- an export's file name; its bytes are in job_files
    PRIMARY KEY (id),
    KEY ix_jobs_claim (done, cancelled, lease_until, id),
    KEY ix_jobs_unit (unit_id, created_at),
    KEY ix_jobs_done_at (done, done_at),
    CONSTRAINT fk_jobs_unit FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per data line of an uploaded file; status is written in the same
-- transaction as the row's business writes (so a crash neither loses nor repeats one).
CREATE TABLE job_rows (
    job_id      BIGINT NOT NULL,
    line_no     INT NOT NULL,
    raw         MEDIUMTEXT NOT NULL,  -- the row's cells as uploaded (encoding chosen by the
                                      -- page and the worker, e.g. a JSON array)
    status      VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'pending',
    message     VARCHAR(500) NOT NULL DEFAULT '',
    PRIMARY KEY (job_id, line_no),
    KEY ix_job_rows_status (job_id, status, line_no),
    CONSTRAINT fk_job_rows_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT ck_job_rows_status CHECK (status IN ('pending', 'ok', 'failed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An export job's result file, in chunks of at most 1 MB so no single row comes
-- near max_allowed_packet (a 10,000-employee month is several MB).
CREATE TABLE job_files (
    job_id      BIGINT NOT NULL,
    seq         INT NOT NULL,
    data        MEDIUMBLOB NOT NULL,
    PRIMARY KEY (job_id, seq),
    CONSTRAINT fk_job_files_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
