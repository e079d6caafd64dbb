<?cs include:"layout.cs" ?><?cs
# home.cs — the home page (GET /): the declaration period and window, counts, quick links.
# Reads: Period.Month, Period.Label, Window.Open (1/0), Window.OpensAt, Window.ClosesAt, Window.NextOpensAt,
# Settle.Active (1/0), Settle.Month, Settle.Until, Counts.Insured, Counts.Retired, Today,
# LastLogin.{At, Addr} (上次登录 of the account, none at its first login),
# Todo.{WindowLeft, Known, FailedJobs, RetireDue, Problems} (本期待办; Known: the worker's counts exist),
# plus what layout.cs reads.
?><?cs call:page_start() ?>
<div class="home-grid">
  <section class="card period-card <?cs
    if:Window.Open ?>is-open<?cs elif:Settle.Active ?>is-settle<?cs else ?>is-closed<?cs /if ?>"
    aria-labelledby="period-title">
    <div class="period-head">
      <h2 id="period-title" class="card-title">当前申报期</h2><?cs
      if:Window.Open ?>
      <span class="status-badge status-open">申报期内</span><?cs
      elif:Settle.Active ?>
      <span class="status-badge status-settle">结算期</span><?cs
      else ?>
      <span class="status-badge status-closed">非申报期</span><?cs
      /if ?>
    </div>
    <p class="period-label"><?cs var:Period.Label ?><?cs
      if:Period.Month ?> <span class="period-month">(<?cs var:Period.Month ?>)</span><?cs /if ?></p>
    <dl class="period-facts"><?cs
      if:Window.Open ?>
      <div><dt>开放至</dt><dd><?cs var:Window.ClosesAt ?></dd></div><?cs
      else ?><?cs
        if:Settle.Active ?>
      <div><dt>结算月份</dt><dd><?cs var:Settle.Month ?></dd></div>
      <div><dt>结算期至</dt><dd><?cs var:Settle.Until ?></dd></div><?cs
        /if ?>
      <div><dt>下次开放</dt><dd><?cs var:Window.NextOpensAt ?></dd></div><?cs
      /if ?>
      <div><dt>业务日期</dt><dd><?cs var:Today ?></dd></div>
    </dl>
    <p class="period-note"><?cs
      if:Window.Open ?>申报期内可办理增员、减员和缴费基数申报,请在截止时间前完成本期申报。<?cs
      else ?>申报期外(结算期)不受理增员、减员和缴费基数变更,查询打印不受影响。<?cs
      /if ?></p>
  </section>

  <section class="card counts-card" aria-labelledby="counts-title">
    <h2 id="counts-title" class="card-title">本单位人数</h2>
    <div class="stat-row">
      <a class="stat" href="/query/roster">
        <span class="stat-value"><?cs var:Counts.Insured ?></span>
        <span class="stat-label">在职参保人数</span>
      </a>
      <a class="stat" href="/query/retirees">
        <span class="stat-value"><?cs var:Counts.Retired ?></span>
        <span class="stat-label">离退休人数</span>
      </a>
    </div>
  </section>
</div>

<?cs if:Todo.WindowLeft || Todo.Known ?>
<section class="card todo-card" aria-labelledby="todo-title">
  <h2 id="todo-title" class="card-title">本期待办</h2>
  <ul class="todo-list"><?cs
    if:Todo.WindowLeft ?>
    <li>本期申报期剩余 <strong><?cs var:Todo.WindowLeft ?></strong>,截止 <?cs var:Window.ClosesAt ?></li><?cs
    /if ?><?cs
    if:Todo.Known ?>
    <li><a href="/jobs">有失败数据的批量任务</a> <strong><?cs var:Todo.FailedJobs ?></strong> 个(失败数据24小时内过期,请及时导出)</li>
    <li><a href="/query/retire-due">本月和下月达到退休年龄的人员</a> <strong><?cs var:Todo.RetireDue ?></strong> 人</li>
    <li><a href="/query/check">基础信息核查发现的问题</a> <strong><?cs var:Todo.Problems ?></strong> 个</li><?cs
    /if ?>
  </ul>
</section><?cs /if ?>

<p class="hint last-login">上次登录:<?cs if:LastLogin.At ?><?cs var:LastLogin.At ?>(地址 <?cs var:LastLogin.Addr ?>)<?cs else ?>本账号首次登录<?cs /if ?></p>

<section class="quick-links" aria-labelledby="quick-title">
  <h2 id="quick-title" class="section-title">常用业务</h2>
  <ul class="tile-grid"><?cs if:Session.MayAct ?>
    <li><a class="tile" href="/enroll">
      <span class="tile-title">增员申报</span>
      <span class="tile-desc">参保人员增员申报(补收)</span></a></li>
    <li><a class="tile" href="/stop">
      <span class="tile-title">减员申报</span>
      <span class="tile-desc">参保人员减员申报</span></a></li>
    <li><a class="tile" href="/enroll/batch">
      <span class="tile-title">批量增员</span>
      <span class="tile-desc">批量增员申报(补收)</span></a></li><?cs /if ?>
    <li><a class="tile" href="/declarations/approved">
      <span class="tile-title">已审核数据</span>
      <span class="tile-desc">已审核数据查询</span></a></li>
  </ul>
</section>
<?cs call:page_end() ?>
