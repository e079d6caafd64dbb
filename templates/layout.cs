<?cs
####################################################################################
# layout.cs — the shared page frame of 单位网厅 (macros only; renders nothing itself).
#
# Use from a page template:
#
#   include:"layout.cs"        (in a cs tag, at the top of the page template)
#   call:page_start()          doctype, <head>, header bar, menu, <main>, <h1>, message
#     ... the page's own content ...
#   call:page_end()            </main>, footer, </html>
#
#   Smaller pieces, for pages that need their own frame (login.cs does):
#   page_head()  site_header()  menu()  msg_box()  site_footer()  csrf_field()
#   print_start() / print_end()      the printable frame of a report (format=print):
#                                    no header, no menu, A4, a 打印 button (static/js/print.js).
#   print_header()   the header of a printed report: unit name and 单位编号, title, period,
#                    制表日期, 经办人 (Report.*, web_print_header()); print_header_row(cols)
#                    puts it as the first row of a table's <thead>, so every printed page
#                    repeats it with the column headers (and every page holds as many rows);
#                    screen pages put it in print_only_header() for their print view
#   report_meta(path)   above a report's result: 费款所属期 and 打印/导出CSV/导出Excel (Result.*)
#   month_field()       the 费款所属期 field of a filter form (Form.Month, Err.month)
#
# HDF read here (filled by the runtime):
#   Page.Title   the <title> and the <h1>
#   Page.Key     the menu key of the current page (list below): that item is highlighted
#   Page.Public  1 on pages without a session (login, errors before login): no menu,
#                no unit, no 退出
#   Page.Back    print_start(): where 返回 leads (default "/")
#   Page.Landscape  print_start(): 1 = A4 landscape (wide reports, e.g. 单位缴费查询打印)
#   Page.NoTitle 1 when the page prints its own heading (page_start then omits the <h1>)
#   Page.Menu    set by lib/web/template.c: the worker's kept render of menu() for this
#                Page.Key and role, printed by menu_html() (an escaper: the text was
#                escaped when menu() rendered it); absent: page_start calls menu()
#   Session.UnitNo, Session.UnitName   shown in the header bar when logged in
#   Session.AccountName, Session.Role  the logged-in account (spec §7b), in the header bar
#   Session.MayAct   1 unless the role is 查询: the 网上经办 group is shown only then
#   Session.IsAdmin  1 for the 管理员: 经办人账户管理 is shown only then
#   Session.EndsAt, Session.EndsIn, Session.IdleMinutes, Session.WarnSeconds  when the
#                session ends (footer; static/js/session.js warns and offers 继续使用)
#   Csrf         the CSRF token, in the logout form and in csrf_field()
#   Msg.Kind     "ok" or "fail";  Msg.Text the result message (element class "msg ok|fail")
#   Today        the business date and time, shown in the footer
#
# Page.Key values (= the URL path without the leading "/", with "/" and "-" as "_"):
#   home                  /                        首页
#   网上经办
#   enroll                /enroll                  参保人员增员申报(补收)
#   enroll_batch          /enroll/batch            批量增员申报(补收)
#   stop                  /stop                    参保人员减员申报
#   backpay               /backpay                 补缴删除
#   backpay_add           /backpay/add             单独补缴
#   wages                 /wages                   批量缴费申报(工资年度申报)
#   wages_adjust          /wages/adjust            零星基数调整
#   unit                  /unit                    单位信息维护
#   person                /person                  参保人员信息维护
#   查询打印 — 业务查询
#   query_payments        /query/payments          单位缴费明细查询
#   query_person          /query/person            单位参保人员信息查询
#   query_unit            /query/unit              单位信息查询
#   query_roster          /query/roster            单位花名册查询
#   query_retirees        /query/retirees          离退休人员查询
#   query_retire_due      /query/retire-due        职工退休到龄查询
#   export_payments       /export/payments         职工缴费明细导出
#   查询打印 — 报表打印
#   report_payments       /report/payments         单位缴费查询打印
#   report_certificate    /report/certificate      单位参保证明打印
#   report_notice         /report/notice           缴费通知单查询打印
#   查询打印 — 申报信息查询
#   declarations_pending  /declarations/pending    待审核数据查询
#   declarations_approved /declarations/approved   已审核数据查询
#   批量任务
#   jobs                  /jobs, /jobs/ID          批量任务
#
# Every var: is HTML-escaped by the runtime (Config.VarEscapeMode = html):
# never use uvar:. The CSP is default-src 'self': no inline <script>, no style="…",
# no on*= attributes. Progress bars use classes (see portal.css: .progress > .bar.pNN).
####################################################################################
?><?cs

