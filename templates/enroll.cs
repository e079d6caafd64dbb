<?cs include:"layout.cs" ?><?cs
# enroll.cs — 参保人员增员申报(补收) (GET/POST /enroll).
# Reads: Period.Month, Period.Label, Window.Open, Window.OpensAt, Window.ClosesAt,
#   Window.Notice (when the next window opens, while closed: the submit is then disabled;
#   the POST is refused server-side all the same), Months.N.{Value,Label,Selected}
#   (C … C-6, newest first), Types.N.{Code,Name} (the six mandatory types),
#   Civil.Offer / Civil.Name (机关事业单位 only), Form.{IdNo,Name,Phone,Wage,Civil}
#   (echo), Err.{id_no,name,phone,wage,start_month} (field messages), plus layout.cs.
#   A success is a 303 to /declarations/ID (declaration.cs), never this page.
?><?cs call:page_start() ?>
<?cs call:period_card() ?>
<form class="form" method="post" action="/enroll" novalidate>
  <?cs call:csrf_field() ?>
  <fieldset>
    <legend>人员信息</legend>
    <div class="form-row<?cs if:Err.id_no ?> has-error<?cs /if ?>">
      <label for="id_no" class="required">证件号码</label>
      <input type="text" id="id_no" name="id_no" value="<?cs var:Form.IdNo ?>" maxlength="18"
             inputmode="latin" spellcheck="false" autocomplete="off" required<?cs call:invalid("id_no", Err.id_no) ?>>
      <span class="hint">18位居民身份证号码,性别和出生日期由证件号码自动识别</span><?cs
      if:Err.id_no ?><span class="field-error" id="err-id_no"><?cs var:Err.id_no ?></span><?cs /if ?>
    </div>
    <div class="form-row<?cs if:Err.name ?> has-error<?cs /if ?>">
      <label for="name" class="required">姓名</label>
      <input type="text" id="name" name="name" value="<?cs var:Form.Name ?>" maxlength="100" required<?cs call:invalid("name", Err.name) ?>><?cs
      if:Err.name ?><span class="field-error" id="err-name"><?cs var:Err.name ?></span><?cs /if ?>
    </div>
    <div class="form-row<?cs if:Err.phone ?> has-error<?cs /if ?>">
      <label for="phone" class="required">联系电话</label>
      <input type="tel" id="phone" name="phone" value="<?cs var:Form.Phone ?>" maxlength="20" required<?cs call:invalid("phone", Err.phone) ?>>
      <span class="hint">手机或座机号码,7至20位数字,可含“-”</span><?cs
      if:Err.phone ?><span class="field-error" id="err-phone"><?cs var:Err.phone ?></span><?cs /if ?>
    </div>
  </fieldset>
  <fieldset>
    <legend>参保信息</legend>
    <div class="form-row<?cs if:Err.wage ?> has-error<?cs /if ?>">
      <label for="wage" class="required">月申报工资</label>
      <input type="text" class="num" id="wage" name="wage" value="<?cs var:Form.Wage ?>" maxlength="24"
             inputmode="decimal" required<?cs call:invalid("wage", Err.wage) ?>>
      <span class="hint">单位:元,最多两位小数,如6000、6000.50或6,000;低于缴费基数下限或高于上限的,按下限或上限核定</span><?cs
      if:Err.wage ?><span class="field-error" id="err-wage"><?cs var:Err.wage ?></span><?cs /if ?>
    </div>
<?cs call:start_month_and_types(Err.start_month) ?>
  </fieldset>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"<?cs if:!Window.Open ?> disabled<?cs /if ?>>提交申报</button>
  </div>
</form>
<?cs call:page_end() ?>
