<?cs include:"layout.cs" ?><?cs
# report_certificate.cs — 单位参保证明 (GET /report/certificate[?format=print]).
# Reads: Print, Unit.{No, Name, Type, CreditCode, LegalRepName, LegalRepIdNo, Phone, Bank,
# AccountName, AccountNo, Address, Insured}, Types.N.{Name, State, Since}, Empty.Text,
# Schemes.N.{Name, Since}, Cert.{Code, Days}, Report.* (print_header), plus layout.cs's.
?><?cs
def:or_none(v) ?><?cs if:v ?><?cs var:v ?><?cs else ?>未登记<?cs /if ?><?cs /def ?><?cs
def:certificate() ?>
<section class="panel cert-unit" aria-label="单位信息">
  <dl class="kv">
    <dt>单位编号</dt><dd class="id-no"><?cs var:Unit.No ?></dd>
    <dt>单位名称</dt><dd><?cs var:Unit.Name ?></dd>
    <dt>单位类型</dt><dd><?cs var:Unit.Type ?></dd>
    <dt>统一社会信用代码</dt><dd class="id-no"><?cs call:or_none(Unit.CreditCode) ?></dd>
    <dt>法定代表人姓名</dt><dd><?cs call:or_none(Unit.LegalRepName) ?></dd>
    <dt>法定代表人证件号码</dt><dd class="id-no"><?cs call:or_none(Unit.LegalRepIdNo) ?></dd>
    <dt>联系电话</dt><dd><?cs call:or_none(Unit.Phone) ?></dd>
    <dt>开户银行</dt><dd><?cs call:or_none(Unit.Bank) ?></dd>
    <dt>户名</dt><dd><?cs call:or_none(Unit.AccountName) ?></dd>
    <dt>账号</dt><dd class="id-no"><?cs call:or_none(Unit.AccountNo) ?></dd>
    <dt>地址</dt><dd><?cs call:or_none(Unit.Address) ?></dd>
    <dt>正常参保人数</dt><dd><?cs var:Unit.Insured ?></dd>
  </dl>
</section>
<table class="data-table report-table">
  <thead><tr><th>险种</th><th>参保状态</th><th>参保日期</th></tr></thead>
  <tbody><?cs
  each:t = Types ?>
    <tr><td class="name"><?cs var:t.Name ?></td><td class="nowrap"><?cs var:t.State ?></td>
      <td class="nowrap"><?cs var:t.Since ?></td></tr><?cs
  /each ?><?cs
  each:t = Schemes ?>
    <tr><td class="name"><?cs var:t.Name ?></td><td class="nowrap">已登记</td>
      <td class="nowrap"><?cs var:t.Since ?></td></tr><?cs
  /each ?><?cs
  if:Empty.Text ?>
    <tr><td class="empty" colspan="3"><?cs var:Empty.Text ?></td></tr><?cs
  /if ?>
  </tbody>
</table>
<p class="cert-note">特此证明。本证明自制表日期起<?cs var:Cert.Days ?>日内可凭核验码在本网厅“参保证明核验”页面(/verify)核验真伪。</p>
<p class="cert-code">核验码:<strong class="nowrap"><?cs var:Cert.Code ?></strong></p><?cs
/def ?><?cs
if:Print ?><?cs
  call:print_start() ?><?cs call:print_header() ?><?cs call:certificate() ?><?cs
  call:print_end() ?><?cs
else ?><?cs
  call:page_start() ?><?cs call:print_only_header() ?>
<div class="table-meta">
  <span>制表日期 <?cs var:Report.MadeOn ?></span>
  <span class="actions">
    <a class="btn btn-small" href="/report/certificate?format=print">打印</a>
    <a class="btn btn-small" href="/report/certificate?format=csv">导出CSV</a>
    <a class="btn btn-small" href="/report/certificate?format=xlsx">导出Excel</a>
  </span>
</div><?cs
  call:certificate() ?><?cs
  call:page_end() ?><?cs
/if ?>