def:csrf_field() ?><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs /def ?><?cs

# invalid(key, err): the attributes of a form control whose message err (Err.<key>) is set:
# aria-invalid, aria-describedby pointing at its message (<span class="field-error"
# id="err-KEY">), and autofocus on the first invalid control of the page, so
# a refused POST puts the clerk on the field to correct, without script (3.3.1, issue 17).
?><?cs def:invalid(key, err) ?><?cs if:err ?> aria-invalid="true" aria-describedby="err-<?cs var:key ?>"<?cs
  if:!Page.Focused ?> autofocus<?cs set:Page.Focused = 1 ?><?cs /if ?><?cs /if ?><?cs /def ?><?cs

def:page_head() ?><!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title><?cs if:Msg.Kind == "fail" || subcount(Err) > 0 ?>处理失败 - <?cs /if ?><?cs
  if:Page.Title ?><?cs var:Page.Title ?> - <?cs /if ?>单位网厅</title>
<link rel="icon" href="/static/favicon.ico">
<link rel="stylesheet" href="/static/css/portal.css">
<link rel="stylesheet" href="/static/css/print.css" media="print">
</head>
<?cs /def ?><?cs

def:site_header() ?>
<a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header no-print">
  <div class="site-header-inner">
    <a class="brand" href="/">
      <span class="brand-mark" aria-hidden="true">医</span>
      <span class="brand-text">
        <span class="brand-name">单位网厅</span>
        <span class="brand-sub">职工医疗保险用人单位网上服务大厅</span>
      </span>
    </a><?cs
    if:!Page.Public && Session.UnitNo ?>
    <div class="unit-bar">
      <a class="menu-link" href="#menu">菜单</a>
      <div class="unit-info">
        <span class="unit-name" title="单位名称"><?cs var:Session.UnitName ?></span>
        <span class="unit-no">单位编号 <?cs var:Session.UnitNo ?></span>
        <span class="unit-no">经办人 <?cs var:Session.AccountName ?>(<?cs var:Session.Role ?>)</span>
      </div>
      <form class="logout-form" method="post" action="/logout">
        <?cs call:csrf_field() ?>
        <button type="submit" class="btn btn-logout">退出</button>
      </form>
    </div><?cs
    /if ?>
  </div>
</header>
<?cs /def ?><?cs

def:menu_item(key, href, label) ?>
        <li><a href="<?cs var:href ?>"<?cs
          if:Page.Key == key ?> class="current" aria-current="page"<?cs /if ?>><?cs var:label ?></a></li><?cs
/def ?><?cs

def:menu() ?>
<nav id="menu" class="side-menu no-print" aria-label="主菜单">
  <ul class="menu">
    <li class="menu-top"><a href="/"<?cs
      if:Page.Key == "home" ?> class="current" aria-current="page"<?cs /if ?>>首页</a></li>
