<?cs include:"layout.cs" ?><?cs include:"paging.cs" ?><?cs
# roster.cs — 单位花名册查询 (GET /query/roster): every person of the unit.
# Reads: Filter.* (as typed), Filter.Query, Err.*, Rows.N.*, Paging.*, Empty.Text, and layout.cs's.
?><?cs call:page_start() ?>
<p class="hint">月申报工资为本月有效的申报工资;缴费基数为按本月缴费基数上下限核定的基数,仅对参保缴费的在职人员显示。</p>
<form class="filter-form" method="get" action="/query/roster">
  <div class="field<?cs if:Err.id_no ?> has-error<?cs /if ?>">
    <label for="id_no">证件号码</label>
    <input type="text" id="id_no" name="id_no" value="<?cs var:Filter.IdNo ?>"><?cs
    if:Err.id_no ?><span class="field-error"><?cs var:Err.id_no ?></span><?cs /if ?>
  </div>
  <div class="field<?cs if:Err.name ?> has-error<?cs /if ?>">
    <label for="name">姓名(包含)</label>
    <input type="text" id="name" name="name" value="<?cs var:Filter.Name ?>"><?cs
    if:Err.name ?><span class="field-error"><?cs var:Err.name ?></span><?cs /if ?>
  </div>
  <div class="field<?cs if:Err.status ?> has-error<?cs /if ?>">
    <label for="status">状态</label>
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
if:Paging.Pages ?><?cs call:table_meta("/query/roster") ?>
<div class="table-wrap">
<table class="data-table">
  <thead>
    <tr><th class="num">序号</th><th>证件号码</th><th>姓名</th><th>人员类别</th><th>状态</th><th>参保开始年月</th><th>停保日期</th><th>月申报工资(元)</th><th>缴费基数(元)</th></tr>
  </thead>
  <tbody><?cs
  each:row = Rows ?>
    <tr>
      <td class="num"><?cs var:row.Seq ?></td>
      <td class="id-no"><?cs var:row.IdNo ?></td>
      <td class="nowrap"><?cs var:row.Name ?></td>
      <td class="nowrap"><?cs var:row.PersonType ?></td>
      <td class="nowrap"><?cs var:row.Status ?></td>
      <td class="nowrap"><?cs var:row.Start ?></td>
      <td class="nowrap"><?cs var:row.End ?></td>
      <td class="num"><?cs var:row.Wage ?></td>
      <td class="num"><?cs var:row.Base ?></td>
    </tr><?cs
  /each ?><?cs
  if:Empty.Text ?>
    <tr><td class="empty" colspan="9"><?cs var:Empty.Text ?></td></tr><?cs
  /if ?>
  </tbody>
</table>
</div><?cs call:pagination("/query/roster") ?><?cs
/if ?>
<?cs call:page_end() ?>
