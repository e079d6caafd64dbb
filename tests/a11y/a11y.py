#!/usr/bin/python3
"""a11y — the accessibility test of 单位网厅 (issue 17): every page in headless Chromium.

    tests/a11y/a11y.py BASE AXE_JS ROUTES UNIT_NO QUERY_ACCOUNT PASSWORD

BASE is the stack's URL, AXE_JS axe-core's axe.min.js (tests/a11y/fetch-axe puts the pinned
version into the build dir), ROUTES conf/routes, UNIT_NO the demo hospital (its 管理员 logs in
with an empty 账号, QUERY_ACCOUNT is its 查询 account). Driven by Debian's chromium,
chromium-driver and python3-selenium (conf/deps).

For each page: axe-core with the WCAG 2.0/2.1 A and AA rule sets (any violation fails); at
320 CSS px wide no horizontal scroll (1.4.10; the A4 print forms and the data tables, which
scroll in their own box, are two-dimensional content and exempt); on the forms the Tab order
reaches the main action and every focused element shows a focus indicator; after a failed
POST of each form the title starts with 处理失败, the page says so (role=alert) and the first
invalid field is focused, marked aria-invalid and described by its message. Every exact
route of conf/routes (downloads and /logout aside) must have been visited.
Prints one line per failure and "Checks: N, Failures: F, Errors: 0" (tests/run-unit's tally).
"""
import re
import sys

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE, AXE_JS, ROUTES, UNIT, QUERY_ACCOUNT, PASSWORD = sys.argv[1:7]
AXE = open(AXE_JS, encoding="utf-8").read()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

checks = 0
failures = []
visited = set()


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print("FAIL: " + what, flush=True)
    return ok


def new_driver():
    o = Options()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--lang=zh-CN", "--window-size=1280,900", "--force-device-scale-factor=1"):
        o.add_argument(a)
    o.binary_location = "/usr/bin/chromium"
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.set_page_load_timeout(120)
    d.set_script_timeout(120)
    return d


def width(d, px):
    if px:
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": px, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    else:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def axe(d, label):
    d.execute_script(AXE)
    v = d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' @ ' +"
        " v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))"
        ".catch(e => done(['axe error: ' + e]));", TAGS)
    check(not v, "%s: axe: %s" % (label, "; ".join(v)))


def reflow(d, label):
    if d.execute_script("return !!document.querySelector('.print-page');"):
        return
    width(d, 320)
    try:
        over = d.execute_script(
            "const w = document.documentElement.clientWidth;"
            "const out = [];"
            "for (const e of document.querySelectorAll('body *')) {"
            "  if (e.closest('.table-wrap, table, .print-only') || !e.getClientRects().length) continue;"
            "  const r = e.getBoundingClientRect();"
            "  if (r.right > w + 1 && getComputedStyle(e).visibility !== 'hidden')"
            "    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +"
            "             (e.className && e.className.baseVal === undefined ? '.' + e.className.trim().replace(/ +/g, '.') : '') +"
            "             ' right=' + Math.round(r.right));"
            "}"
            "const sw = document.documentElement.scrollWidth;"
            "return (sw > w + 1 ? ['scrollWidth ' + sw + ' > ' + w] : []).concat(out.slice(0, 4));")
        check(not over, "%s: 320 px reflow: %s" % (label, "; ".join(over)))
    finally:
        width(d, 0)


def visit(d, path, label=None, keyboard=False):
    label = label or path
    d.get(BASE + path)
    visited.add(path.split("?")[0])
    check(d.execute_script("return document.documentElement.lang;") == "zh-CN", label + ": lang")
    axe(d, label)
    reflow(d, label)
    if keyboard:
        tab_order(d, label)


def focus_visible(d):
    return d.execute_script(
        "const e = document.activeElement; if (!e || e === document.body) return false;"
        "const s = getComputedStyle(e);"
        "return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) ||"
        " (s.boxShadow && s.boxShadow !== 'none');")


def tab_order(d, label):
    """Tab from the top of the page: reaches the main form's submit button, and each stop
    shows a focus indicator."""
    target = d.execute_script(
        "const f = [...document.querySelectorAll('main form')].filter(f => !f.closest('table'))"
        ".find(f => f.querySelector('[type=submit]'));"
        "return f ? f.querySelector('[type=submit]:not([disabled])') : null;")
    if target is None:
        return
    d.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    reached, unseen = False, []
    for _ in range(400):
        ActionChains(d).send_keys(Keys.TAB).perform()
        # on a loaded machine the key may still be on its way: BODY for a moment is not a
        # stop (a focus really lost stays on BODY)
        try:
            WebDriverWait(d, 3).until(lambda d: d.execute_script(
                "return document.activeElement && document.activeElement !== document.body;"))
        except TimeoutException:
            pass
        e = d.switch_to.active_element
        if not focus_visible(d):
            unseen.append(d.execute_script(
                "const e = document.activeElement; return e.tagName + ' ' + (e.id || e.name || e.textContent.trim().slice(0, 12));"))
        if e == target:
            reached = True
            break
    check(reached, label + ": Tab reaches the form's submit button")
    check(not unseen, label + ": focus not visible on " + "; ".join(unseen[:4]))


