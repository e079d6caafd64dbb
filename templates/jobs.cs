<?cs include:"layout.cs" ?><?cs
# jobs.cs — 批量任务 (GET /jobs): the unit's jobs as the deck shows them.
# Reads: Jobs.N.{Id,Kind,Created,Total,Processed,Failed,HasError,Error,Done,DoneAt,
#   Expired,Percent,IsExport}, plus layout.cs.
?><?cs call:page_start() ?>
<p class="hint">批量任务由后台处理,离开页面不影响处理。失败数据请及时导出,数据记录仅保存24小时。
  <a href="/jobs">刷新</a> · <a href="/jobs?format=csv">导出列表</a> · <a href="/jobs?format=xlsx">导出列表(Excel)</a></p><?cs
if:subcount(Jobs) == 0 ?>
<p class="empty">暂无批量任务。可在“<a href="/enroll/batch">批量增员申报(补收)</a>”中上传文件。</p><?cs
else ?>
<div class="table-wrap" tabindex="0">
<table class="data-table jobs-table">
  <thead><tr>
    <th>功能名称</th><th>创建时间</th><th class="num">数据总量</th><th class="num">已处理数据</th>
    <th>是否出现错误</th><th>错误详情</th><th>是否完成</th><th>完成时间</th><th>操作</th>
  </tr></thead>
  <tbody><?cs
  each:j = Jobs ?>
    <tr data-job="<?cs var:j.Id ?>">
      <td><a href="/jobs/<?cs var:j.Id ?>"><?cs var:j.Kind ?></a></td>
      <td><?cs var:j.Created ?></td>
      <td class="num"><?cs var:j.Total ?></td>
      <td class="num"><?cs var:j.Processed ?></td>
      <td><?cs if:j.HasError ?>是<?cs else ?>否<?cs /if ?></td>
      <td><?cs var:j.Error ?></td>
      <td><?cs if:j.Done ?>是<?cs else ?>否<?cs /if ?></td>
      <td><?cs var:j.DoneAt ?></td>
      <td class="actions">
        <a class="btn btn-small" href="/jobs/<?cs var:j.Id ?>">刷新</a><?cs
        if:j.IsExport ?><?cs
          if:j.Done && !j.Expired ?>
        <a class="btn btn-small" href="/jobs/<?cs var:j.Id ?>/result.csv">导出</a>
        <a class="btn btn-small" href="/jobs/<?cs var:j.Id ?>/result.xlsx">导出Excel</a><?cs /if ?><?cs
        elif:j.Failed > 0 && !j.Expired ?>
        <a class="btn btn-small" href="/jobs/<?cs var:j.Id ?>/failed.csv">导出失败数据</a>
        <a class="btn btn-small" href="/jobs/<?cs var:j.Id ?>/failed.xlsx">导出失败数据(Excel)</a><?cs
        /if ?>
        <a class="btn btn-small btn-danger" href="/jobs/<?cs var:j.Id ?>/delete">删除</a>
      </td>
    </tr><?cs
  /each ?>
  </tbody>
</table>
</div><?cs
/if ?>
<?cs call:page_end() ?>
