<?cs include:"layout.cs" ?><?cs
# report_payments.cs — 单位缴费查询打印 (GET /report/payments?month=&type=[&format=print]).
# Reads: Print (1: the printable page), Form.Month, Form.Type, Types.N.{Code, Name},
# Err.month, Err.type, Result.{Shown, Month, Query}, Rows.N.{TypeName, UnitRate, Base, Unit,
# Month, PersonRate, Person, Account, PaymentType, Persons, Wage, LateFee}, Total.* (合计),
# Empty.Text, Report.* (print_header), plus what layout.cs reads.
?><?cs
def:payments_table() ?>
<table class="data-table report-table">
  <thead><?cs if:Print ?><?cs call:print_header_row(14) ?><?cs /if ?>
    <tr><th>单位编号</th><th>险种</th><th>单位缴费比例或定额标准</th><th class="num">单位缴费基数总额(元)</th>
      <th class="num">单位实缴金额(元)</th><th>对应费款所属期</th><th>个人缴费比例或定额标准</th>
      <th class="num">个人缴费基数总额(元)</th><th class="num">个人实缴金额(元)</th>
      <th class="num">划入个人账户金额(元)</th><th>缴费类型</th><th class="num">缴费人数</th>
      <th class="num">职工工资总额(元)</th><th class="num">滞纳金(元)</th></tr>
  </thead>
  <tbody><?cs
  each:row = Rows ?>
    <tr>
      <td class="nowrap"><?cs var:Report.UnitNo ?></td>
      <td class="name"><?cs var:row.TypeName ?></td>
      <td class="nowrap"><?cs var:row.UnitRate ?></td>
      <td class="num"><?cs var:row.Base ?></td>
      <td class="num"><?cs var:row.Unit ?></td>
      <td class="nowrap"><?cs var:row.Month ?></td>
      <td class="nowrap"><?cs var:row.PersonRate ?></td>
      <td class="num"><?cs var:row.Base ?></td>
      <td class="num"><?cs var:row.Person ?></td>
      <td class="num"><?cs var:row.Account ?></td>
      <td class="nowrap"><?cs var:row.PaymentType ?></td>
      <td class="num"><?cs var:row.Persons ?></td>
      <td class="num"><?cs var:row.Wage ?></td>
      <td class="num"><?cs var:row.LateFee ?></td>
    </tr><?cs
  /each ?><?cs
  if:Empty.Text ?>
    <tr><td class="empty" colspan="14">【<?cs var:Empty.Text ?>】</td></tr><?cs
  /if ?>
  </tbody><?cs
  if:Total.TypeName ?>
  <tfoot>
    <tr class="total">
      <th scope="row" colspan="2"><?cs var:Total.TypeName ?></th>
      <td></td>
      <td class="num"><?cs var:Total.Base ?></td>
      <td class="num"><?cs var:Total.Unit ?></td>
      <td></td><td></td>
      <td class="num"><?cs var:Total.Base ?></td>
      <td class="num"><?cs var:Total.Person ?></td>
      <td class="num"><?cs var:Total.Account ?></td>
      <td></td>
      <td class="num"><?cs var:Total.Persons ?></td>
      <td class="num"><?cs var:Total.Wage ?></td>
      <td class="num"><?cs var:Total.LateFee ?></td>
    </tr>
  </tfoot><?cs
  /if ?>
</table><?cs
/def ?><?cs
if:Print ?><?cs
  call:print_start() ?><?cs call:payments_table() ?><?cs
  call:print_end() ?><?cs
else ?><?cs
  call:page_start() ?><?cs call:print_only_header() ?>
<form class="filter-form" method="get" action="/report/payments">
<?cs call:month_field() ?>
  <div class="field<?cs if:Err.type ?> has-error<?cs /if ?>">
    <label for="type">险种</label>
    <select id="type" name="type"<?cs call:invalid("type", Err.type) ?>>
      <option value="">全部</option><?cs
      each:t = Types ?>
      <option value="<?cs var:t.Code ?>"<?cs if:t.Code == Form.Type ?> selected<?cs /if ?>><?cs var:t.Code ?> <?cs var:t.Name ?></option><?cs
      /each ?>
    </select><?cs
    if:Err.type ?><span class="field-error" id="err-type"><?cs var:Err.type ?></span><?cs /if ?>
  </div>
  <button type="submit" class="btn btn-primary">查询</button>
</form><?cs
  if:Result.Shown ?><?cs call:report_meta("/report/payments") ?>
<div class="table-wrap" tabindex="0"><?cs call:payments_table() ?></div><?cs
  /if ?><?cs
  call:page_end() ?><?cs
/if ?>
