<?cs include:"layout.cs" ?><?cs
# export_payments.cs — 职工缴费明细导出 (GET/POST /export/payments).
# Reads: Form.Month (YYYY-MM, as typed or the latest settled month), Form.Type ("" = 全部),
#   Types.N.{Code,Name} (险种 of the select), Err.month / Err.type (field messages),
#   Jobs.N.* (recent exports: recent_jobs() in layout.cs),
#   plus layout.cs. A success is a 303 to /jobs/ID (job.cs), never this page.
?><?cs call:page_start() ?>
<p class="hint">导出本单位全部职工某一费款所属期的缴费明细(证件号码、姓名、险种、缴费类型、缴费基数、单位缴费、个人缴费、划入个人账户),可选一个险种或全部险种。导出在后台进行,完成后在任务页面点击“导出”下载CSV文件(Excel可直接打开,证件号码保持为文本);文件仅保存24小时。</p>
<form class="form form-section" method="post" action="/export/payments">
  <?cs call:csrf_field() ?>
  <div class="form-row<?cs if:Err.month ?> has-error<?cs /if ?>">
    <label for="month" class="required">费款所属期</label>
    <input type="month" id="month" name="month" value="<?cs var:Form.Month ?>" required
           placeholder="YYYY-MM" pattern="[0-9]{4}-[0-9]{2}" maxlength="7"<?cs call:invalid("month", Err.month) ?>><?cs
    if:Err.month ?>
    <span class="field-error" id="err-month"><?cs var:Err.month ?></span><?cs /if ?>
    <span class="hint">年-月,如2026-10</span>
  </div>
  <div class="form-row<?cs if:Err.type ?> has-error<?cs /if ?>">
    <label for="type">险种</label>
    <select id="type" name="type"<?cs call:invalid("type", Err.type) ?>>
      <option value="">全部</option><?cs
      each:t = Types ?>
      <option value="<?cs var:t.Code ?>"<?cs if:t.Code == Form.Type ?> selected<?cs /if ?>><?cs var:t.Name ?></option><?cs
      /each ?>
    </select><?cs
    if:Err.type ?>
    <span class="field-error" id="err-type"><?cs var:Err.type ?></span><?cs /if ?>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary">提交导出</button>
  </div>
</form><?cs

call:recent_jobs("最近的导出任务") ?>
<?cs call:page_end() ?>
