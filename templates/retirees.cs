<?cs include:"layout.cs" ?><?cs include:"paging.cs" ?><?cs
# retirees.cs — 离退休人员查询 (GET /query/retirees).
# Reads: Filter.* (as typed), Filter.Query, Err.*, Rows.N.*, Paging.*, Empty.Text, and layout.cs's.
?><?cs call:page_start() ?>
<form class="filter-form" method="get" action="/query/retirees">
  <?cs call:filter_input("id_no", "text", "证件号码", Filter.IdNo, Err.id_no) ?>
  <?cs call:filter_select("status", "生存状态", Statuses, Filter.Status, Err.status) ?>
  <?cs call:filter_buttons() ?>
</form><?cs
if:Paging.Pages ?><?cs call:table_meta("/query/retirees") ?>
<div class="table-wrap" tabindex="0">
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
  /each ?><?cs call:table_end(8, "/query/retirees") ?><?cs
/if ?>
<?cs call:page_end() ?>
