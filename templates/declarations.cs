<?cs include:"layout.cs" ?><?cs
# declarations.cs — 申报信息查询: 已审核数据查询 and 待审核数据查询 (GET /declarations/approved,
# /declarations/pending).
# Reads: Page.Base (the page's path), Page.Pending (1 on the 待审核 page), Types.* (业务类型),
# Filter.Type/From/To/Period (as typed), Filter.Query (the filters, url-encoded, for links),
# Err.type/from/to/period (field messages), Rows.N.{Seq, Id (its /declarations/ID), Type, IdNo, Name,
# Period, Operator, Time, Review, Result (without the pointer to this page)}, Paging.{Total, Page, Pages, Prev, Next}, Empty.Text, plus what layout.cs reads.
?><?cs call:page_start() ?><?cs
if:Page.Pending ?>
<p class="hint">网上申报的增员、减员、补缴核定、缴费申报和信息维护业务均即时审核,审核通过后在“已审核数据查询”中查询。</p><?cs
/if ?>
<form class="filter-form" method="get" action="<?cs var:Page.Base ?>">
  <div class="field<?cs if:Err.type ?> has-error<?cs /if ?>">
    <label for="type">业务类型</label>
    <select id="type" name="type">
      <option value="">全部</option><?cs
      each:t = Types ?>
      <option value="<?cs var:t ?>"<?cs if:t == Filter.Type ?> selected<?cs /if ?>><?cs var:t ?></option><?cs
      /each ?>
    </select><?cs
    if:Err.type ?><span class="field-error"><?cs var:Err.type ?></span><?cs /if ?>
  </div>
  <div class="field<?cs if:Err.from ?> has-error<?cs /if ?>">
    <label for="from">经办时间 从</label>
    <input type="date" id="from" name="from" value="<?cs var:Filter.From ?>"><?cs
    if:Err.from ?><span class="field-error"><?cs var:Err.from ?></span><?cs /if ?>
  </div>
  <div class="field<?cs if:Err.to ?> has-error<?cs /if ?>">
    <label for="to">至</label>
    <input type="date" id="to" name="to" value="<?cs var:Filter.To ?>"><?cs
    if:Err.to ?><span class="field-error"><?cs var:Err.to ?></span><?cs /if ?>
  </div>
  <div class="field<?cs if:Err.period ?> has-error<?cs /if ?>">
    <label for="period">申报期</label>
    <input type="month" id="period" name="period" value="<?cs var:Filter.Period ?>" placeholder="YYYY-MM"><?cs
    if:Err.period ?><span class="field-error"><?cs var:Err.period ?></span><?cs /if ?>
  </div>
  <button type="submit" class="btn btn-primary">查询</button>
  <button type="submit" class="btn" name="format" value="csv">导出CSV</button>
</form><?cs
if:Paging.Pages ?>
<div class="table-meta">
  <span>共 <?cs var:Paging.Total ?> 条,第 <?cs var:Paging.Page ?>/<?cs var:Paging.Pages ?> 页</span>
  <a class="btn btn-small" href="<?cs var:Page.Base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>format=csv">导出全部(CSV)</a>
</div>
<div class="table-wrap">
<table class="data-table">
  <thead>
    <tr><th class="num">序号</th><th>业务类型</th><th>证件号码</th><th>姓名</th><th>申报期</th>
        <th>经办人</th><th>经办时间</th><th>审核状态</th><th>办理结果/说明</th></tr>
  </thead>
  <tbody><?cs
  each:row = Rows ?>
    <tr>
      <td class="num"><?cs var:row.Seq ?></td>
      <td class="nowrap"><a href="/declarations/<?cs var:row.Id ?>"><?cs var:row.Type ?></a></td>
      <td class="id-no"><?cs var:row.IdNo ?></td>
      <td class="nowrap"><?cs var:row.Name ?></td>
      <td class="nowrap"><?cs var:row.Period ?></td>
      <td class="nowrap"><?cs var:row.Operator ?></td>
      <td class="nowrap"><?cs var:row.Time ?></td>
      <td><span class="badge <?cs if:row.Review == "已审核" ?>badge-ok<?cs else ?>badge-warn<?cs /if ?>"><?cs var:row.Review ?></span></td>
      <td><?cs var:row.Result ?></td>
    </tr><?cs
  /each ?><?cs
  if:Empty.Text ?>
    <tr><td class="empty" colspan="9"><?cs var:Empty.Text ?></td></tr><?cs
  /if ?>
  </tbody>
</table>
</div><?cs
  if:Paging.Pages > 1 ?>
<nav aria-label="分页">
<ul class="pagination"><?cs
    if:Paging.Prev ?>
  <li><a href="<?cs var:Page.Base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>page=1">首页</a></li>
  <li><a href="<?cs var:Page.Base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>page=<?cs var:Paging.Prev ?>" rel="prev">上一页</a></li><?cs
    else ?>
  <li><span class="disabled">首页</span></li>
  <li><span class="disabled">上一页</span></li><?cs
    /if ?>
  <li><span class="current" aria-current="page"><?cs var:Paging.Page ?></span></li><?cs
    if:Paging.Next ?>
  <li><a href="<?cs var:Page.Base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>page=<?cs var:Paging.Next ?>" rel="next">下一页</a></li>
  <li><a href="<?cs var:Page.Base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>page=<?cs var:Paging.Pages ?>">末页</a></li><?cs
    else ?>
  <li><span class="disabled">下一页</span></li>
  <li><span class="disabled">末页</span></li><?cs
    /if ?>
  <li><span class="page-info">共 <?cs var:Paging.Pages ?> 页</span></li>
</ul>
</nav><?cs
  /if ?><?cs
/if ?>
<?cs call:page_end() ?>
