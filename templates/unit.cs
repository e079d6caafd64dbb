<?cs include:"layout.cs" ?><?cs
# unit.cs — 单位信息维护 (GET/POST /unit).
# Reads: Unit.{No, Name, CreditCode, Type} (read-only), Form.{ContactName, ContactPhone, Address,
#   BankName, BankAccountName, BankAccountNo, LegalRepPhone, Version}, Err.<field>, plus layout.cs.
# A success is a 303 to /declarations/ID, never this page.
?><?cs def:text_row(name, label, value, err, max, hint) ?>
  <div class="form-row<?cs if:err ?> has-error<?cs /if ?>">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <input type="text" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:value ?>" maxlength="<?cs var:max ?>" autocomplete="off"<?cs call:invalid(name, err) ?>><?cs
    if:err ?>
    <span class="field-error" id="err-<?cs var:name ?>"><?cs var:err ?></span><?cs /if ?><?cs
    if:hint ?>
    <span class="hint"><?cs var:hint ?></span><?cs /if ?>
  </div><?cs
/def ?><?cs call:page_start() ?>
<section class="panel" aria-labelledby="reg-title">
  <h2 id="reg-title" class="section-title">登记信息(不可修改)</h2>
  <dl class="kv">
    <dt>单位编号</dt><dd><?cs var:Unit.No ?></dd>
    <dt>单位名称</dt><dd><?cs var:Unit.Name ?></dd>
    <dt>统一社会信用代码</dt><dd><?cs var:Unit.CreditCode ?></dd>
    <dt>单位类型</dt><dd><?cs var:Unit.Type ?></dd>
  </dl>
  <p class="hint">以上信息如需变更,请携带相关材料到医保经办机构办理。</p>
</section>
<form class="form form-section" method="post" action="/unit">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="version" value="<?cs var:Form.Version ?>">
  <fieldset>
    <legend>联系信息</legend>
    <?cs call:text_row("contact_name", "经办人", Form.ContactName, Err.contact_name, 30, "") ?>
    <?cs call:text_row("contact_phone", "联系电话", Form.ContactPhone, Err.contact_phone, 20, "手机号码或固定电话,如13800000000或0512-12345678") ?>
    <?cs call:text_row("address", "地址", Form.Address, Err.address, 100, "") ?>
    <?cs call:text_row("legal_rep_phone", "法定代表人电话", Form.LegalRepPhone, Err.legal_rep_phone, 20, "") ?>
  </fieldset>
  <fieldset>
    <legend>银行信息</legend>
    <?cs call:text_row("bank_name", "开户银行", Form.BankName, Err.bank_name, 60, "") ?>
    <?cs call:text_row("bank_account_name", "户名", Form.BankAccountName, Err.bank_account_name, 100, "") ?>
    <?cs call:text_row("bank_account_no", "账号", Form.BankAccountNo, Err.bank_account_no, 32, "8至32位数字") ?>
  </fieldset>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary">保存</button>
  </div>
</form>
<?cs call:page_end() ?>