def links(d, pattern):
    hrefs = d.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));")
    return list(dict.fromkeys(h for h in hrefs if re.fullmatch(pattern, h)))


def login(d, account):
    d.get(BASE + "/login")
    d.find_element(By.ID, "unit_no").send_keys(UNIT)
    if account:
        d.find_element(By.ID, "operator").send_keys(account)
    d.find_element(By.ID, "password").send_keys(PASSWORD)
    d.find_element(By.CSS_SELECTOR, "form.login-form [type=submit]").click()
    # click() may return before the POST's 303 has been followed: wait for the page to change
    try:
        WebDriverWait(d, 20).until(lambda d: path_of(d.current_url) != "/login")
    except TimeoutException:
        pass
    where = path_of(d.current_url)
    if where != "/":   # say what the clerk would have seen
        where += " " + (d.execute_script(
            "const m = document.querySelector('.msg'); return m ? m.textContent.trim() : '';") or "")
    return check(path_of(d.current_url) == "/", "login as %s %s (at %s)" % (UNIT, account or "管理员", where))


def failed_post(d, path, label=None, fill="!", form_sel="main form[method=post]:not(.inline-form)", prepare=None):
    """Submits the page's form with every text field set to `fill` (required dropped):
    the server refuses it and the answer must tie its errors to the fields."""
    label = (label or path) + " after a failed POST"
    d.get(BASE + path)
    if prepare:
        d.execute_script(prepare)
    d.execute_script("window.a11yOldPage = true;")
    d.execute_script(
        "const f = document.querySelector(arguments[0]); f.noValidate = true;"
        "for (const e of f.querySelectorAll('input[type=text], input[type=tel], input[type=password],"
        " input:not([type]), input[type=number], input[type=date], textarea'))"
        "  { if (!e.readOnly && !e.disabled) { e.removeAttribute('required'); e.value = arguments[1]; } }"
        "for (const e of f.querySelectorAll('[required]')) e.removeAttribute('required');"
        "const b = f.querySelector('[type=submit]:not([disabled])');"
        "if (b) f.requestSubmit(b); else f.submit();", form_sel, fill)
    # requestSubmit returns at once: wait for the answer to be loaded (its scripts, which
    # focus the first invalid field, run before 'complete')
    try:
        WebDriverWait(d, 20).until(lambda d: d.execute_script(
            "return !window.a11yOldPage && document.readyState === 'complete';"))
    except TimeoutException:
        pass
    title = d.title
    check(title.startswith("处理失败"), "%s: the title starts with 处理失败 (%s)" % (label, title))
    check(d.execute_script("return !!document.querySelector('.msg.fail[role=alert]');"),
          label + ": a page message (role=alert)")
    bad = d.execute_script(
        "const e = document.querySelector('main [aria-invalid=true]'); if (!e) return 'none';"
        "if (e !== document.activeElement) return 'the first invalid field ' + (e.id || e.name) + ' is not focused';"
        "const ids = (e.getAttribute('aria-describedby') || '').split(/ +/).filter(x => x);"
        "const msg = ids.map(i => document.getElementById(i)).filter(x => x && (x.classList.contains('field-error') || x.classList.contains('msg')));"
        "return msg.length ? '' : (e.id || e.name) + ' is not described by its message';")
    if bad != "none":
        check(bad == "", label + ": " + bad)
    axe(d, label)
    reflow(d, label)


def session_warning(d):
    """2.2.1: static/js/session.js, started on a page whose session ends in 122 s, warns at
    once (120 s before), focuses 继续使用, and 继续使用 gives the session its time back."""
    d.get(BASE + "/enroll")
    src = open(ROUTES.replace("conf/routes", "static/js/session.js"), encoding="utf-8").read()
    d.execute_script("document.getElementById('session-end').setAttribute('data-ends-in', '122');" + src)
    wait = WebDriverWait(d, 30)
    box = wait.until(lambda d: d.execute_script("return document.querySelector('.session-warning');"))
    check(box.get_attribute("role") == "alertdialog" and "继续使用" in box.text
          and d.switch_to.active_element.text == "继续使用",
          "/enroll: the session warning is an alertdialog with 继续使用 focused")
    axe(d, "/enroll with the session warning")
    d.switch_to.active_element.click()
    ok = wait.until(lambda d: d.execute_script("return !document.querySelector('.session-warning');"))
    check(ok, "/enroll: 继续使用 extends the session")


