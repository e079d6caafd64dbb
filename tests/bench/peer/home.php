<?php
/*
 * tests/bench/peer/home.php — the PHP-FPM peer of the portal's home page (GET /),
 * issue 15 item 2: what a conventional PHP-FPM + PDO page costs doing the same
 * work. Served by the bench stack's nginx at /peer/ (tests/bench/peer-fpm), never
 * part of the portal.
 *
 * The same work as cgi/home.c with lib/web and lib/store, in the same order:
 *   - the `sid` cookie (32 lower-case hex) -> its SHA-256, the key of `sessions`
 *   - ONE statement: store_session_get_unit's (lib/store/session.c), the session,
 *     its account, its unit, the kept counts (unit_type_counts) and 本期待办
 *     (unit_todo), as a server-side prepared statement on a persistent connection
 *     (the portal's workers keep theirs and cache the prepared statement)
 *   - idle / absolute expiry; the session's last_seen written at most once a minute
 *     (store_session_touch's UPDATE) — the same conditional write
 *   - the declaration period from the business date (decl_state_at, lib/rules/policy.c)
 *   - the page: templates/home.cs inside templates/layout.cs, every value through
 *     htmlspecialchars (the portal's ClearSilver VarEscapeMode = html)
 * Configuration comes from the pool's environment (tests/bench/peer-fpm writes it
 * from the bench instance's portal.hdf). No session, or an expired one: 303 to
 * /login as the portal does.
 */
declare(strict_types=1);

function h(string $s): string { return htmlspecialchars($s, ENT_QUOTES | ENT_HTML5, 'UTF-8'); }
function env(string $k, string $d = ''): string { $v = getenv($k); return $v === false ? $d : $v; }

$sid = $_COOKIE['sid'] ?? '';
if (!preg_match('/^[0-9a-f]{32}$/D', $sid)) {
    header('Location: /login', true, 303);
    exit;
}
$key = hash('sha256', $sid);

