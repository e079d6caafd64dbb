<?cs include:"layout.cs" ?><?cs
# backpay.cs — 补缴删除 (GET/POST /backpay).
# Reads: the period of web_period() (period_card() in layout.cs),
# Persons.N.{IdNo, Name, From, Months.K.{Month, Types, Total}} (the unit's 补缴 months
# created in the current period), Empty (the text when there are none),
# Form.IdNo/From/To (typed or pre-filled), Err.id_no/from/to, plus what layout.cs reads.
# While the window is closed (Window.Open 0) the submits are disabled (the POST is
# refused server-side all the same). A success is a 303 to /declarations/ID.
?><?cs call:page_start() ?>
<?cs call:period_card() ?>
<p class="hint">仅可删除本申报期内产生的补缴记录,且须从该人员最早的补缴月份开始连续删除(参保期间保持连续);删除后参保开始月份顺延至保留的第一个月份。全部删除且已减员的,其参保记录一并删除。</p>
<h2>本申报期内的补缴记录</h2><?cs
if:Empty ?>
<p class="empty"><?cs var:Empty ?></p><?cs
else ?>
<div class="table-wrap" tabindex="0">
<table class="data">
  <thead><tr><th>证件号码</th><th>姓名</th><th>补缴月份(险种数,金额)</th><th>删除</th></tr></thead>
  <tbody><?cs
  each:p = Persons ?>
    <tr>
      <td><?cs var:p.IdNo ?></td>
      <td><?cs var:p.Name ?></td>
      <td><?cs each:m = p.Months ?><span class="nowrap"><?cs var:m.Month ?>(<?cs var:m.Types ?>,<?cs var:m.Total ?>元)</span> <?cs /each ?></td>
      <td>
        <form class="inline-form" method="post" action="/backpay">
          <?cs call:csrf_field() ?>
          <input type="hidden" name="id_no" value="<?cs var:p.IdNo ?>">
          <input type="hidden" name="from" value="<?cs var:p.From ?>">
          <label><?cs var:p.From ?> 至
          <select name="to" aria-label="删除终止月份"><?cs
            each:m = p.Months ?>
            <option value="<?cs var:m.Month ?>"><?cs var:m.Month ?></option><?cs
            /each ?>
          </select></label>
          <button type="submit" class="btn"<?cs if:!Window.Open ?> disabled<?cs /if ?>>删除补缴</button>
        </form>
      </td>
    </tr><?cs
  /each ?>
  </tbody>
</table>
</div><?cs
/if ?>
<h2>按证件号码删除</h2>
<form class="form form-section" method="post" action="/backpay">
  <?cs call:csrf_field() ?>
  <div class="form-row<?cs if:Err.id_no ?> has-error<?cs /if ?>">
    <label for="id_no" class="required">证件号码</label>
    <input type="text" id="id_no" name="id_no" value="<?cs var:Form.IdNo ?>" maxlength="18"
           required autocomplete="off" spellcheck="false"<?cs call:invalid("id_no", Err.id_no) ?>><?cs
    if:Err.id_no ?>
    <span class="field-error" id="err-id_no"><?cs var:Err.id_no ?></span><?cs /if ?>
  </div>
  <div class="form-row<?cs if:Err.from ?> has-error<?cs /if ?>">
    <label for="from" class="required">删除起始月份</label>
    <input type="month" id="from" name="from" value="<?cs var:Form.From ?>" required<?cs call:invalid("from", Err.from) ?>><?cs
    if:Err.from ?>
    <span class="field-error" id="err-from"><?cs var:Err.from ?></span><?cs /if ?>
    <span class="hint">该人员最早的补缴月份,格式如2022-09</span>
  </div>
  <div class="form-row<?cs if:Err.to ?> has-error<?cs /if ?>">
    <label for="to" class="required">删除终止月份</label>
    <input type="month" id="to" name="to" value="<?cs var:Form.To ?>" required<?cs call:invalid("to", Err.to) ?>><?cs
    if:Err.to ?>
    <span class="field-error" id="err-to"><?cs var:Err.to ?></span><?cs /if ?>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"<?cs if:!Window.Open ?> disabled<?cs /if ?>>删除补缴</button>
  </div>
</form>
<?cs call:page_end() ?>
