<?cs include:"layout.cs" ?><?cs
# query_person.cs — 单位参保人员信息查询 (GET /query/person?id_no=).
# Reads: Form.IdNo (as typed), Err.id_no, Hint.Text (the form without a query),
# Person.{IdNo, Name, Gender, Birth, Phone, Address, Type},
# Enrol.N.{TypeCode, TypeName, Status, Start, End, Base (when it covers this month)},
# PayRange.{From, To}, Pay.N.{Month, Type, PaymentType, Base, Unit, Person, Account},
# Empty.Text, the message (Msg.*), plus what layout.cs reads.
?><?cs call:page_start() ?>
<form class="filter-form" method="get" action="/query/person">
  <div class="field<?cs if:Err.id_no ?> has-error<?cs /if ?>">
    <label for="id_no">证件号码</label>
    <input type="text" id="id_no" name="id_no" value="<?cs var:Form.IdNo ?>" maxlength="18"
           autocomplete="off" inputmode="text" required<?cs call:invalid("id_no", Err.id_no) ?>><?cs
    if:Err.id_no ?><span class="field-error" id="err-id_no"><?cs var:Err.id_no ?></span><?cs /if ?>
  </div>
  <button type="submit" class="btn btn-primary">查询</button>
</form><?cs
if:Hint.Text ?>
<p class="hint"><?cs var:Hint.Text ?></p><?cs
/if ?><?cs
if:Person.IdNo ?>
<section class="panel" aria-labelledby="person-title">
  <h2 id="person-title" class="section-title">基本信息</h2>
  <dl class="kv">
    <dt>证件号码</dt><dd class="id-no"><?cs var:Person.IdNo ?></dd>
    <dt>姓名</dt><dd class="nowrap"><?cs var:Person.Name ?></dd>
    <dt>性别</dt><dd><?cs var:Person.Gender ?></dd>
    <dt>出生日期</dt><dd><?cs var:Person.Birth ?></dd>
    <dt>联系电话</dt><dd><?cs var:Person.Phone ?></dd>
    <dt>居住地</dt><dd><?cs var:Person.Address ?></dd>
    <dt>人员类别</dt><dd><?cs var:Person.Type ?></dd>
  </dl>
</section>
<h2 class="section-title">参保信息</h2>
<div class="table-wrap" tabindex="0">
<table class="data-table">
  <thead>
    <tr><th>险种</th><th>参保状态</th><th>参保日期</th><th>终止日期</th><th class="num">当前缴费基数(元)</th></tr>
  </thead>
  <tbody><?cs
  each:e = Enrol ?>
    <tr>
      <td class="nowrap"><?cs var:e.TypeCode ?> <?cs var:e.TypeName ?></td>
      <td class="nowrap"><?cs var:e.Status ?></td>
      <td class="nowrap"><?cs var:e.Start ?></td>
      <td class="nowrap"><?cs if:e.End ?><?cs var:e.End ?><?cs else ?>—<?cs /if ?></td>
      <td class="num"><?cs if:e.Base ?><?cs var:e.Base ?><?cs else ?>—<?cs /if ?></td>
    </tr><?cs
  /each ?>
  </tbody>
</table>
</div>
<div class="table-meta">
  <h2 class="section-title">近12个月缴费记录(<?cs var:PayRange.From ?> 至 <?cs var:PayRange.To ?>,本单位)</h2>
  <span class="actions">
    <a class="btn btn-small" href="/query/person?id_no=<?cs var:Person.IdNo ?>&amp;format=csv">导出CSV</a>
    <a class="btn btn-small" href="/query/person?id_no=<?cs var:Person.IdNo ?>&amp;format=xlsx">导出Excel</a>
  </span>
</div>
<div class="table-wrap" tabindex="0">
<table class="data-table">
  <thead>
    <tr><th>费款所属期</th><th>险种</th><th>缴费类型</th><th class="num">缴费基数(元)</th>
        <th class="num">单位缴费金额(元)</th><th class="num">个人缴费金额(元)</th>
        <th class="num">划入个人账户金额(元)</th></tr>
  </thead>
  <tbody><?cs
  each:p = Pay ?>
    <tr>
      <td class="nowrap"><?cs var:p.Month ?></td>
      <td class="nowrap"><?cs var:p.Type ?></td>
      <td class="nowrap"><?cs var:p.PaymentType ?></td>
      <td class="num"><?cs var:p.Base ?></td>
      <td class="num"><?cs var:p.Unit ?></td>
      <td class="num"><?cs var:p.Person ?></td>
      <td class="num"><?cs var:p.Account ?></td>
    </tr><?cs
  /each ?><?cs
  if:Empty.Text ?>
    <tr><td class="empty" colspan="7"><?cs var:Empty.Text ?></td></tr><?cs
  /if ?>
  </tbody>
</table>
</div><?cs
/if ?>
<?cs call:page_end() ?>
