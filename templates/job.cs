<?cs include:"layout.cs" ?><?cs
# job.cs — one batch job (GET /jobs/ID) with its progress bar, or the 已过期 page (410).
# Reads: Expired (410 page), Job.{Id,Kind,Created,Total,Processed,Ok,Failed,HasError,
#   Error,Done,DoneAt,Expired,Percent,IsExport,StartMonth,Civil,ExportMonth,ExportType},
#   plus layout.cs.
# static/js/jobs.js polls /jobs/ID?format=json and updates the elements marked
# data-field; without JS the 刷新 link reloads the page.
?><?cs call:page_start() ?><?cs call:print_only_header() ?><?cs
if:Expired ?>
<p><a class="btn" href="/jobs">返回批量任务</a></p><?cs
else ?>
<section class="panel job-panel" id="job" data-job-id="<?cs var:Job.Id ?>"
  data-done="<?cs var:Job.Done ?>" aria-labelledby="job-title">
  <h2 id="job-title" class="section-title"><?cs var:Job.Kind ?></h2>
  <div class="progress-row">
    <div class="progress<?cs if:Job.Done ?> done<?cs /if ?><?cs if:Job.HasError ?> has-errors<?cs /if ?>"
      role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="<?cs var:Job.Percent ?>"
      data-field="bar-wrap">
      <div class="bar p<?cs var:Job.Percent ?>" data-field="bar"></div>
    </div>
    <span class="progress-label"><span data-field="percent"><?cs var:Job.Percent ?></span>%</span>
  </div>
  <dl class="kv">
    <dt>创建时间</dt><dd><?cs var:Job.Created ?></dd><?cs
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
        if:Job.Done ?><a class="btn btn-primary" href="/jobs/<?cs var:Job.Id ?>/result.csv">导出</a><?cs /if ?><?cs
      elif:Job.Failed > 0 ?>
    <a class="btn btn-primary" href="/jobs/<?cs var:Job.Id ?>/failed.csv">导出失败数据</a><?cs
      /if ?><?cs
    /if ?>
    <a class="btn" href="/jobs">全部批量任务</a>
    <a class="btn btn-danger" href="/jobs/<?cs var:Job.Id ?>/delete">删除</a>
  </div>
<?cs if:Job.IsExport ?>
  <p class="hint">导出文件仅保存24小时,请及时下载。删除任务将同时删除导出文件。</p><?cs else ?>
  <p class="hint">失败数据请及时导出,数据记录仅保存24小时。删除正在处理的任务将停止处理其余数据,已处理成功的数据不会撤销。</p><?cs /if ?>
</section>
<script src="/static/js/jobs.js" defer></script><?cs
/if ?>
<?cs call:page_end() ?>
