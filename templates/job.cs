<?cs include:"layout.cs" ?><?cs
# job.cs — one batch job (GET /jobs/ID) with its progress bar, or the 已过期 page (410).
# Reads: Expired (410 page), Job.{Id,Kind,Created,Total,Processed,Ok,Failed,HasError,
#   Error,Done,DoneAt,Expired,Percent,IsExport,StartMonth,Civil,ExportMonth,ExportType,
#   WageYear (a 工资年度申报)}, Missing.{Count, Shown, Rows.N.{IdNo, Name}} (its 未申报人员),
#   plus layout.cs.
# static/js/jobs.js polls /jobs/ID?format=json and updates the elements marked
# data-field, announcing progress every 10% and the completion in the data-field="announce"
# live region (4.1.2; it no longer reloads the page by itself: the 刷新 link says 查看处理结果);
# without JS the 刷新 link reloads the page.
?><?cs call:page_start() ?><?cs call:print_only_header() ?><?cs
if:Expired ?>
<p><a class="btn" href="/jobs">返回批量任务</a></p><?cs
else ?>
<section class="panel job-panel" id="job" data-job-id="<?cs var:Job.Id ?>"
  data-done="<?cs var:Job.Done ?>" aria-labelledby="job-title">
  <h2 id="job-title" class="section-title"><?cs var:Job.Kind ?></h2>
  <div class="progress-row">
    <div class="progress<?cs if:Job.Done ?> done<?cs /if ?><?cs if:Job.HasError ?> has-errors<?cs /if ?>"
      role="progressbar" aria-label="处理进度" aria-valuemin="0" aria-valuemax="100"
      aria-valuenow="<?cs var:Job.Percent ?>"
      aria-valuetext="已处理<?cs var:Job.Processed ?>条,共<?cs var:Job.Total ?>条(<?cs var:Job.Percent ?>%)"
      data-field="bar-wrap">
      <div class="bar p<?cs var:Job.Percent ?>" data-field="bar"></div>
    </div>
    <span class="progress-label"><span data-field="percent"><?cs var:Job.Percent ?></span>%</span>
  </div>
  <p class="sr-only" role="status" data-field="announce"></p>
  <dl class="kv">
    <dt>创建时间</dt><dd><?cs var:Job.Created ?></dd><?cs
    if:Job.WageYear ?>
    <dt>申报年度</dt><dd><?cs var:Job.WageYear ?>年</dd><?cs
    /if ?><?cs
    if:Job.StartMonth ?>
    <dt>本次参保时间</dt><dd><?cs var:Job.StartMonth ?></dd>
    <dt>公务员医疗保险</dt><dd><?cs if:Job.Civil ?>参保<?cs else ?>不参保<?cs /if ?></dd><?cs
    /if ?><?cs
    if:Job.ExportMonth ?>
    <dt>费款所属期</dt><dd><?cs var:Job.ExportMonth ?></dd>
    <dt>险种</dt><dd><?cs var:Job.ExportType ?></dd><?cs
    /if ?>
    <dt>数据总量</dt><dd data-field="total"><?cs var:Job.Total ?></dd>
    <dt>已处理数据</dt><dd data-field="processed"><?cs var:Job.Processed ?></dd>
<?cs if:!Job.IsExport ?>
    <dt>处理失败</dt><dd data-field="failed"><?cs var:Job.Failed ?></dd><?cs /if ?>
    <dt>是否完成</dt><dd data-field="done"><?cs if:Job.Done ?>是<?cs else ?>否<?cs /if ?></dd>
    <dt>完成时间</dt><dd><?cs var:Job.DoneAt ?></dd>
    <dt>错误详情</dt><dd><?cs var:Job.Error ?></dd>
  </dl>
  <div class="form-actions">
    <a class="btn" href="/jobs/<?cs var:Job.Id ?>" data-field="refresh">刷新</a><?cs
    if:!Job.Expired ?><?cs
      if:Job.IsExport ?><?cs
        if:Job.Done ?><a class="btn btn-primary" href="/jobs/<?cs var:Job.Id ?>/result.csv">导出</a> <a class="btn" href="/jobs/<?cs var:Job.Id ?>/result.xlsx">导出Excel</a><?cs /if ?><?cs
      elif:Job.Failed > 0 ?>
    <a class="btn btn-primary" href="/jobs/<?cs var:Job.Id ?>/failed.csv">导出失败数据</a>
    <a class="btn" href="/jobs/<?cs var:Job.Id ?>/failed.xlsx">导出失败数据(Excel)</a><?cs
      /if ?><?cs
    /if ?>
    <a class="btn" href="/jobs">全部批量任务</a>
    <a class="btn btn-danger" href="/jobs/<?cs var:Job.Id ?>/delete">删除</a>
  </div>
<?cs if:Job.WageYear && Job.Done && !Job.Expired ?>
  <h3 class="section-title" id="missing">未申报人员(<?cs var:Missing.Count ?>人)</h3><?cs
  if:Missing.Count > 0 ?>
  <p class="hint">以下在职参保职工不在本次申报文件中,沿用原月申报工资。<?cs if:Missing.Count > Missing.Shown ?>此处显示前<?cs var:Missing.Shown ?>人,全部人员请导出查看。<?cs /if ?></p>
  <div class="table-wrap" tabindex="0">
  <table class="data-table">
    <thead><tr><th>证件号码</th><th>姓名</th></tr></thead>
    <tbody><?cs each:m = Missing.Rows ?>
      <tr><td class="id-no"><?cs var:m.IdNo ?></td><td class="nowrap"><?cs var:m.Name ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <div class="form-actions"><a class="btn" href="/jobs/<?cs var:Job.Id ?>/missing.csv">导出未申报人员</a> <a class="btn" href="/jobs/<?cs var:Job.Id ?>/missing.xlsx">导出未申报人员(Excel)</a></div><?cs
  else ?>
  <p class="hint">本单位在职参保职工均已申报。</p><?cs
  /if ?>
<?cs /if ?><?cs if:Job.IsExport ?>
  <p class="hint">导出文件仅保存24小时,请及时下载。删除任务将同时删除导出文件。</p><?cs else ?>
  <p class="hint">失败数据请及时导出,数据记录仅保存24小时。删除正在处理的任务将停止处理其余数据,已处理成功的数据不会撤销。</p><?cs /if ?>
</section>
<script src="/static/js/jobs.js" defer></script><?cs
/if ?>
<?cs call:page_end() ?>
