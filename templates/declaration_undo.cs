<?cs include:"layout.cs" ?><?cs
# declaration_undo.cs — 撤销本期增员 / 撤销本期减员 (GET/POST /declarations/ID/undo).
# Reads: Decl.{Id, Type, Period, IdNo, Name, Time}, Before.Rows/After.Rows (the declaration's
# data: Rows.N.{Label, Value}), the period of web_period(), a refusal's message (Msg.*),
# plus layout.cs. Nothing is withdrawn until the form is submitted; a success is a 303 to
# the 撤销 declaration.
?><?cs call:page_start() ?>
<?cs call:period_card() ?>
<section class="panel" aria-labelledby="undo-title">
  <h2 id="undo-title" class="section-title">要撤销的申报</h2>
  <dl class="kv">
    <dt>申报编号</dt><dd><a href="/declarations/<?cs var:Decl.Id ?>"><?cs var:Decl.Id ?></a></dd>
    <dt>业务类型</dt><dd><?cs var:Decl.Type ?></dd>
    <dt>申报期</dt><dd><?cs var:Decl.Period ?></dd>
    <dt>证件号码</dt><dd class="id-no"><?cs var:Decl.IdNo ?></dd>
    <dt>姓名</dt><dd class="nowrap"><?cs var:Decl.Name ?></dd>
    <dt>经办时间</dt><dd><?cs var:Decl.Time ?></dd><?cs
    each:row = After.Rows ?>
    <dt><?cs var:row.Label ?></dt><dd><?cs var:row.Value ?></dd><?cs
    /each ?>
  </dl>
</section>
<p class="hint"><?cs if:Decl.Type == "参保人员增员申报" ?>撤销本期增员:删除该增员的参保记录、申报工资及其补缴记录(已结算的月份不可撤销);人员基础信息保留。<?cs
  else ?>撤销本期减员:恢复该人员在本单位的参保状态为参保缴费(减员后已重新参保的不可撤销)。<?cs /if ?></p>
<form class="form form-section" method="post" action="/declarations/<?cs var:Decl.Id ?>/undo">
  <?cs call:csrf_field() ?>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"<?cs if:!Window.Open ?> disabled<?cs /if ?>>确认撤销</button>
    <a class="btn" href="/declarations/<?cs var:Decl.Id ?>">返回</a>
  </div>
</form>
<?cs call:page_end() ?>
