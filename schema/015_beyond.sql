-- 015_beyond — spec §7a, issue 11: the declaration types of the operations
-- beyond the deck (补缴删除; 撤销增员 and 撤销减员 of the undo to come).
-- 单独补缴 records 职工补缴核定, already a type.
ALTER TABLE declarations DROP CONSTRAINT ck_declarations_type;
ALTER TABLE declarations ADD CONSTRAINT ck_declarations_type CHECK (type IN ('参保人员增员申报',
    '职工补缴核定', '参保人员减员申报', '缴费申报与变更', '单位信息维护', '参保人员信息维护',
    '补缴删除', '撤销增员', '撤销减员'));
