<?cs include:"layout.cs" ?><?cs include:"paging.cs" ?><?cs
# declarations.cs — 申报信息查询: 已审核数据查询 and 待审核数据查询 (GET /declarations/approved,
# /declarations/pending).
# Print (1: format=print, every row on the printable page with Report.* of print_header()).
# Reads: Page.Base (the page's path), Page.Pending (1 on the 待审核 page), Types.* (业务类型),
# Filter.Type/From/To/Period (as typed), Filter.Query (the filters, url-encoded, for links),
# Err.type/from/to/period (field messages), Rows.N.{Seq, Id (its /declarations/ID), Type, IdNo, Name,
# Period, Operator, Time, Review, Result (without the pointer to this page), Reverse (1: a
# 反向操作 link to its page, §7a), Withdrawn (1: an undo withdrew it)}, Paging.{Total, Page, Pages, Prev, Next}, Empty.Text, plus what layout.cs reads.
?><?cs
def:decl_rows() ?>  <tbody><?cs
  each:row = Rows ?>
    <tr>
      <td class="num"><?cs var:row.Seq ?></td>
      <td class="nowrap"><a href="/declarations/<?cs var:row.Id ?>"><?cs var:row.Type ?></a><?cs
        if:row.Withdrawn ?><br><span class="badge badge-warn">已撤销</span><?cs
        elif:row.Reverse ?><br><a class="reverse-link no-print" href="/declarations/<?cs var:row.Id ?>#reverse">反向操作</a><?cs
        /if ?></td>
      <td class="id-no"><?cs var:row.IdNo ?></td>
      <td class="nowrap"><?cs var:row.Name ?></td>
      <td class="nowrap"><?cs var:row.Period ?></td>
      <td class="nowrap"><?cs var:row.Operator ?></td>
      <td class="nowrap"><?cs var:row.Time ?></td>
      <td><span class="badge <?cs if:row.Review == "已审核" ?>badge-ok<?cs else ?>badge-warn<?cs /if ?>"><?cs var:row.Review ?></span></td>
      <td><?cs var:row.Result ?></td>
    </tr><?cs
  /each ?><?cs /def ?><?cs
if:Print ?><?cs
  call:print_start() ?>
<table class="data-table report-table">
  <thead><?cs call:print_header_row(9) ?>
    <tr><th class="num">序号</th><th>业务类型</th><th>证件号码</th><th>姓名</th><th>申报期</th>
        <th>经办人</th><th>经办时间</th><th>审核状态</th><th>办理结果/说明</th></tr>
  </thead>
<?cs call:decl_rows() ?><?cs
  if:Empty.Text ?>
    <tr><td class="empty" colspan="9"><?cs var:Empty.Text ?></td></tr><?cs
  /if ?>
  </tbody>
  <tfoot><tr class="total"><td colspan="9">共 <?cs var:Paging.Total ?> 条</td></tr></tfoot>
</table><?cs
  call:print_end() ?><?cs
else ?><?cs call:page_start() ?><?cs
if:Page.Pending ?>
<p class="hint">网上申报的增员、减员、补缴核定、缴费申报和信息维护业务均即时审核,审核通过后在“已审核数据查询”中查询。</p><?cs
/if ?>
<form class="filter-form" method="get" action="<?cs var:Page.Base ?>">
  <?cs call:filter_select("type", "业务类型", Types, Filter.Type, Err.type) ?>
  <?cs call:filter_input("from", "date", "经办时间(起)", Filter.From, Err.from) ?>
  <?cs call:filter_input("to", "date", "经办时间(止)", Filter.To, Err.to) ?>
  <?cs call:filter_input("period", "month", "申报期", Filter.Period, Err.period) ?>
  <div class="field<?cs if:Err.account ?> has-error<?cs /if ?>">
    <label for="account">经办人</label>
    <select id="account" name="account"<?cs call:invalid("account", Err.account) ?>>
      <option value="">全部</option><?cs
      each:a = Accounts ?>
      <option value="<?cs var:a.Id ?>"<?cs if:a.Id == Filter.Account ?> selected<?cs /if ?>><?cs var:a.Label ?></option><?cs
      /each ?>
    </select><?cs
    if:Err.account ?><span class="field-error" id="err-account"><?cs var:Err.account ?></span><?cs /if ?>
  </div>
  <?cs call:filter_buttons() ?>
</form><?cs
if:Paging.Pages ?>
<div class="table-meta">
  <span>共 <?cs var:Paging.Total ?> 条,第 <?cs var:Paging.Page ?>/<?cs var:Paging.Pages ?> 页</span>
  <span class="actions">
    <a class="btn btn-small" href="<?cs var:Page.Base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>format=csv">导出全部(CSV)</a>
    <a class="btn btn-small" href="<?cs var:Page.Base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>format=xlsx">导出全部(Excel)</a>
    <a class="btn btn-small" href="<?cs var:Page.Base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>format=print">打印全部</a>
  </span>
</div>
<div class="table-wrap" tabindex="0">
<table class="data-table">
  <thead>
    <tr><th class="num">序号</th><th>业务类型</th><th>证件号码</th><th>姓名</th><th>申报期</th>
        <th>经办人</th><th>经办时间</th><th>审核状态</th><th>办理结果/说明</th></tr>
  </thead>
<?cs call:decl_rows() ?><?cs call:table_end(9, Page.Base) ?><?cs
/if ?>
<?cs call:page_end() ?><?cs /if ?>
