<?cs include:"layout.cs" ?><?cs
# report_notice.cs — 缴费通知单 (GET /report/notice?month=[&format=print]).
# Reads: Print, Form.Month, Err.month, Result.{Shown, Month, Query}, Notice.{No, Total, Upper},
# Rows.N.{TypeName, PaymentType, Person, Unit, Interest, LateFee, Other, Amount}, Sub.* (小计),
# Empty.Text, Report.* (print_header), plus what layout.cs reads.
?><?cs
def:notice_table() ?>
<?cs if:!Print ?>
<p class="report-no">通知单据号:<span class="nowrap"><?cs var:Notice.No ?></span></p><?cs /if ?>
<table class="data-table report-table">
  <thead><?cs if:Print ?><?cs call:print_header_row(8) ?>
    <tr class="print-head-row"><th class="print-head-cell report-no" colspan="8">通知单据号:<span class="nowrap"><?cs var:Notice.No ?></span></th></tr><?cs /if ?>
    <tr><th>险种类型</th><th>缴费类型</th><th class="num">个人缴费金额(元)</th><th class="num">单位缴费金额(元)</th>
      <th class="num">利息(元)</th><th class="num">滞纳金(元)</th><th class="num">其他缴费金额(元)</th>
      <th class="num">金额(元)</th></tr>
  </thead>
  <tbody><?cs
  each:row = Rows ?>
    <tr>
      <td class="name"><?cs var:row.TypeName ?></td>
      <td class="nowrap"><?cs var:row.PaymentType ?></td>
      <td class="num"><?cs var:row.Person ?></td>
      <td class="num"><?cs var:row.Unit ?></td>
      <td class="num"><?cs var:row.Interest ?></td>
      <td class="num"><?cs var:row.LateFee ?></td>
      <td class="num"><?cs var:row.Other ?></td>
      <td class="num"><?cs var:row.Amount ?></td>
    </tr><?cs
  /each ?><?cs
  if:Empty.Text ?>
    <tr><td class="empty" colspan="8">【<?cs var:Empty.Text ?>】</td></tr><?cs
  /if ?>
  </tbody><?cs
  if:Sub.TypeName ?>
  <tfoot>
    <tr class="total">
      <th scope="row" colspan="2"><?cs var:Sub.TypeName ?></th>
      <td class="num"><?cs var:Sub.Person ?></td>
      <td class="num"><?cs var:Sub.Unit ?></td>
      <td class="num"><?cs var:Sub.Interest ?></td>
      <td class="num"><?cs var:Sub.LateFee ?></td>
      <td class="num"><?cs var:Sub.Other ?></td>
      <td class="num"><?cs var:Sub.Amount ?></td>
    </tr>
    <tr class="total">
      <th scope="row" colspan="2">核定征集总额</th>
      <td colspan="5" class="upper">人民币(大写):<?cs var:Notice.Upper ?></td>
      <td class="num">¥<?cs var:Notice.Total ?></td>
    </tr>
  </tfoot><?cs
  /if ?>
</table><?cs
/def ?><?cs
if:Print ?><?cs
  call:print_start() ?><?cs call:notice_table() ?><?cs
  call:print_end() ?><?cs
else ?><?cs
  call:page_start() ?><?cs call:print_only_header() ?>
<form class="filter-form" method="get" action="/report/notice">
<?cs call:month_field() ?>
  <button type="submit" class="btn btn-primary">查询</button>
</form><?cs
  if:Result.Shown ?><?cs call:report_meta("/report/notice") ?>
<div class="table-wrap" tabindex="0"><?cs call:notice_table() ?></div><?cs
  /if ?><?cs
  call:page_end() ?><?cs
/if ?>
