/*
 * / — home: the current declaration period and whether the window is open or
 * the settlement period runs, with dates; the unit's counts; the menu.
 *   GET 200
 */
#include "web/web.h"

/* 本期待办 (spec §7b): the time left in the window, and the counts the
 * worker keeps (unit_todo, read with the session: no query here). */
static void todo(struct req *r, const struct decl_state *st)
{
    char left[64];
    long long minutes = minutes_between(&r->now, &st->closes_at);

    if (st->window_open && minutes > 0 && format_time_left(left, sizeof left, minutes) == 0)
        hdf_set_value(r->hdf, "Todo.WindowLeft", left);
    if (r->counts.todo_ym < 0)
        return;
    hdf_set_value(r->hdf, "Todo.Known", "1");
    hdf_set_int_value(r->hdf, "Todo.FailedJobs", (int)r->counts.failed_jobs);
    hdf_set_int_value(r->hdf, "Todo.RetireDue", (int)r->counts.retire_due);
    hdf_set_int_value(r->hdf, "Todo.Problems", (int)r->counts.problems);
}

static int home_get(struct req *r)
{
    struct decl_state st;

    hdf_set_value(r->hdf, "Page.Title", "首页");
    hdf_set_value(r->hdf, "Page.Key", "home");
    web_period(r, &st);
    /* read with the session (store_session_get_unit): no other query */
    hdf_set_int_value(r->hdf, "Counts.Insured", (int)r->counts.insured);
    hdf_set_int_value(r->hdf, "Counts.Retired", (int)r->counts.retired);
    /* 上次登录 of the account (spec §7b), read with the session */
    if (r->sess.prev_login_at) {
        struct portal_dt t;
        char when[20];
        dt_from_unix((long long)r->sess.prev_login_at, &t);
        format_datetime(when, &t);
        when[16] = '\0';
        hdf_set_value(r->hdf, "LastLogin.At", when);
        hdf_set_value(r->hdf, "LastLogin.Addr", r->sess.prev_login_addr);
    }
    todo(r, &st);
    return web_render(r, 200, "home.cs");
}

static const struct route routes[] = {
    {"GET", "/", home_get, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"home", PAGE_COUNTS, routes, NULL, 0};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
