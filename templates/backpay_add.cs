<?cs include:"layout.cs" ?><?cs
# backpay_add.cs — 单独补缴 (GET/POST /backpay/add).
# Reads: the period of web_period() (period_card() in layout.cs),
# Months.N.{Value, Selected} (补缴起始月份: C-1 .. C-backpay_max), Form.IdNo, Form.Wage,
# Err.id_no/start_month/wage, plus what layout.cs reads. While the window is closed
# (Window.Open 0) the submit is disabled (the POST is refused server-side all the same).
# A success is a 303 to /declarations/ID (职工补缴核定).
?><?cs call:page_start() ?>
<?cs call:period_card() ?>
<p class="hint">为本单位正常参保的职工补缴参保开始月份之前的月份(最长不超过当前时间的6个月),按所填月申报工资及各月缴费基数上下限和费率核定;已缴费的月份自动跳过,其他单位正常参保的月份不可补缴。补缴后参保开始月份相应提前。</p>
<form class="form form-section" method="post" action="/backpay/add">
  <?cs call:csrf_field() ?>
  <div class="form-row<?cs if:Err.id_no ?> has-error<?cs /if ?>">
    <label for="id_no" class="required">证件号码</label>
    <input type="text" id="id_no" name="id_no" value="<?cs var:Form.IdNo ?>" maxlength="18"
           required autocomplete="off" spellcheck="false"<?cs call:invalid("id_no", Err.id_no) ?>><?cs
    if:Err.id_no ?>
    <span class="field-error" id="err-id_no"><?cs var:Err.id_no ?></span><?cs /if ?>
  </div>
  <div class="form-row<?cs if:Err.start_month ?> has-error<?cs /if ?>">
    <label for="start_month" class="required">补缴起始月份</label>
    <select id="start_month" name="start_month"<?cs call:invalid("start_month", Err.start_month) ?>><?cs
      each:m = Months ?>
      <option value="<?cs var:m.Value ?>"<?cs if:m.Selected ?> selected<?cs /if ?>><?cs var:m.Value ?></option><?cs
      /each ?>
    </select><?cs
    if:Err.start_month ?>
    <span class="field-error" id="err-start_month"><?cs var:Err.start_month ?></span><?cs /if ?>
    <span class="hint">补缴至参保开始月份的上一个月</span>
  </div>
  <div class="form-row<?cs if:Err.wage ?> has-error<?cs /if ?>">
    <label for="wage" class="required">月申报工资(元)</label>
    <input type="text" id="wage" name="wage" value="<?cs var:Form.Wage ?>" maxlength="16"
           required inputmode="decimal" autocomplete="off"<?cs call:invalid("wage", Err.wage) ?>><?cs
    if:Err.wage ?>
    <span class="field-error" id="err-wage"><?cs var:Err.wage ?></span><?cs /if ?>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"<?cs if:!Window.Open ?> disabled<?cs /if ?>>补缴核定</button>
  </div>
</form>
<?cs call:page_end() ?>
