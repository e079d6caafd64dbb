<?cs include:"layout.cs" ?><?cs
# enroll.cs — 参保人员增员申报(补收) (GET/POST /enroll).
# Reads: Period.Month, Period.Label, Window.Open, Window.OpensAt, Window.ClosesAt,
#   Window.Notice (the window message, when closed), Months.N.{Value,Label,Selected}
#   (C … C-6, newest first), Types.N.{Code,Name} (the six mandatory types),
#   Civil.Offer / Civil.Name (机关事业单位 only), Form.{IdNo,Name,Phone,Wage,Civil}
#   (echo), Err.{id_no,name,phone,wage,start_month} (field messages),
#   Result.* after a success (see show_result in cgi/enroll.c), plus layout.cs.
?><?cs call:page_start() ?>
<?cs call:period_card() ?><?cs

if:Result.Ok ?>
<section class="panel" aria-labelledby="result-title">
  <h2 id="result-title" class="section-title">参保结果</h2>
  <dl class="kv">
    <dt>证件号码</dt><dd class="id-no"><?cs var:Result.IdNo ?></dd>
    <dt>姓名</dt><dd><?cs var:Result.Name ?></dd>
    <dt>性别</dt><dd><?cs var:Result.Gender ?></dd>
    <dt>出生日期</dt><dd><?cs var:Result.Birth ?></dd>
    <dt>申报所属期</dt><dd><?cs var:Result.Period ?></dd>
    <dt>补缴月份</dt><dd><?cs if:Result.Backpay ?><?cs var:Result.Backpay ?><?cs else ?>无<?cs /if ?></dd>
    <dt>月申报工资</dt><dd><?cs var:Result.Wage ?> 元</dd>
    <dt>缴费基数</dt><dd><?cs var:Result.Base ?> 元(本年度缴费基数下限 <?cs var:Result.Lower ?> 元,上限 <?cs var:Result.Upper ?> 元)</dd>
    <dt>补缴金额合计</dt><dd><?cs var:Result.BackpayTotal ?> 元</dd>
    <dt>基数核定</dt><dd><?cs if:Result.Clamp ?><?cs var:Result.Clamp ?><?cs else ?>按月申报工资核定<?cs /if ?></dd>
  </dl>
  <div class="table-wrap">
  <table class="data-table">
    <caption><?cs var:Result.Period ?> 各险种月缴费金额(元)</caption>
    <thead><tr><th>险种编码</th><th>险种</th><th class="num">单位缴费</th><th class="num">个人缴费</th></tr></thead>
    <tbody><?cs
    each:t = Result.Types ?>
      <tr><td><?cs var:t.Code ?></td><td><?cs var:t.Name ?></td>
        <td class="num"><?cs var:t.Unit ?></td><td class="num"><?cs var:t.Person ?></td></tr><?cs
    /each ?>
    </tbody>
    <tfoot><tr><th colspan="2">合计</th><td class="num"><?cs var:Result.UnitSum ?></td><td class="num"><?cs var:Result.PersonSum ?></td></tr></tfoot>
  </table>
  </div>
  <div class="form-actions">
    <a class="btn btn-primary" href="/declarations/approved">已审核数据查询</a>
    <a class="btn" href="/enroll">继续增员</a>
  </div>
</section><?cs

else ?>
<form class="form" method="post" action="/enroll" novalidate>
  <?cs call:csrf_field() ?>
  <fieldset>
    <legend>人员信息</legend>
    <div class="form-row<?cs if:Err.id_no ?> has-error<?cs /if ?>">
      <label for="id_no" class="required">证件号码</label>
      <input type="text" id="id_no" name="id_no" value="<?cs var:Form.IdNo ?>" maxlength="18"
             inputmode="latin" spellcheck="false" autocomplete="off" required<?cs
             if:Err.id_no ?> aria-invalid="true"<?cs /if ?>>
      <span class="hint">18位居民身份证号码,性别和出生日期由证件号码自动识别</span><?cs
      if:Err.id_no ?><span class="field-error"><?cs var:Err.id_no ?></span><?cs /if ?>
    </div>
    <div class="form-row<?cs if:Err.name ?> has-error<?cs /if ?>">
      <label for="name" class="required">姓名</label>
      <input type="text" id="name" name="name" value="<?cs var:Form.Name ?>" maxlength="100" required<?cs
             if:Err.name ?> aria-invalid="true"<?cs /if ?>><?cs
      if:Err.name ?><span class="field-error"><?cs var:Err.name ?></span><?cs /if ?>
    </div>
    <div class="form-row<?cs if:Err.phone ?> has-error<?cs /if ?>">
      <label for="phone" class="required">联系电话</label>
      <input type="tel" id="phone" name="phone" value="<?cs var:Form.Phone ?>" maxlength="20" required<?cs
             if:Err.phone ?> aria-invalid="true"<?cs /if ?>>
      <span class="hint">手机或座机号码,7至20位数字,可含“-”</span><?cs
      if:Err.phone ?><span class="field-error"><?cs var:Err.phone ?></span><?cs /if ?>
    </div>
  </fieldset>
  <fieldset>
    <legend>参保信息</legend>
    <div class="form-row<?cs if:Err.wage ?> has-error<?cs /if ?>">
      <label for="wage" class="required">月申报工资</label>
      <input type="text" class="num" id="wage" name="wage" value="<?cs var:Form.Wage ?>" maxlength="14"
             inputmode="decimal" required<?cs if:Err.wage ?> aria-invalid="true"<?cs /if ?>>
      <span class="hint">单位:元,最多两位小数;低于缴费基数下限或高于上限的,按下限或上限核定</span><?cs
      if:Err.wage ?><span class="field-error"><?cs var:Err.wage ?></span><?cs /if ?>
    </div>
<?cs call:start_month_and_types(Err.start_month) ?>
  </fieldset>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary">提交申报</button>
  </div>
</form><?cs
/if ?>
<?cs call:page_end() ?>
