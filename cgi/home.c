/*
 * / — home: the current declaration period and whether the window is open or
 * the settlement period runs, with dates; the unit's counts; the menu.
 *   GET 200
 */
#include <stdio.h>
#include "web/web.h"

static void set_dt(HDF *hdf, const char *name, const struct portal_dt *t)
{
    char s[64];
    snprintf(s, sizeof s, "%04d-%02d-%02d %02d:%02d", t->y, t->m, t->d, t->hh, t->mm);
    hdf_set_value(hdf, name, s);
}

static int home_get(struct req *r)
{
    struct decl_state st;
    char month[16], label[32];
    long insured = 0, retired = 0;

    decl_state_at(&r->policy, &r->now, &st);
    if (store_unit_counts(r->db, r->unit.id, &insured, &retired) != 0)
        return -1;

    hdf_set_value(r->hdf, "Page.Title", "首页");
    hdf_set_value(r->hdf, "Page.Key", "home");
    format_month(month, st.month);
    format_month_cn(label, sizeof label, st.month);
    hdf_set_value(r->hdf, "Period.Month", month);
    hdf_set_value(r->hdf, "Period.Label", label);
    hdf_set_int_value(r->hdf, "Window.Open", st.window_open);
    hdf_set_int_value(r->hdf, "Settle.Active", st.settling);
    if (st.window_open) {
        set_dt(r->hdf, "Window.OpensAt", &st.opens_at);
        set_dt(r->hdf, "Window.ClosesAt", &st.closes_at);
    } else {
        /* the next window opens on open_day of this calendar month */
        struct portal_dt next = {r->now.y, r->now.m, r->policy.open_day, 0, 0, 0};
        char until[48];
        set_dt(r->hdf, "Window.OpensAt", &next);
        set_dt(r->hdf, "Window.ClosesAt", &st.closes_at);
        format_month(month, st.settle_month);
        hdf_set_value(r->hdf, "Settle.Month", month);
        snprintf(until, sizeof until, "%04d-%02d-%02d", r->now.y, r->now.m,
                 r->policy.open_day - 1);
        hdf_set_value(r->hdf, "Settle.Until", until);
    }
    hdf_set_int_value(r->hdf, "Counts.Insured", (int)insured);
    hdf_set_int_value(r->hdf, "Counts.Retired", (int)retired);
    return web_render(r, 200, "home.cs");
}

static const struct route routes[] = {
    {"GET", "/", home_get, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"home", 0, routes, NULL};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
