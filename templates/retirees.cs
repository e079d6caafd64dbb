<?cs include:"layout.cs" ?><?cs include:"paging.cs" ?><?cs
# retirees.cs — 离退休人员查询 (GET /query/retirees).
# Reads: Filter.* (as typed), Filter.Query, Err.*, Rows.N.*, Paging.*, Empty.Text, and layout.cs's.
?><?cs call:page_start() ?>
<form class="filter-form" method="get" action="/query/retirees">
  <div class="field<?cs if:Err.id_no ?> has-error<?cs /if ?>">
    <label for="id_no">证件号码</label>
    <input type="text" id="id_no" name="id_no" value="<?cs var:Filter.IdNo ?>"><?cs
    if:Err.id_no ?><span class="field-error"><?cs var:Err.id_no ?></span><?cs /if ?>
  </div>
  <div class="field<?cs if:Err.status ?> has-error<?cs /if ?>">
    <label for="status">生存状态</label>
    <select id="status" name="status">
      <option value="">全部</option><?cs
      each:s = Statuses ?>
      <option value="<?cs var:s ?>"<?cs if:s == Filter.Status ?> selected<?cs /if ?>><?cs var:s ?></option><?cs
      /each ?>
    </select><?cs
    if:Err.status ?><span class="field-error"><?cs var:Err.status ?></span><?cs /if ?>
  </div>
  <button type="submit" class="btn btn-primary">查询</button>
  <button type="submit" class="btn" name="format" value="csv">导出CSV</button>
</form><?cs
if:Paging.Pages ?><?cs call:table_meta("/query/retirees") ?>
<div class="table-wrap">
<table class="data-table">
  <thead>
    <tr><th class="num">序号</th><th>证件号码</th><th>姓名</th><th>退休年月</th><th>参加工作时间</th><th>联系电话</th><th>居住地</th><th>生存状态</th></tr>
  </thead>
  <tbody><?cs
  each:row = Rows ?>
    <tr>
      <td class="num"><?cs var:row.Seq ?></td>
      <td class="id-no"><?cs var:row.IdNo ?></td>
      <td class="nowrap"><?cs var:row.Name ?></td>
      <td class="nowrap"><?cs var:row.RetireMonth ?></td>
      <td class="nowrap"><?cs var:row.WorkStart ?></td>
      <td class="nowrap"><?cs var:row.Phone ?></td>
      <td><?cs var:row.Address ?></td>
      <td class="nowrap"><?cs var:row.Alive ?></td>
    </tr><?cs
  /each ?><?cs
  if:Empty.Text ?>
    <tr><td class="empty" colspan="8"><?cs var:Empty.Text ?></td></tr><?cs
  /if ?>
  </tbody>
</table>
</div><?cs call:pagination("/query/retirees") ?><?cs
/if ?>
<?cs call:page_end() ?>
