<?cs include:"layout.cs" ?><?cs
# job_delete.cs — 删除批量任务 (GET /jobs/ID/delete): what deleting the job does, and
# the form that deletes it (POST to the same URL); no JavaScript.
# Reads: Job.{Id,Kind,Created,Total,Processed,Failed,Done,DoneAt,Expired,IsExport,
#   StartMonth,Civil}, plus layout.cs.
?><?cs call:page_start() ?>
<section class="panel" aria-labelledby="delete-title">
  <h2 id="delete-title" class="section-title">确定删除该批量任务吗?</h2>
  <dl class="kv">
    <dt>功能名称</dt><dd><?cs var:Job.Kind ?></dd>
    <dt>创建时间</dt><dd><?cs var:Job.Created ?></dd><?cs
    if:Job.StartMonth ?>
    <dt>本次参保时间</dt><dd><?cs var:Job.StartMonth ?></dd><?cs
    /if ?>
    <dt>数据总量</dt><dd><?cs var:Job.Total ?></dd>
    <dt>已处理数据</dt><dd><?cs var:Job.Processed ?></dd>
    <dt>处理失败</dt><dd><?cs var:Job.Failed ?></dd>
    <dt>是否完成</dt><dd><?cs if:Job.Done ?>是(<?cs var:Job.DoneAt ?>)<?cs else ?>否<?cs /if ?></dd>
  </dl><?cs
  if:!Job.Done ?>
  <p class="msg warn">该任务尚未处理完:删除后其余数据将不再处理。已处理成功的数据是正式的申报,删除任务不会撤销。</p><?cs
  else ?>
  <p class="msg warn">删除只删除任务记录,已处理成功的数据是正式的申报,不会撤销。</p><?cs
  /if ?><?cs
  if:Job.Failed > 0 && !Job.Expired && !Job.IsExport ?>
  <p class="msg warn">删除后将无法再导出失败数据,如需修改后重新上传,请先<a href="/jobs/<?cs var:Job.Id ?>/failed.csv">导出失败数据</a>或<a href="/jobs/<?cs var:Job.Id ?>/failed.xlsx">导出失败数据(Excel)</a>。</p><?cs
  /if ?>
  <form class="form-actions" method="post" action="/jobs/<?cs var:Job.Id ?>/delete">
    <?cs call:csrf_field() ?>
    <button type="submit" class="btn btn-danger">确认删除</button>
    <a class="btn" href="/jobs/<?cs var:Job.Id ?>">取消</a>
  </form>
</section>
<?cs call:page_end() ?>
