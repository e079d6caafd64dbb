<?cs include:"layout.cs" ?><?cs include:"paging.cs" ?><?cs
# roster.cs — 单位花名册查询 (GET /query/roster): every person of the unit.
# Reads: Filter.* (as typed), Filter.Query, Err.*, Rows.N.*, Paging.*, Empty.Text, and layout.cs's.
?><?cs call:page_start() ?>
<p class="hint">月申报工资为本月有效的申报工资;缴费基数为按本月缴费基数上下限核定的基数,仅对参保缴费的在职人员显示。</p>
<form class="filter-form" method="get" action="/query/roster">
  <?cs call:filter_input("id_no", "text", "证件号码", Filter.IdNo, Err.id_no) ?>
  <?cs call:filter_input("name", "text", "姓名(包含)", Filter.Name, Err.name) ?>
  <?cs call:filter_select("status", "状态", Statuses, Filter.Status, Err.status) ?>
  <?cs call:filter_buttons() ?>
</form><?cs
if:Paging.Pages ?><?cs call:table_meta("/query/roster") ?>
<div class="table-wrap" tabindex="0">
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
  /each ?><?cs call:table_end(9, "/query/roster") ?><?cs
/if ?>
<?cs call:page_end() ?>
