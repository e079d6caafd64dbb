/*
 * /verify?code= — 参保证明核验 (spec §9, §11; issue 8 item 2), the one public
 * page: anyone holding a 单位参保证明 confirms it by its 核验码. It shows the
 * unit's name, 单位编号, the 制表日期 and the types' states as certified, for
 * 180 days from the 制表日期, and nothing else. An unknown, malformed or
 * expired code gets one and the same message (and counts as a failure); after
 * failures from one address the next attempt waits as the login's address
 * rule says (Login.AddrDelaySeconds doubling, at most Login.AddrMaxDelaySeconds,
 * within Login.WindowMinutes), so codes cannot be tried in bulk.
 *   GET 200 without code: the form; 200 the certificate; 200 the message;
 *       200 the wait message while waiting; 400 unknown parameters
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "store/report.h"

enum key { K_CODE, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_CODE] = {"code", F_TEXT, 64, "核验码"},
};

/* The failures of /verify are kept with the login's, under this name (no
 * unit number looks like it). */
#define VERIFY_KEY "#verify"

static int show(struct req *r, const char *code)
{
    hdf_set_value(r->hdf, "Page.Title", "参保证明核验");
    hdf_set_value(r->hdf, "Page.Public", "1");
    hdf_set_value(r->hdf, "Form.Code", code ? code : "");
    hdf_set_value(r->hdf, "Hint.Text", msg_text(MSG_VERIFY_HINT));
    return web_render(r, 200, "verify.cs");
}

/* 1 with *until while this address must wait, 0 not, -1 database error. */
static int delayed(struct req *r, time_t *until)
{
    time_t window = (time_t)r->cfg->login.window_minutes * 60, last = 0;
    int count = 0;

    if (store_login_failures_pair(r->db, VERIFY_KEY, "", r->addr, r->real_now - window, &count,
                                  &last) != 0)
        return -1;
    *until = (time_t)throttle_until(count, (long long)last,
                                    (long long)r->cfg->login.addr_delay_seconds,
                                    (long long)r->cfg->login.addr_max_delay_seconds);
    return count > 0 && r->real_now < *until;
}

/* The certified states ("名称\t状态\n" lines) onto the page. */
static void put_states(struct req *r, const char *states)
{
    char line[512], key[32];
    const char *p = states;
    size_t i = 0;

    while (*p) {
        size_t len = strcspn(p, "\n");
        char *tab;
        snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), p);
        p += len + (p[len] == '\n');
        if (!(tab = strchr(line, '\t')))
            continue;
        *tab = '\0';
        snprintf(key, sizeof key, "States.%zu.Name", i);
        hdf_set_value(r->hdf, key, line);
        snprintf(key, sizeof key, "States.%zu.State", i);
        hdf_set_value(r->hdf, key, tab + 1);
        i++;
    }
}

static int verify(struct req *r)
{
    const struct field *f = &r->field[K_CODE];
    struct certificate c;
    char code[VERIFY_CODE_LEN + 1], when[20], text[MSG_TEXT_MAX], made[11];
    struct portal_dt t;
    time_t until = 0;
    int rc;

    if (f->state == FIELD_ABSENT)
        return show(r, NULL);
    if ((rc = delayed(r, &until)) != 0) {
        if (rc < 0)
            return -1;
        dt_from_unix((long long)until, &t);
        format_datetime(when, &t);
        msg_format(text, sizeof text, MSG_VERIFY_DELAYED, when);
        web_msg(r, "fail", text);
        return show(r, NULL);
    }
    rc = f->state == FIELD_OK && verify_code_parse(f->text, code) == 0
             ? store_certificate_get(r->db, code, &c) : STORE_NOTFOUND;
    if (rc == STORE_ERR)
        return -1;
    if (rc == STORE_NOTFOUND || !certificate_verifies(c.made_on, dt_date(&r->now))) {
        if (store_login_failure_add(r->db, VERIFY_KEY, "", r->addr, r->real_now) != 0)
            return -1;
        web_msg(r, "fail", msg_text(MSG_VERIFY_UNKNOWN));
        return show(r, NULL);
    }
    web_msg(r, "ok", msg_text(MSG_VERIFY_OK));
    hdf_set_value(r->hdf, "Cert.UnitName", c.unit_name);
    hdf_set_value(r->hdf, "Cert.UnitNo", c.unit_no);
    format_date(made, c.made_on);
    hdf_set_value(r->hdf, "Cert.MadeOn", made);
    hdf_set_value(r->hdf, "Cert.Code", c.code);
    put_states(r, c.states);
    return show(r, c.code);
}

static const struct route routes[] = {
    {"GET", "/verify", verify, ROUTE_PUBLIC},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"verify", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
