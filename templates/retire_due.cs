<?cs include:"layout.cs" ?><?cs include:"paging.cs" ?><?cs
# retire_due.cs — 职工退休到龄查询 (GET /query/retire-due).
# Reads: Filter.* (as typed), Filter.Query, Err.*, Rows.N.*, Paging.*, Empty.Text, and layout.cs's.
?><?cs call:page_start() ?>
<p class="hint">按法定退休年龄计算(2025年1月1日起渐进式延迟):男60周岁、女干部55周岁(人员类别为公务员在职的女职工)、女工人50周岁,另加延迟月数。范围最长10年,默认本月起12个月。</p>
<form class="filter-form" method="get" action="/query/retire-due">
  <?cs call:filter_input("from", "month", "到龄年月(起)", Filter.From, Err.from) ?>
  <?cs call:filter_input("to", "month", "到龄年月(止)", Filter.To, Err.to) ?>
  <?cs call:filter_buttons() ?>
</form><?cs
if:Paging.Pages ?><?cs call:table_meta("/query/retire-due") ?>
<div class="table-wrap" tabindex="0">
<table class="data-table">
  <thead>
    <tr><th class="num">序号</th><th>证件号码</th><th>姓名</th><th>性别</th><th>出生日期</th><th>人员类别</th><th>到龄年月</th><th>适用年龄</th><th>延迟</th></tr>
  </thead>
  <tbody><?cs
  each:row = Rows ?>
    <tr>
      <td class="num"><?cs var:row.Seq ?></td>
      <td class="id-no"><?cs var:row.IdNo ?></td>
      <td class="nowrap"><?cs var:row.Name ?></td>
      <td><?cs var:row.Gender ?></td>
      <td class="nowrap"><?cs var:row.Birth ?></td>
      <td class="nowrap"><?cs var:row.PersonType ?></td>
      <td class="nowrap"><?cs var:row.DueMonth ?></td>
      <td class="nowrap"><?cs var:row.Rule ?></td>
      <td class="nowrap"><?cs if:row.Delay > 0 ?><?cs var:row.Delay ?>个月<?cs else ?>不延迟<?cs /if ?></td>
    </tr><?cs
  /each ?><?cs call:table_end(9, "/query/retire-due") ?><?cs
/if ?>
<?cs call:page_end() ?>
