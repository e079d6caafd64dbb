/*
 * / — home: the current declaration period and whether the window is open or
 * the settlement period runs, with dates; the unit's counts; the menu.
 *   GET 200
 */
#include "web/web.h"

static int home_get(struct req *r)
{
    struct decl_state st;
    long insured = 0, retired = 0;

    if (store_unit_counts(r->db, r->unit.id, &insured, &retired) != 0)
        return -1;
    hdf_set_value(r->hdf, "Page.Title", "首页");
    hdf_set_value(r->hdf, "Page.Key", "home");
    web_period(r, &st);
    hdf_set_int_value(r->hdf, "Counts.Insured", (int)insured);
    hdf_set_int_value(r->hdf, "Counts.Retired", (int)retired);
    return web_render(r, 200, "home.cs");
}

static const struct route routes[] = {
    {"GET", "/", home_get, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"home", 0, routes, NULL, 0};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