<?cs if:Session.MayAct ?>
    <li class="menu-group">
      <span class="menu-group-title">网上经办</span>
      <ul><?cs
        call:menu_item("enroll", "/enroll", "参保人员增员申报(补收)") ?><?cs
        call:menu_item("enroll_batch", "/enroll/batch", "批量增员申报(补收)") ?><?cs
        call:menu_item("stop", "/stop", "参保人员减员申报") ?><?cs
        call:menu_item("backpay_add", "/backpay/add", "单独补缴") ?><?cs
        call:menu_item("backpay", "/backpay", "补缴删除") ?><?cs
        call:menu_item("wages", "/wages", "批量缴费申报(工资年度申报)") ?><?cs
        call:menu_item("wages_adjust", "/wages/adjust", "零星基数调整") ?><?cs
        call:menu_item("unit", "/unit", "单位信息维护") ?><?cs
        call:menu_item("person", "/person", "参保人员信息维护") ?>
      </ul>
    </li><?cs /if ?>
    <li class="menu-group">
      <span class="menu-group-title">查询打印</span>
      <span class="menu-sub-title">业务查询</span>
      <ul><?cs
        call:menu_item("query_payments", "/query/payments", "单位缴费明细查询") ?><?cs
        call:menu_item("query_person", "/query/person", "单位参保人员信息查询") ?><?cs
        call:menu_item("query_unit", "/query/unit", "单位信息查询") ?><?cs
        call:menu_item("query_roster", "/query/roster", "单位花名册查询") ?><?cs
        call:menu_item("query_retirees", "/query/retirees", "离退休人员查询") ?><?cs
        call:menu_item("query_retire_due", "/query/retire-due", "职工退休到龄查询") ?><?cs
        call:menu_item("query_check", "/query/check", "基础信息核查") ?><?cs
        call:menu_item("export_payments", "/export/payments", "职工缴费明细导出") ?>
      </ul>
      <span class="menu-sub-title">报表打印</span>
      <ul><?cs
        call:menu_item("report_payments", "/report/payments", "单位缴费查询打印") ?><?cs
        call:menu_item("report_certificate", "/report/certificate", "单位参保证明打印") ?><?cs
        call:menu_item("report_notice", "/report/notice", "缴费通知单查询打印") ?>
      </ul>
      <span class="menu-sub-title">申报信息查询</span>
      <ul><?cs
        call:menu_item("declarations_pending", "/declarations/pending", "待审核数据查询") ?><?cs
        call:menu_item("declarations_approved", "/declarations/approved", "已审核数据查询") ?>
      </ul>
    </li>
    <li class="menu-top"><a href="/jobs"<?cs
      if:Page.Key == "jobs" ?> class="current" aria-current="page"<?cs /if ?>>批量任务</a></li>
    <li class="menu-group">
      <span class="menu-group-title">账户</span>
      <ul><?cs
        if:Session.IsAdmin ?><?cs call:menu_item("accounts", "/accounts", "经办人账户管理") ?><?cs /if ?><?cs
        call:menu_item("password", "/password", "修改密码") ?>
      </ul>
    </li>
  </ul>
</nav>
<?cs /def ?><?cs

def:msg_box() ?><?cs
  if:Msg.Text ?><?cs
    if:Msg.Kind == "ok" ?>
<div class="msg ok" role="status"><?cs var:Msg.Text ?></div><?cs
    else ?>
<div class="msg fail" role="alert" id="msg"><?cs var:Msg.Text ?></div><?cs
    /if ?><?cs
  elif:subcount(Err) > 0 ?>
<div class="msg fail" role="alert"><?cs var:Msg.Fields ?></div><?cs
  /if ?><?cs
/def ?><?cs

def:site_footer() ?>
<footer class="site-footer no-print">
  <div class="site-footer-inner">
    <span>单位网厅 · 职工医疗保险用人单位网上服务大厅</span><?cs
    if:Today ?>
    <span>业务日期 <?cs var:Today ?></span><?cs
    /if ?><?cs
    if:!Page.Public && Session.UnitNo && Session.EndsAt ?>
    <span id="session-end" data-ends-in="<?cs var:Session.EndsIn ?>" data-warn="<?cs
      var:Session.WarnSeconds ?>">登录有效至 <span data-field="ends-at"><?cs var:Session.EndsAt ?></span>(<?cs
      var:Session.IdleMinutes ?>分钟内无操作将自动退出)</span><?cs
    /if ?>
  </div>
</footer><?cs
if:!Page.Public && Session.UnitNo && Session.EndsAt ?>
<script src="/static/js/session.js" defer></script><?cs
/if ?>
<?cs /def ?><?cs

def:page_start() ?><?cs call:page_head() ?>
<body class="<?cs if:Page.Public || !Session.UnitNo ?>public<?cs else ?>app<?cs /if ?>">
<?cs call:site_header() ?>
<div class="layout"><?cs
  if:!Page.Public && Session.UnitNo ?><?cs
    if:Page.Menu ?><?cs var:menu_html(Page.Menu) ?><?cs else ?><?cs call:menu() ?><?cs /if ?><?cs
  /if ?>
