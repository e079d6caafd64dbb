-- 015_beyond — spec §7a, issue 11: the declaration types of the operations
-- beyond the deck (补缴删除; 撤销增员 and 撤销减员 of the undo to come).
-- 单独补缴 records 职工补缴核定, already a type.
ALTER TABLE declarations DROP CONSTRAINT ck_declarations_type;
ALTER TABLE declarations ADD CONSTRAINT ck_declarations_type CHECK (type IN ('参保人员增员申报',
    '职工补缴核定', '参保人员减员申报', '缴费申报与变更', '单位信息维护', '参保人员信息维护',
    '补缴删除', '撤销增员', '撤销减员'));

-- 零星基数调整 (§7a) writes difference rows, payment type 补差, possibly many
-- per (person, month, type) and possibly negative (退费). 正常应缴 and 补缴
-- stay one charge per (证件号码, month, type) together: the unique key holds
-- charge_once, 1 for them and NULL for 补差 (NULLs never collide), so the
-- settlement's ON DUPLICATE KEY and §5's "no month charged twice" keep working.
ALTER TABLE contributions DROP CONSTRAINT ck_contributions_payment;
ALTER TABLE contributions ADD CONSTRAINT ck_contributions_payment
    CHECK (payment_type IN ('正常应缴', '补缴', '补差'));
ALTER TABLE contributions ADD COLUMN charge_once TINYINT
    AS (IF(payment_type = '补差', NULL, 1)) PERSISTENT;
ALTER TABLE contributions ADD UNIQUE KEY uq_contributions_once (id_no, month, type_code, charge_once),
    DROP INDEX uq_contributions;

-- 撤销本期增员 / 撤销本期减员 point at the declaration they withdraw; a
-- declaration with such a pointer to it says it was withdrawn.
ALTER TABLE declarations ADD COLUMN reverses_id BIGINT NULL,
    ADD KEY ix_declarations_reverses (reverses_id);
