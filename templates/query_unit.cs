<?cs include:"layout.cs" ?><?cs
# query_unit.cs — 单位信息查询 (GET /query/unit).
# Reads: Unit.{No, Name, Type, CreditCode, Created, Contact, Phone, Address, Bank, AccountName,
# AccountNo, LegalRepPhone}, Types.N.{Code, Name, State, Since, Employees, Retirees},
# Schemes.N.{Code, Name, Since} (registered special-group schemes), Empty.Text, plus what layout.cs reads.
?><?cs
def:or_none(v) ?><?cs if:v ?><?cs var:v ?><?cs else ?>未登记<?cs /if ?><?cs /def ?><?cs
call:page_start() ?>
<section class="panel" aria-labelledby="unit-title">
  <h2 id="unit-title" class="section-title">单位登记信息</h2>
  <dl class="kv">
    <dt>单位编号</dt><dd class="id-no"><?cs var:Unit.No ?></dd>
    <dt>单位名称</dt><dd><?cs var:Unit.Name ?></dd>
    <dt>单位类型</dt><dd><?cs var:Unit.Type ?></dd>
    <dt>统一社会信用代码</dt><dd class="id-no"><?cs call:or_none(Unit.CreditCode) ?></dd>
    <dt>登记日期</dt><dd><?cs var:Unit.Created ?></dd>
  </dl>
</section>
<section class="panel" aria-labelledby="contact-title">
  <h2 id="contact-title" class="section-title">联系信息</h2>
  <dl class="kv">
    <dt>经办人</dt><dd><?cs call:or_none(Unit.Contact) ?></dd>
    <dt>联系电话</dt><dd><?cs call:or_none(Unit.Phone) ?></dd>
    <dt>单位地址</dt><dd><?cs call:or_none(Unit.Address) ?></dd>
    <dt>法定代表人电话</dt><dd><?cs call:or_none(Unit.LegalRepPhone) ?></dd>
    <dt>开户银行</dt><dd><?cs call:or_none(Unit.Bank) ?></dd>
    <dt>户名</dt><dd><?cs call:or_none(Unit.AccountName) ?></dd>
    <dt>账号</dt><dd class="id-no"><?cs call:or_none(Unit.AccountNo) ?></dd>
  </dl>
</section>
<div class="table-meta">
  <h2 class="section-title">参保险种</h2>
  <span class="actions">
    <a class="btn btn-small" href="/query/unit?format=csv">导出CSV</a>
    <a class="btn btn-small" href="/query/unit?format=xlsx">导出Excel</a>
  </span>
</div>
<div class="table-wrap" tabindex="0">
<table class="data-table">
  <thead>
    <tr><th>险种</th><th>参保状态</th><th>参保日期</th><th class="num">在职参保人数</th><th class="num">退休人数</th></tr>
  </thead>
  <tbody><?cs
  each:t = Types ?>
    <tr>
      <td class="nowrap"><?cs var:t.Code ?> <?cs var:t.Name ?></td>
      <td class="nowrap"><?cs var:t.State ?></td>
      <td class="nowrap"><?cs var:t.Since ?></td>
      <td class="num"><?cs var:t.Employees ?></td>
      <td class="num"><?cs var:t.Retirees ?></td>
    </tr><?cs
  /each ?><?cs
  each:t = Schemes ?>
    <tr>
      <td class="nowrap"><?cs var:t.Code ?> <?cs var:t.Name ?></td>
      <td class="nowrap">已登记</td>
      <td class="nowrap"><?cs var:t.Since ?></td>
      <td class="num">—</td>
      <td class="num">—</td>
    </tr><?cs
  /each ?><?cs
  if:Empty.Text ?>
    <tr><td class="empty" colspan="5"><?cs var:Empty.Text ?></td></tr><?cs
  /if ?>
  </tbody>
</table>
</div>
<?cs call:page_end() ?>