<main id="main" class="content"><?cs
  if:Page.Title && !Page.NoTitle ?>
<h1 class="page-title"><?cs var:Page.Title ?></h1><?cs
  /if ?><?cs
  call:msg_box() ?>
<?cs /def ?><?cs

def:page_end() ?>
</main>
</div>
<?cs call:site_footer() ?>
</body>
</html>
<?cs /def ?><?cs

def:print_start() ?><!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="referrer" content="same-origin">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> - <?cs /if ?>单位网厅</title>
<link rel="stylesheet" href="/static/css/portal.css">
<link rel="stylesheet" href="/static/css/print.css" media="print">
<script src="/static/js/print.js" defer></script>
</head>
<body class="print-page">
<div class="print-toolbar no-print">
  <button type="button" class="btn btn-primary" data-print>打印</button>
  <a class="btn" href="<?cs if:Page.Back ?><?cs var:Page.Back ?><?cs else ?>/<?cs /if ?>">返回</a>
</div>
<main id="main" class="print-sheet<?cs if:Page.Landscape ?> landscape<?cs /if ?>"><?cs
  if:Page.Title && !Page.NoTitle ?>
<h1 class="report-title"><?cs var:Page.Title ?></h1><?cs
  /if ?>
<?cs /def ?><?cs

def:print_header() ?>
<header class="print-header">
  <p class="print-unit"><span>单位名称:<?cs var:Report.UnitName ?></span>
    <span>单位编号:<?cs var:Report.UnitNo ?></span></p>
  <h1 class="report-title"><?cs var:Report.Title ?></h1>
  <p class="print-meta"><?cs if:Report.Period ?><span><?cs var:Report.Period ?></span>
    <?cs /if ?><span>制表日期:<?cs var:Report.MadeOn ?></span>
    <span>经办人:<?cs var:Report.Operator ?></span></p>
</header>
<?cs /def ?><?cs

def:print_header_row(cols) ?>
    <tr class="print-head-row"><th class="print-head-cell" colspan="<?cs var:cols ?>"><?cs
      call:print_header() ?></th></tr><?cs
/def ?><?cs

def:print_only_header() ?><?cs if:Report.UnitNo ?>
<div class="print-only"><?cs call:print_header() ?></div><?cs /if ?><?cs
/def ?><?cs
# report_meta(path): above a report's result (path: the report's page), 费款所属期
# and its 打印, 导出CSV and 导出Excel buttons; reads Result.{Month, Query}.
?><?cs def:report_meta(path) ?>
<div class="table-meta">
  <span>费款所属期 <?cs var:Result.Month ?></span>
  <span class="actions">
    <a class="btn btn-small" href="<?cs var:path ?>?<?cs var:Result.Query ?>&amp;format=print">打印</a>
    <a class="btn btn-small" href="<?cs var:path ?>?<?cs var:Result.Query ?>&amp;format=csv">导出CSV</a>
    <a class="btn btn-small" href="<?cs var:path ?>?<?cs var:Result.Query ?>&amp;format=xlsx">导出Excel</a>
  </span>
</div><?cs /def ?><?cs
# month_field(): the 费款所属期 field of a filter form (Form.Month, Err.month)
?><?cs def:month_field() ?>  <div class="field<?cs if:Err.month ?> has-error<?cs /if ?>">
    <label for="month">费款所属期</label>
    <input type="month" id="month" name="month" value="<?cs var:Form.Month ?>" placeholder="YYYY-MM" required<?cs call:invalid("month", Err.month) ?>><?cs
    if:Err.month ?><span class="field-error" id="err-month"><?cs var:Err.month ?></span><?cs /if ?>
  </div><?cs /def ?><?cs

def:print_end() ?>
</main>
</body>
</html>
<?cs /def ?>
<?cs
# period_card(): the declaration period box of the 网上经办 forms, from
# web_period() (Period.*, Window.*), and the window message when it is closed.
?><?cs def:period_card() ?>
<section class="card period-card <?cs if:Window.Open ?>is-open<?cs else ?>is-closed<?cs /if ?>"
  aria-labelledby="period-title">
  <div class="period-head">
    <h2 id="period-title" class="card-title">当前申报期 <?cs var:Period.Label ?>
      <span class="period-month">(<?cs var:Period.Month ?>)</span></h2><?cs
    if:Window.Open ?>
    <span class="status-badge status-open">申报期内</span><?cs
    else ?>
    <span class="status-badge status-closed">非申报期</span><?cs
    /if ?>
  </div>
  <p class="period-note">本期申报时间 <?cs var:Window.OpensAt ?> 至 <?cs var:Window.ClosesAt ?>(不含)</p>
