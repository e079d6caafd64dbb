<?cs include:"layout.cs" ?><?cs
# stop.cs — 参保人员减员申报 (GET/POST /stop).
# Reads: the period of web_period() (period_card() in layout.cs),
# Choices.0/1 {Value, Label, Checked} (the two valid 减员时间), Reasons.* (减员原因),
# Form.IdNo, Form.Reason, Form.ChangedAt (变更时间 = now), Err.id_no/end_date/reason,
# plus what layout.cs reads. While the window is closed (Window.Open 0) the submit is
# disabled (the POST is refused server-side all the same). A success is a 303 to
# /declarations/ID (declaration.cs), never this page.
?><?cs call:page_start() ?>
<?cs call:period_card() ?>
<p class="hint">减员时间只能选择上月末或本月末:选择上月末,本月不再缴费;选择本月末,本月照常缴费。已核定的缴费(含补缴)不因减员而删除。</p>
<form class="form form-section" method="post" action="/stop">
  <?cs call:csrf_field() ?>
  <div class="form-row<?cs if:Err.id_no ?> has-error<?cs /if ?>">
    <label for="id_no" class="required">证件号码</label>
    <input type="text" id="id_no" name="id_no" value="<?cs var:Form.IdNo ?>" maxlength="18"
           required autocomplete="off" spellcheck="false"<?cs call:invalid("id_no", Err.id_no) ?>><?cs
    if:Err.id_no ?>
    <span class="field-error" id="err-id_no"><?cs var:Err.id_no ?></span><?cs /if ?>
    <span class="hint">18位居民身份证号码</span>
  </div>
  <fieldset class="form-row field-group<?cs if:Err.end_date ?> has-error<?cs /if ?>">
    <legend class="label required">减员时间</legend>
    <div class="field check-list"><?cs
      each:c = Choices ?>
      <label class="choice"><input type="radio" name="end_date" value="<?cs var:c.Value ?>"<?cs
        if:c.Checked ?> checked<?cs /if ?> required<?cs call:invalid("end_date", Err.end_date) ?>><?cs var:c.Value ?>(<?cs var:c.Label ?>)</label><?cs
      /each ?>
    </div><?cs
    if:Err.end_date ?>
    <span class="field-error" id="err-end_date"><?cs var:Err.end_date ?></span><?cs /if ?>
  </fieldset>
  <div class="form-row<?cs if:Err.reason ?> has-error<?cs /if ?>">
    <label for="reason" class="required">减员原因</label>
    <select id="reason" name="reason" required<?cs call:invalid("reason", Err.reason) ?>>
      <option value="">请选择</option><?cs
      each:x = Reasons ?>
      <option value="<?cs var:x ?>"<?cs if:x == Form.Reason ?> selected<?cs /if ?>><?cs var:x ?></option><?cs
      /each ?>
    </select><?cs
    if:Err.reason ?>
    <span class="field-error" id="err-reason"><?cs var:Err.reason ?></span><?cs /if ?>
  </div>
  <div class="form-row">
    <span class="label">变更时间</span>
    <span class="readonly"><?cs var:Form.ChangedAt ?></span>
    <span class="hint">由系统记录为办理时间</span>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"<?cs if:!Window.Open ?> disabled<?cs /if ?>>减员申报</button>
  </div>
</form>
<?cs call:page_end() ?>
