<?cs include:"layout.cs" ?><?cs
# person.cs — 参保人员信息维护 (GET/POST /person?id_no=).
# Reads: Query.IdNo (as typed), Err.id_no, Person.{IdNo, Gender, Birth, Editable} (when found),
#   Form.{Name, Phone, Address, Version}, Err.name/phone/address, plus layout.cs.
# A success is a 303 to /declarations/ID, never this page.
?><?cs call:page_start() ?>
<form class="filter-form" method="get" action="/person">
  <div class="form-row<?cs if:Err.id_no ?> has-error<?cs /if ?>">
    <label for="q_id_no" class="required">证件号码</label>
    <input type="text" id="q_id_no" name="id_no" value="<?cs var:Query.IdNo ?>" maxlength="18" required autocomplete="off" spellcheck="false"<?cs call:invalid("id_no", Err.id_no) ?>><?cs
    if:Err.id_no ?>
    <span class="field-error" id="err-id_no"><?cs var:Err.id_no ?></span><?cs /if ?>
  </div>
  <div class="form-actions"><button type="submit" class="btn">查询</button></div>
</form><?cs
if:Person.IdNo ?>
<form class="form form-section" method="post" action="/person">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="id_no" value="<?cs var:Person.IdNo ?>">
  <input type="hidden" name="version" value="<?cs var:Form.Version ?>">
  <fieldset<?cs if:!Person.Editable ?> disabled<?cs /if ?>>
    <legend>人员信息</legend>
    <div class="form-row"><span class="label">证件号码</span><span class="readonly id-no"><?cs var:Person.IdNo ?></span></div>
    <div class="form-row"><span class="label">性别</span><span class="readonly"><?cs var:Person.Gender ?></span></div>
    <div class="form-row"><span class="label">出生日期</span><span class="readonly"><?cs var:Person.Birth ?></span></div>
    <div class="form-row<?cs if:Err.name ?> has-error<?cs /if ?>">
      <label for="name" class="required">姓名</label>
      <input type="text" id="name" name="name" value="<?cs var:Form.Name ?>" maxlength="30" required autocomplete="off"<?cs call:invalid("name", Err.name) ?>><?cs
      if:Err.name ?>
      <span class="field-error" id="err-name"><?cs var:Err.name ?></span><?cs /if ?>
      <span class="hint">仅用于更正姓名的写法,须与身份证一致;修改后各项申报须使用新姓名。</span>
    </div>
    <div class="form-row<?cs if:Err.phone ?> has-error<?cs /if ?>">
      <label for="phone">联系电话</label>
      <input type="text" id="phone" name="phone" value="<?cs var:Form.Phone ?>" maxlength="20" autocomplete="off"<?cs call:invalid("phone", Err.phone) ?>><?cs
      if:Err.phone ?>
      <span class="field-error" id="err-phone"><?cs var:Err.phone ?></span><?cs /if ?>
    </div>
    <div class="form-row<?cs if:Err.address ?> has-error<?cs /if ?>">
      <label for="address">居住地址</label>
      <input type="text" id="address" name="address" value="<?cs var:Form.Address ?>" maxlength="100" autocomplete="off"<?cs call:invalid("address", Err.address) ?>><?cs
      if:Err.address ?>
      <span class="field-error" id="err-address"><?cs var:Err.address ?></span><?cs /if ?>
    </div>
  </fieldset><?cs
  if:Person.Editable ?>
  <div class="form-actions"><button type="submit" class="btn btn-primary">保存</button></div><?cs
  /if ?>
</form><?cs
/if ?>
<?cs call:page_end() ?>
