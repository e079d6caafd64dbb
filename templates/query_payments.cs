<?cs include:"layout.cs" ?><?cs
# query_payments.cs — 单位缴费明细查询 (GET /query/payments?month=&type=).
# Reads: Form.Month, Form.Type (as typed or preset), Types.N.{Code, Name}, Err.month, Err.type,
# Hint.Text (the form without a query), Result.{Shown, Month, TypeCode, TypeName},
# Rows.N.{PaymentType, Persons, Base, Unit, Person, Account}, Total.* (the same, 合计),
# Empty.Text, plus what layout.cs reads.
?><?cs call:page_start() ?>
<form class="filter-form" method="get" action="/query/payments">
<?cs call:month_field() ?>
  <div class="field<?cs if:Err.type ?> has-error<?cs /if ?>">
    <label for="type">险种</label>
    <select id="type" name="type"<?cs call:invalid("type", Err.type) ?>><?cs
      each:t = Types ?>
      <option value="<?cs var:t.Code ?>"<?cs if:t.Code == Form.Type ?> selected<?cs /if ?>><?cs var:t.Code ?> <?cs var:t.Name ?></option><?cs
      /each ?>
    </select><?cs
    if:Err.type ?><span class="field-error" id="err-type"><?cs var:Err.type ?></span><?cs /if ?>
  </div>
  <button type="submit" class="btn btn-primary">查询</button>
  <button type="submit" class="btn" name="format" value="csv">导出CSV</button>
  <button type="submit" class="btn" name="format" value="xlsx">导出Excel</button>
</form><?cs
if:Hint.Text ?>
<p class="hint"><?cs var:Hint.Text ?></p><?cs
/if ?><?cs
if:Result.Shown ?>
<div class="table-meta">
  <span>费款所属期 <?cs var:Result.Month ?>,险种 <?cs var:Result.TypeCode ?> <?cs var:Result.TypeName ?></span>
</div>
<div class="table-wrap" tabindex="0">
<table class="data-table">
  <thead>
    <tr><th>缴费类型</th><th class="num">缴费人数</th><th class="num">缴费基数总额(元)</th>
        <th class="num">单位缴费金额(元)</th><th class="num">个人缴费金额(元)</th>
        <th class="num">划入个人账户金额(元)</th></tr>
  </thead>
  <tbody><?cs
  each:row = Rows ?>
    <tr>
      <td class="nowrap"><?cs var:row.PaymentType ?></td>
      <td class="num"><?cs var:row.Persons ?></td>
      <td class="num"><?cs var:row.Base ?></td>
      <td class="num"><?cs var:row.Unit ?></td>
      <td class="num"><?cs var:row.Person ?></td>
      <td class="num"><?cs var:row.Account ?></td>
    </tr><?cs
  /each ?><?cs
  if:Empty.Text ?>
    <tr><td class="empty" colspan="6"><?cs var:Empty.Text ?></td></tr><?cs
  /if ?>
  </tbody><?cs
  if:Total.PaymentType ?>
  <tfoot>
    <tr>
      <th scope="row"><?cs var:Total.PaymentType ?></th>
      <td class="num"><?cs var:Total.Persons ?></td>
      <td class="num"><?cs var:Total.Base ?></td>
      <td class="num"><?cs var:Total.Unit ?></td>
      <td class="num"><?cs var:Total.Person ?></td>
      <td class="num"><?cs var:Total.Account ?></td>
    </tr>
  </tfoot><?cs
  /if ?>
</table>
</div><?cs
/if ?>
<?cs call:page_end() ?>