$db = new PDO('mysql:unix_socket=' . env('PEER_DB_SOCKET') . ';dbname=' . env('PEER_DB_NAME') . ';charset=utf8mb4',
              env('PEER_DB_USER'), env('PEER_DB_PASSWORD'),
              [PDO::ATTR_PERSISTENT => true, PDO::ATTR_EMULATE_PREPARES => false,
               PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
$st = $db->prepare(
    "SELECT s.id, s.unit_id, s.account_id, a.role, a.name, a.login, a.must_change,"
    . " s.shown_once, COALESCE(a.prev_login_at, 0), a.prev_login_addr,"
    . " s.csrf, s.created_at, s.last_seen,"
    . " u.id, u.unit_no, u.name, u.unit_type, u.credit_code,"
    . " COALESCE(SUM(c.employees), 0), COALESCE(SUM(c.retirees), 0),"
    . " IF(t.refreshed_at > 0, t.ym, NULL), COALESCE(t.problems, 0),"
    . " COALESCE(t.retire_due, 0), COALESCE(t.failed_jobs, 0)"
    . " FROM sessions s JOIN units u ON u.id = s.unit_id"
    . " JOIN accounts a ON a.id = s.account_id AND a.unit_id = s.unit_id AND a.disabled = 0"
    . " LEFT JOIN unit_todo t ON t.unit_id = u.id"
    . " LEFT JOIN unit_type_counts c ON c.unit_id = u.id AND c.type_code = '310'"
    . " WHERE s.id = ? GROUP BY s.id");
$st->execute([$key]);
$row = $st->fetch(PDO::FETCH_NUM);
$st->closeCursor();
$now = time();
if ($row === false) {
    header('Location: /login?expired=1', true, 303);
    exit;
}
[$s_id, , , $role, $acct_name, , $must_change, , $prev_at, $prev_addr, $csrf, $created, $last_seen,
 , $unit_no, $unit_name, $unit_type, , $insured, $retired, $todo_ym, $problems, $retire_due, $failed_jobs] = $row;
if ($now - (int)$last_seen >= (int)env('PEER_IDLE_MINUTES', '30') * 60
    || $now - (int)$created >= (int)env('PEER_ABSOLUTE_HOURS', '12') * 3600) {
    $db->prepare('DELETE FROM sessions WHERE id = ?')->execute([$key]);
    header('Location: /login?expired=1', true, 303);
    exit;
}
if ($now - (int)$last_seen >= 60) {
    $db->prepare('UPDATE sessions SET last_seen = GREATEST(last_seen, ?) WHERE id = ?')->execute([$now, $key]);
    $last_seen = $now;
}
// the footer's 登录有效至 (lib/rules/account.c session_ends_at, issue 17)
$idle_s = (int)env('PEER_IDLE_MINUTES', '30') * 60;
$ends = min((int)$last_seen + $idle_s, (int)$created + (int)env('PEER_ABSOLUTE_HOURS', '12') * 3600);
if ((int)$must_change) {
    header('Location: /password?first=1', true, 303);
    exit;
}

/* The business date (PORTAL_TODAY, as lib/base/clock.c) and the period (lib/rules/policy.c). */
$tz = new DateTimeZone('Asia/Shanghai');
$today = env('PORTAL_TODAY');
$t = $today === '' ? new DateTimeImmutable('now', $tz)
   : new DateTimeImmutable(strlen($today) == 10 ? "$today 09:00" : $today, $tz);
[$y, $m, $d, $hh, $mm] = array_map('intval', explode(' ', $t->format('Y n j G i')));
$open_day = (int)env('PEER_OPEN_DAY', '11');
$close_day = (int)env('PEER_CLOSE_DAY', '6');
$close_hour = (int)env('PEER_CLOSE_HOUR', '17');
$M = $y * 12 + $m - 1;
$before_close = $d < $close_day || ($d == $close_day && $hh < $close_hour);
$C = $d >= $open_day ? $M + 1 : $M;
$window_open = $d >= $open_day || $before_close;
$ym = fn(int $k): string => sprintf('%04d-%02d', intdiv($k, 12), $k % 12 + 1);
$closes = sprintf('%s-%02d %02d:00', $ym($C), $close_day, $close_hour);
$period_month = $ym($C);
$period_label = sprintf('%d年%d月', intdiv($C, 12), $C % 12 + 1);
$today_text = sprintf('%04d-%02d-%02d %02d:%02d', $y, $m, $d, $hh, $mm);
$window_left = '';
if ($window_open) {
    $closes_at = new DateTimeImmutable($closes, $tz);
    $min = intdiv($closes_at->getTimestamp() - $t->getTimestamp(), 60);
    if ($min > 0) {
        $dd = intdiv($min, 1440); $h2 = intdiv($min % 1440, 60); $m2 = $min % 60;
        $window_left = $dd > 0 ? "{$dd}天{$h2}小时{$m2}分钟" : ($h2 > 0 ? "{$h2}小时{$m2}分钟" : "{$m2}分钟");
    }
}
$settling = !$window_open;
$next_opens = sprintf('%04d-%02d-%02d 00:00', $y, $m, $open_day);
$settle_until = sprintf('%04d-%02d-%02d', $y, $m, $open_day - 1);

$is_admin = $role === '管理员';
$may_act = $role !== '查询';
$key_page = 'home';
function menu_item(string $key, string $href, string $label, string $cur): string
{
    return "\n        <li><a href=\"" . h($href) . '"' . ($cur === $key ? ' class="current" aria-current="page"' : '')
         . '>' . h($label) . '</a></li>';
}

header('Content-Type: text/html; charset=utf-8');
header('Cache-Control: no-store');
ob_start();
?>




<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title><?= h('首页') ?> - 单位网厅</title>
<link rel="icon" href="/static/favicon.ico">
<link rel="stylesheet" href="/static/css/portal.css">
<link rel="stylesheet" href="/static/css/print.css" media="print">
</head>

<body class="app">

<a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header no-print">
  <div class="site-header-inner">
    <a class="brand" href="/">
      <span class="brand-mark" aria-hidden="true">医</span>
      <span class="brand-text">
        <span class="brand-name">单位网厅</span>
        <span class="brand-sub">职工医疗保险用人单位网上服务大厅</span>
      </span>
    </a>
    <div class="unit-bar">
      <a class="menu-link" href="#menu">菜单</a>
      <div class="unit-info">
        <span class="unit-name" title="单位名称"><?= h($unit_name) ?></span>
        <span class="unit-no">单位编号 <?= h($unit_no) ?></span>
        <span class="unit-no">经办人 <?= h($acct_name) ?>(<?= h($role) ?>)</span>
      </div>
      <form class="logout-form" method="post" action="/logout">
        <input type="hidden" name="csrf" value="<?= h($csrf) ?>">
        <button type="submit" class="btn btn-logout">退出</button>
      </form>
    </div>
  </div>
</header>

<div class="layout">
<nav id="menu" class="side-menu no-print" aria-label="主菜单">
  <ul class="menu">
    <li class="menu-top"><a href="/"<?= $key_page === 'home' ? ' class="current" aria-current="page"' : '' ?>>首页</a></li>
<?php if ($may_act) { ?>

    <li class="menu-group">
      <span class="menu-group-title">网上经办</span>
      <ul><?=
        menu_item('enroll', '/enroll', '参保人员增员申报(补收)', $key_page)
        . menu_item('enroll_batch', '/enroll/batch', '批量增员申报(补收)', $key_page)
        . menu_item('stop', '/stop', '参保人员减员申报', $key_page)
        . menu_item('backpay_add', '/backpay/add', '单独补缴', $key_page)
        . menu_item('backpay', '/backpay', '补缴删除', $key_page)
        . menu_item('wages', '/wages', '批量缴费申报(工资年度申报)', $key_page)
        . menu_item('wages_adjust', '/wages/adjust', '零星基数调整', $key_page)
        . menu_item('unit', '/unit', '单位信息维护', $key_page)
        . menu_item('person', '/person', '参保人员信息维护', $key_page) ?>

      </ul>
    </li><?php } ?>

    <li class="menu-group">
      <span class="menu-group-title">查询打印</span>
      <span class="menu-sub-title">业务查询</span>
      <ul><?=
        menu_item('query_payments', '/query/payments', '单位缴费明细查询', $key_page)
        . menu_item('query_person', '/query/person', '单位参保人员信息查询', $key_page)
        . menu_item('query_unit', '/query/unit', '单位信息查询', $key_page)
        . menu_item('query_roster', '/query/roster', '单位花名册查询', $key_page)
        . menu_item('query_retirees', '/query/retirees', '离退休人员查询', $key_page)
        . menu_item('query_retire_due', '/query/retire-due', '职工退休到龄查询', $key_page)
        . menu_item('query_check', '/query/check', '基础信息核查', $key_page)
        . menu_item('export_payments', '/export/payments', '职工缴费明细导出', $key_page) ?>

      </ul>
      <span class="menu-sub-title">报表打印</span>
      <ul><?=
        menu_item('report_payments', '/report/payments', '单位缴费查询打印', $key_page)
        . menu_item('report_certificate', '/report/certificate', '单位参保证明打印', $key_page)
        . menu_item('report_notice', '/report/notice', '缴费通知单查询打印', $key_page) ?>

      </ul>
      <span class="menu-sub-title">申报信息查询</span>
      <ul><?=
        menu_item('declarations_pending', '/declarations/pending', '待审核数据查询', $key_page)
        . menu_item('declarations_approved', '/declarations/approved', '已审核数据查询', $key_page) ?>

      </ul>
    </li>
    <li class="menu-top"><a href="/jobs"<?= $key_page === 'jobs' ? ' class="current" aria-current="page"' : '' ?>>批量任务</a></li>
    <li class="menu-group">
      <span class="menu-group-title">账户</span>
      <ul><?=
        ($is_admin ? menu_item('accounts', '/accounts', '经办人账户管理', $key_page) : '')
        . menu_item('password', '/password', '修改密码', $key_page) ?>

      </ul>
    </li>
  </ul>
</nav>

<main id="main" class="content">
<h1 class="page-title"><?= h('首页') ?></h1>

<div class="home-grid">
  <section class="card period-card <?= $window_open ? 'is-open' : ($settling ? 'is-settle' : 'is-closed') ?>"
    aria-labelledby="period-title">
    <div class="period-head">
      <h2 id="period-title" class="card-title">当前申报期</h2><?php if ($window_open) { ?>

      <span class="status-badge status-open">申报期内</span><?php } elseif ($settling) { ?>

      <span class="status-badge status-settle">结算期</span><?php } else { ?>

      <span class="status-badge status-closed">非申报期</span><?php } ?>

    </div>
    <p class="period-label"><?= h($period_label) ?> <span class="period-month">(<?= h($period_month) ?>)</span></p>
    <dl class="period-facts"><?php if ($window_open) { ?>

      <div><dt>开放至</dt><dd><?= h($closes) ?></dd></div><?php } else { if ($settling) { ?>

      <div><dt>结算月份</dt><dd><?= h(sprintf('%04d-%02d', $y, $m)) ?></dd></div>
      <div><dt>结算期至</dt><dd><?= h($settle_until) ?></dd></div><?php } ?>

      <div><dt>下次开放</dt><dd><?= h($next_opens) ?></dd></div><?php } ?>

      <div><dt>业务日期</dt><dd><?= h($today_text) ?></dd></div>
    </dl>
    <p class="period-note"><?= $window_open ? '申报期内可办理增员、减员和缴费基数申报,请在截止时间前完成本期申报。'
        : '申报期外(结算期)不受理增员、减员和缴费基数变更,查询打印不受影响。' ?></p>
  </section>

  <section class="card counts-card" aria-labelledby="counts-title">
    <h2 id="counts-title" class="card-title">本单位人数</h2>
    <div class="stat-row">
      <a class="stat" href="/query/roster">
        <span class="stat-value"><?= h((string)(int)$insured) ?></span>
        <span class="stat-label">在职参保人数</span>
      </a>
      <a class="stat" href="/query/retirees">
        <span class="stat-value"><?= h((string)(int)$retired) ?></span>
        <span class="stat-label">离退休人数</span>
      </a>
    </div>
  </section>
</div>

<?php if ($window_left !== '' || $todo_ym !== null) { ?>

<section class="card todo-card" aria-labelledby="todo-title">
  <h2 id="todo-title" class="card-title">本期待办</h2>
  <ul class="todo-list"><?php if ($window_left !== '') { ?>

    <li>本期申报期剩余 <strong><?= h($window_left) ?></strong>,截止 <?= h($closes) ?></li><?php } if ($todo_ym !== null) { ?>

    <li><a href="/jobs">有失败数据的批量任务</a> <strong><?= h((string)(int)$failed_jobs) ?></strong> 个(失败数据24小时内过期,请及时导出)</li>
    <li><a href="/query/retire-due">本月和下月达到退休年龄的人员</a> <strong><?= h((string)(int)$retire_due) ?></strong> 人</li>
    <li><a href="/query/check">基础信息核查发现的问题</a> <strong><?= h((string)(int)$problems) ?></strong> 个</li><?php } ?>

  </ul>
</section><?php } ?>


<p class="hint last-login">上次登录:<?php if ((int)$prev_at > 0) { ?><?= h((new DateTimeImmutable('@' . $prev_at))->setTimezone($tz)->format('Y-m-d H:i')) ?>(地址 <?= h((string)$prev_addr) ?>)<?php } else { ?>本账号首次登录<?php } ?></p>

<section class="quick-links" aria-labelledby="quick-title">
  <h2 id="quick-title" class="section-title">常用业务</h2>
  <ul class="tile-grid"><?php if ($may_act) { ?>

    <li><a class="tile" href="/enroll">
      <span class="tile-title">增员申报</span>
      <span class="tile-desc">参保人员增员申报(补收)</span></a></li>
    <li><a class="tile" href="/stop">
      <span class="tile-title">减员申报</span>
      <span class="tile-desc">参保人员减员申报</span></a></li>
    <li><a class="tile" href="/enroll/batch">
      <span class="tile-title">批量增员</span>
      <span class="tile-desc">批量增员申报(补收)</span></a></li><?php } ?>

    <li><a class="tile" href="/declarations/approved">
      <span class="tile-title">已审核数据</span>
      <span class="tile-desc">已审核数据查询</span></a></li>
  </ul>
</section>

</main>
</div>

<footer class="site-footer no-print">
  <div class="site-footer-inner">
    <span>单位网厅 · 职工医疗保险用人单位网上服务大厅</span>
    <span>业务日期 <?= h($today_text) ?></span>
    <span id="session-end" data-ends-in="<?= $ends - $now ?>" data-warn="120">登录有效至 <span data-field="ends-at"><?= h((new DateTimeImmutable('@' . $ends))->setTimezone($tz)->format('H:i')) ?></span>(<?= intdiv($idle_s, 60) ?>分钟内无操作将自动退出)</span>
  </div>
</footer>
<script src="/static/js/session.js" defer></script>

</body>
</html>

<?php
$page = ob_get_clean();
header('Content-Length: ' . strlen($page));
echo $page;
