<?cs include:"layout.cs" ?><?cs include:"paging.cs" ?><?cs
# retire_due.cs — 职工退休到龄查询 (GET /query/retire-due).
# Reads: Filter.* (as typed), Filter.Query, Err.*, Rows.N.*, Paging.*, Empty.Text, and layout.cs's.
?><?cs call:page_start() ?>
<p class="hint">按法定退休年龄计算(2025年1月1日起渐进式延迟):男60周岁、女干部55周岁(人员类别为公务员在职的女职工)、女工人50周岁,另加延迟月数。范围最长10年,默认本月起12个月。</p>
<form class="filter-form" method="get" action="/query/retire-due">
  <div class="field<?cs if:Err.from ?> has-error<?cs /if ?>">
    <label for="from">到龄年月 从</label>
    <input type="month" id="from" name="from" value="<?cs var:Filter.From ?>" placeholder="YYYY-MM"><?cs
    if:Err.from ?><span class="field-error"><?cs var:Err.from ?></span><?cs /if ?>
  </div>
  <div class="field<?cs if:Err.to ?> has-error<?cs /if ?>">
    <label for="to">至</label>
    <input type="month" id="to" name="to" value="<?cs var:Filter.To ?>" placeholder="YYYY-MM"><?cs
    if:Err.to ?><span class="field-error"><?cs var:Err.to ?></span><?cs /if ?>
  </div>
  <button type="submit" class="btn btn-primary">查询</button>
  <button type="submit" class="btn" name="format" value="csv">导出CSV</button>
</form><?cs
if:Paging.Pages ?><?cs call:table_meta("/query/retire-due") ?>
<div class="table-wrap">
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
  /each ?><?cs
  if:Empty.Text ?>
    <tr><td class="empty" colspan="9"><?cs var:Empty.Text ?></td></tr><?cs
  /if ?>
  </tbody>
</table>
</div><?cs call:pagination("/query/retire-due") ?><?cs
/if ?>
<?cs call:page_end() ?>