</section><?cs
if:Window.Notice ?>
<div class="notice-box"><p class="notice"><?cs var:Window.Notice ?></p></div><?cs
/if ?><?cs
/def ?>
<?cs
# start_month_and_types(err): the 本次参保时间 select (Months.N.{Value,Label,Selected},
# Backpay.Max) and the 参保险种 list (Types.N.Name, Civil.Offer/Name, Form.Civil) of
# the enrolment forms; err is the month's field message (Err.start_month), or "".
?><?cs def:start_month_and_types(err) ?>
    <div class="form-row<?cs if:err ?> has-error<?cs /if ?>">
      <label for="start_month" class="required">本次参保时间</label>
      <select id="start_month" name="start_month"<?cs call:invalid("start_month", err) ?>><?cs
        each:m = Months ?>
        <option value="<?cs var:m.Value ?>"<?cs if:m.Selected ?> selected<?cs /if ?>><?cs var:m.Label ?></option><?cs
        /each ?>
      </select>
      <span class="hint">早于当前申报期的月份自动补缴(补收),最长<?cs var:Backpay.Max ?>个月</span><?cs
      if:err ?><span class="field-error" id="err-start_month"><?cs var:err ?></span><?cs /if ?>
    </div>
    <fieldset class="form-row field-group">
      <legend class="label">参保险种</legend>
      <div class="field check-list"><?cs
        each:t = Types ?>
        <label class="check-row"><input type="checkbox" checked disabled> <?cs var:t.Name ?></label><?cs
        /each ?><?cs
        if:Civil.Offer ?>
        <label class="check-row"><input type="checkbox" name="civil_servant" value="1"<?cs
          if:Form.Civil ?> checked<?cs /if ?>> <?cs var:Civil.Name ?></label><?cs
        /if ?>
      </div>
      <span class="hint">前六个险种默认强制参保,不可取消<?cs if:Civil.Offer ?>;公务员医疗保险仅限机关事业单位按需勾选<?cs /if ?></span>
    </fieldset><?cs
/def ?>
<?cs
# recent_jobs(title): the unit's recent jobs under the upload and export forms
# (Jobs.N.{Id,Kind,Created,Total,Processed,Failed,Done,Expired,IsExport}); an export
# that is done and kept offers its file.
?><?cs def:recent_jobs(title) ?><?cs
if:subcount(Jobs) > 0 ?>
<section class="panel" aria-labelledby="recent-title">
  <h2 id="recent-title" class="section-title"><?cs var:title ?></h2>
  <div class="table-wrap" tabindex="0">
  <table class="data-table">
    <thead><tr><th>功能名称</th><th>创建时间</th><th class="num">数据总量</th><th class="num">已处理数据</th>
      <th class="num">失败</th><th>是否完成</th><th>操作</th></tr></thead>
    <tbody><?cs
    each:j = Jobs ?>
      <tr><td><?cs var:j.Kind ?></td><td><?cs var:j.Created ?></td>
        <td class="num"><?cs var:j.Total ?></td><td class="num"><?cs var:j.Processed ?></td>
        <td class="num"><?cs var:j.Failed ?></td><td><?cs if:j.Done ?>是<?cs else ?>否<?cs /if ?></td>
        <td><a href="/jobs/<?cs var:j.Id ?>">查看</a><?cs
          if:j.IsExport && j.Done && !j.Expired ?>
          <a href="/jobs/<?cs var:j.Id ?>/result.csv">导出</a> <a href="/jobs/<?cs var:j.Id ?>/result.xlsx">Excel</a><?cs /if ?></td></tr><?cs
    /each ?>
    </tbody>
  </table>
  </div>
  <p><a href="/jobs">全部批量任务</a></p>
</section><?cs
/if ?><?cs
/def ?>