def main():
    d = new_driver()
    try:
        # logged out
        for p in ("/login", "/verify", "/verify?code=ABCDEFGHJKLM", "/nowhere"):
            visit(d, p, "logged out " + p, keyboard=p == "/login")
        d.get(BASE + "/login")
        failed_post(d, "/login", "logged out /login", form_sel="form.login-form",
                    prepare="document.getElementById('unit_no').value = '%s';" % UNIT)
        failed_post(d, "/verify", "logged out /verify", form_sel="main form")

        # the 管理员
        login(d, "")
        # 2.2.1: the page says when the session ends (static/js/session.js warns before)
        check(d.execute_script(
            "const f = document.getElementById('session-end');"
            "return !!f && parseInt(f.dataset.endsIn, 10) > 0 && /登录有效至 [0-9]{2}:[0-9]{2}/.test(f.textContent);"),
            "/: the footer says when the session ends")
        session_warning(d)
        pages = ["/", "/enroll", "/enroll/batch", "/stop", "/backpay", "/backpay/add", "/wages",
                 "/wages/adjust", "/unit", "/person", "/query/payments", "/query/person",
                 "/query/unit", "/query/roster", "/query/retirees", "/query/retire-due",
                 "/query/check", "/query/nothing", "/export/payments", "/jobs",
                 "/report/payments", "/report/notice", "/report/certificate", "/report/nothing",
                 "/report/payments?format=print", "/report/notice?format=print",
                 "/report/certificate?format=print", "/query/payments?format=print",
                 "/query/roster?format=print", "/query/person?format=print",
                 "/query/unit?format=print", "/query/retirees?format=print",
                 "/query/retire-due?format=print", "/query/check?format=print",
                 "/declarations/pending?format=print", "/declarations/approved?format=print",
                 "/verify", "/password", "/accounts", "/declarations/pending",
                 "/declarations/approved", "/declarations/nothing", "/nowhere"]
        for p in pages:
            visit(d, p, keyboard=True)
        d.get(BASE + "/query/roster")
        ids = d.execute_script(
            "return [...document.querySelectorAll('main td')].map(t => t.textContent.trim())"
            ".filter(t => /^[0-9]{17}[0-9X]$/.test(t));")
        if check(bool(ids), "/query/roster lists an ID number"):
            visit(d, "/person?id_no=" + ids[0], keyboard=True)
            visit(d, "/query/person?id_no=" + ids[0])
        d.get(BASE + "/jobs")
        jobs = links(d, r"/jobs/[0-9]+")
        check(len(jobs) >= 2, "/jobs lists a running and a done job")
        for j in jobs[:6]:
            visit(d, j)
            visit(d, j + "/delete", keyboard=True)
        # a declaration to look at: 单位信息维护 with a new 联系电话 (a 303 to /declarations/ID)
        d.get(BASE + "/unit")
        phone = d.find_element(By.ID, "contact_phone")
        phone.clear()
        phone.send_keys("0512-6%07d" % (len(visited) * 7919 % 10000000))
        d.find_element(By.CSS_SELECTOR, "form[action='/unit'] [type=submit]").click()
        check(re.fullmatch(r"/declarations/[0-9]+", path_of(d.current_url)) is not None,
              "/unit: a change is declared (%s)" % path_of(d.current_url))
        d.get(BASE + "/declarations/approved")
        decls = links(d, r"/declarations/[0-9]+")
        if check(bool(decls), "/declarations/approved links a declaration"):
            visit(d, decls[0])
            visit(d, decls[0] + "?format=print")
        undo = links(d, r"/declarations/[0-9]+/undo")
        d.get(BASE + "/declarations/pending")
        undo += links(d, r"/declarations/[0-9]+/undo")
        for u in undo[:1]:
            visit(d, u, keyboard=True)
        d.get(BASE + "/accounts")
        for a in links(d, r"/accounts/[0-9]+[^\"]*")[:2]:
            visit(d, a)

        # every form, refused
        for p in ("/enroll", "/enroll/batch", "/stop", "/backpay/add", "/wages/adjust",
                  "/unit", "/password", "/accounts", "/wages", "/backpay"):
            failed_post(d, p)
        failed_post(d, "/export/payments", prepare="document.getElementById('month').type = 'text';")
        if ids:
            failed_post(d, "/person?id_no=" + ids[0], "/person (修改)")

        # the 查询 account: a menu without 网上经办
        d.delete_all_cookies()
        login(d, QUERY_ACCOUNT)
        for p in ("/", "/query/payments", "/jobs", "/password", "/enroll", "/accounts"):
            visit(d, p, "查询 " + p)
    except WebDriverException as e:
        check(False, "webdriver: %s" % e.msg)
    finally:
        d.quit()

    skip = re.compile(r"\.(csv|xlsx)$|^/logout$")
    for line in open(ROUTES, encoding="utf-8"):
        m = re.match(r"=\s+(\S+)\s", line)
        if m and not skip.search(m.group(1)):
            check(m.group(1) in visited, "route %s visited" % m.group(1))
    print("a11y: %d pages and forms" % len(visited))
    print("Checks: %d, Failures: %d, Errors: 0" % (checks, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
