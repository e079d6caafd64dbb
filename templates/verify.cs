<?cs include:"layout.cs" ?><?cs
# verify.cs — 参保证明核验 (GET /verify?code=), public: no menu, no unit.
# Reads: Form.Code, Hint.Text, Msg.*, Cert.{UnitName, UnitNo, MadeOn, Code} and
# States.N.{Name, State} when a certificate verified, plus what layout.cs reads.
?><?cs call:page_start() ?>
<form class="filter-form" method="get" action="/verify">
  <div class="field">
    <label for="code">核验码</label>
    <input type="text" id="code" name="code" value="<?cs var:Form.Code ?>" maxlength="12"
           autocomplete="off" spellcheck="false" required>
  </div>
  <button type="submit" class="btn btn-primary">核验</button>
</form>
<p class="hint"><?cs var:Hint.Text ?></p><?cs
if:Cert.UnitNo ?>
<section class="panel" aria-label="参保证明">
  <dl class="kv">
    <dt>单位名称</dt><dd><?cs var:Cert.UnitName ?></dd>
    <dt>单位编号</dt><dd class="id-no"><?cs var:Cert.UnitNo ?></dd>
    <dt>制表日期</dt><dd><?cs var:Cert.MadeOn ?></dd>
    <dt>核验码</dt><dd class="id-no"><?cs var:Cert.Code ?></dd>
  </dl>
  <table class="data-table">
    <thead><tr><th>险种</th><th>参保状态</th></tr></thead>
    <tbody><?cs
    each:s = States ?>
      <tr><td class="name"><?cs var:s.Name ?></td><td class="nowrap"><?cs var:s.State ?></td></tr><?cs
    /each ?>
    </tbody>
  </table>
</section><?cs
/if ?>
<?cs call:page_end() ?>
