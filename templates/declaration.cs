<?cs include:"layout.cs" ?><?cs
# declaration.cs — one declaration of the unit (GET /declarations/ID), where every
# successful business POST leads (303).
# Reads: Decl.{Type, Period, IdNo, Name, Gender, Birth, Operator, Time, Review, IsEnrol,
#   FormHref}, Before.* and After.* (the before/after data: Rows.N.{Label, Value},
#   Tables.T.{Label, Cols.C, Rows.I.Cells.C}), Backpay.{Id, Result, Data.*} (the
#   职工补缴核定 of an 增员 with back-payment), the result message (Msg.*),
#   Reverse.N.{Href, Label} (the 反向操作 links, pre-filled: spec §7a), Withdrawn.{Id, Text}
#   (an undo withdrew it), plus layout.cs.
?><?cs
def:data_block(d) ?><?cs
  if:subcount(d.Rows) ?>
  <dl class="kv"><?cs
    each:row = d.Rows ?>
    <dt><?cs var:row.Label ?></dt><dd><?cs var:row.Value ?></dd><?cs
    /each ?>
  </dl><?cs
  /if ?><?cs
  each:t = d.Tables ?>
  <div class="table-wrap" tabindex="0">
  <table class="data-table">
    <caption><?cs var:t.Label ?></caption>
    <thead><tr><?cs each:c = t.Cols ?><th><?cs var:c ?></th><?cs /each ?></tr></thead>
    <tbody><?cs
    each:row = t.Rows ?>
      <tr><?cs each:cell = row.Cells ?><td class="nowrap"><?cs var:cell ?></td><?cs /each ?></tr><?cs
    /each ?>
    </tbody>
  </table>
  </div><?cs
  /each ?><?cs
/def ?><?cs call:page_start() ?><?cs call:print_only_header() ?>
<section class="panel" aria-labelledby="decl-title">
  <h2 id="decl-title" class="section-title">申报信息</h2>
  <dl class="kv">
    <dt>业务类型</dt><dd><?cs var:Decl.Type ?></dd>
    <dt>申报期</dt><dd><?cs var:Decl.Period ?></dd><?cs
    if:Decl.IdNo ?>
    <dt>证件号码</dt><dd class="id-no"><?cs var:Decl.IdNo ?></dd><?cs
    /if ?>
    <dt>姓名</dt><dd class="nowrap"><?cs var:Decl.Name ?></dd><?cs
    if:Decl.Gender ?>
    <dt>性别</dt><dd><?cs var:Decl.Gender ?></dd>
    <dt>出生日期</dt><dd><?cs var:Decl.Birth ?></dd><?cs
    /if ?>
    <dt>经办人</dt><dd><?cs var:Decl.Operator ?></dd>
    <dt>经办时间</dt><dd><?cs var:Decl.Time ?></dd>
    <dt>审核状态</dt><dd><?cs var:Decl.Review ?></dd><?cs
    if:Decl.IsEnrol ?><?cs
    # Backpay.Data.Rows 0, 1, 2: from, to, months (the order enrol.c writes them) ?>
    <dt>补缴月份</dt><dd><?cs if:Backpay.Id ?><?cs var:Backpay.Data.Rows.0.Value ?> 至 <?cs var:Backpay.Data.Rows.1.Value ?>,<?cs var:Backpay.Data.Rows.2.Value ?><?cs else ?>无<?cs /if ?></dd><?cs
    /if ?>
  </dl>
</section><?cs
if:subcount(Before.Rows) || subcount(Before.Tables) ?>
<section class="panel" aria-labelledby="before-title">
  <h2 id="before-title" class="section-title">变更前</h2><?cs call:data_block(Before) ?>
</section><?cs
/if ?><?cs
if:subcount(After.Rows) || subcount(After.Tables) ?>
<section class="panel" aria-labelledby="after-title">
  <h2 id="after-title" class="section-title">变更后</h2><?cs call:data_block(After) ?>
</section><?cs
/if ?><?cs
if:Backpay.Id ?>
<section class="panel" aria-labelledby="backpay-title">
  <h2 id="backpay-title" class="section-title"><a href="/declarations/<?cs var:Backpay.Id ?>">职工补缴核定</a></h2>
  <p class="msg ok"><?cs var:Backpay.Result ?></p><?cs call:data_block(Backpay.Data) ?>
</section><?cs
/if ?>
<?cs
if:Withdrawn.Id ?>
<p class="msg fail" id="reverse"><?cs var:Withdrawn.Text ?><a href="/declarations/<?cs var:Withdrawn.Id ?>">申报编号<?cs var:Withdrawn.Id ?></a></p><?cs
elif:subcount(Reverse) ?>
<section class="panel no-print" id="reverse" aria-labelledby="reverse-title">
  <h2 id="reverse-title" class="section-title">反向操作</h2>
  <p class="hint">打开已预填的办理页面,核对后由您提交才会办理;不提交则不做任何变更。</p>
  <p><?cs each:x = Reverse ?><a class="btn" href="<?cs var:x.Href ?>"><?cs var:x.Label ?></a> <?cs /each ?></p>
</section><?cs
/if ?>
<div class="form-actions">
  <a class="btn btn-primary" href="<?cs var:Decl.FormHref ?>">继续办理</a>
  <a class="btn" href="/declarations/approved">已审核数据查询</a>
</div>
<?cs call:page_end() ?>
