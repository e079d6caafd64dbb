<?cs include:"layout.cs" ?><?cs
# wages_adjust.cs — 零星基数调整 (GET/POST /wages/adjust).
# Reads: the period of web_period() (period_card() in layout.cs),
# Months.N.{Value, Selected} (调整起始月份: C .. January of the year of C-1),
# Form.IdNo, Form.Wage, Err.id_no/from_month/wage, plus what layout.cs reads.
# While the window is closed (Window.Open 0) the submit is disabled (the POST is
# refused server-side all the same). A success is a 303 to /declarations/ID.
?><?cs call:page_start() ?>
<?cs call:period_card() ?>
<p class="hint">更正一名职工自调整起始月份起的月申报工资:已核定的月份按新工资(按各月缴费基数上下限和费率)与本单位已缴金额的差额生成补差记录(差额为负即退费),差额为零的不生成;当前申报期起按新工资结算。调整起始月份不可早于上一年度1月,也不可早于该人员在本单位的参保开始月份。</p>
<form class="form form-section" method="post" action="/wages/adjust">
  <?cs call:csrf_field() ?>
  <div class="form-row<?cs if:Err.id_no ?> has-error<?cs /if ?>">
    <label for="id_no" class="required">证件号码</label>
    <input type="text" id="id_no" name="id_no" value="<?cs var:Form.IdNo ?>" maxlength="18"
           required autocomplete="off" spellcheck="false"<?cs call:invalid("id_no", Err.id_no) ?>><?cs
    if:Err.id_no ?>
    <span class="field-error" id="err-id_no"><?cs var:Err.id_no ?></span><?cs /if ?>
  </div>
  <div class="form-row<?cs if:Err.from_month ?> has-error<?cs /if ?>">
    <label for="from_month" class="required">调整起始月份</label>
    <select id="from_month" name="from_month"<?cs call:invalid("from_month", Err.from_month) ?>><?cs
      each:m = Months ?>
      <option value="<?cs var:m.Value ?>"<?cs if:m.Selected ?> selected<?cs /if ?>><?cs var:m.Value ?></option><?cs
      /each ?>
    </select><?cs
    if:Err.from_month ?>
    <span class="field-error" id="err-from_month"><?cs var:Err.from_month ?></span><?cs /if ?>
  </div>
  <div class="form-row<?cs if:Err.wage ?> has-error<?cs /if ?>">
    <label for="wage" class="required">月申报工资(元)</label>
    <input type="text" id="wage" name="wage" value="<?cs var:Form.Wage ?>" maxlength="16"
           required inputmode="decimal" autocomplete="off"<?cs call:invalid("wage", Err.wage) ?>><?cs
    if:Err.wage ?>
    <span class="field-error" id="err-wage"><?cs var:Err.wage ?></span><?cs /if ?>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"<?cs if:!Window.Open ?> disabled<?cs /if ?>>基数调整</button>
  </div>
</form>
<?cs call:page_end() ?>
