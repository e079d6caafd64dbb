/* template — parsed templates cached per worker (issue 15 item 1).
 *
 * Parsing a page's templates (the page and layout.cs) cost about 41 of the
 * 46 µs of parse + render, on every request. A worker now parses each
 * template once, on first use, and renders every later request from that
 * tree against the request's own HDF: ClearSilver reads the HDF only while
 * rendering (the templates have no `evar:` and no `include:` of a variable,
 * the two things evaluated at parse time), and the escaping mode is fixed at
 * parse time from Config.VarEscapeMode = html. A changed template file is
 * therefore picked up when the program restarts (its workers are new), not
 * before. A template that fails to parse is not kept: the next request tries
 * again and fails the same way (a 500 with the traceback).
 *
 * The menu (layout.cs menu()) reads three values of the HDF only: Page.Key,
 * Session.MayAct and Session.IsAdmin. A worker renders it once for each
 * combination it meets (a program has one or a few page keys, an account one
 * of three roles) and keeps the text; page_start() then prints the kept text
 * through menu_html(Page.Menu), a string function registered as an escaper
 * (cs_register_esc_strfunc: its result is not HTML-escaped again — it is
 * the menu's own render, every var: in it escaped then). Page.Menu is the
 * slot's number + 1, set here before each render of a page with a session;
 * without it (error pages, a full cache) page_start() calls menu() as before.
 * The page is byte for byte what the macro renders in place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/internal.h"

#define TPL_MAX 64              /* a page program renders its pages and error.cs: a few */

struct tpl_slot {
    char *name;
    CSPARSE *cs;
};

static struct tpl_slot cache[TPL_MAX];
static HDF *parse_hdf;          /* what parsing reads: escaping and the load path */

#define MENU_MAX 32             /* page keys of a program x 3 roles: a few */
#define MENU_KEY 96

struct menu_slot {
    char key[MENU_KEY];         /* Page.Key, Session.MayAct, Session.IsAdmin */
    char *html;
};

static struct menu_slot menus[MENU_MAX];
static int n_menus;
static CSPARSE *menu_cs;        /* layout.cs's menu() alone */
static STRING menu_prefix;      /* what including layout.cs prints (its newlines) */

/* menu_html(N): the kept menu of slot N - 1 (an escaper: printed as is) */
static NEOERR *menu_html(const char *in, char **out)
{
    int i = atoi(in) - 1;

    if (i < 0 || i >= n_menus)
        return nerr_raise(NERR_ASSERT, "menu_html: no kept menu %s", in);
    *out = strdup(menus[i].html);
    return *out ? STATUS_OK : nerr_raise(NERR_NOMEM, "menu_html");
}

NEOERR *tpl_register(CSPARSE *cs)
{
    NEOERR *err = cgi_register_strfuncs(cs);

    if (err == STATUS_OK)
        err = cs_register_esc_strfunc(cs, "menu_html", menu_html);
    return nerr_pass(err);
}

static NEOERR *parse_data(const char *dir)
{
    NEOERR *err;

    if (parse_hdf)
        return STATUS_OK;
    err = hdf_init(&parse_hdf);
    if (err == STATUS_OK)
        err = hdf_set_value(parse_hdf, "Config.VarEscapeMode", "html");
    if (err == STATUS_OK)
        err = hdf_set_value(parse_hdf, "hdf.loadpaths.0", dir);
    if (err != STATUS_OK)
        hdf_destroy(&parse_hdf);
    return nerr_pass(err);
}

/* The parsed tree of tpl: the cache's (lent, *owned = 0), or when the
 * cache is full a fresh one for this render only (*owned = 1). */
static NEOERR *parsed(const char *dir, const char *tpl, CSPARSE **out, int *owned)
{
    CSPARSE *cs = NULL;
    NEOERR *err;
    int i;

    *out = NULL;
    *owned = 0;
    for (i = 0; i < TPL_MAX && cache[i].name; i++)
        if (strcmp(cache[i].name, tpl) == 0) {
            *out = cache[i].cs;
            return STATUS_OK;
        }
    err = parse_data(dir);
    if (err == STATUS_OK)
        err = cs_init(&cs, parse_hdf);
    if (err == STATUS_OK)
        err = tpl_register(cs);
    if (err == STATUS_OK)
        err = cs_parse_file(cs, tpl);
    if (err != STATUS_OK) {
        cs_destroy(&cs);
        return nerr_pass(err);
    }
    if (i < TPL_MAX && (cache[i].name = strdup(tpl)) != NULL)
        cache[i].cs = cs;
    else
        *owned = 1;
    *out = cs;
    return STATUS_OK;
}

static NEOERR *collect_str(void *ctx, char *s)
{
    return nerr_pass(string_append(ctx, s));
}

/* A parser of src (layout.cs included) into *out. */
static NEOERR *menu_parse(const char *dir, const char *src, CSPARSE **out)
{
    char *copy = strdup(src);
    NEOERR *err = copy ? parse_data(dir) : nerr_raise(NERR_NOMEM, "menu");

    *out = NULL;
    if (err == STATUS_OK)
        err = cs_init(out, parse_hdf);
    if (err == STATUS_OK)
        err = tpl_register(*out);
    if (err == STATUS_OK) {
        err = cs_parse_string(*out, copy, strlen(copy));   /* owns copy */
        copy = NULL;
    }
    free(copy);
    if (err != STATUS_OK)
        cs_destroy(out);
    return nerr_pass(err);
}

/* Page.Menu for this request: the slot of its (Page.Key, MayAct, IsAdmin),
 * the menu rendered into a new slot when the worker has not met it yet.
 * Including layout.cs prints its few newlines before the menu (the same
 * whatever the HDF: layout.cs defines macros only): they are cut off. */
static NEOERR *menu_prepare(const char *dir, HDF *hdf)
{
    char key[MENU_KEY];
    STRING text;
    NEOERR *err;
    int i, n;

    n = snprintf(key, sizeof key, "%s|%s|%s", hdf_get_value(hdf, "Page.Key", ""),
                 hdf_get_value(hdf, "Session.MayAct", ""), hdf_get_value(hdf, "Session.IsAdmin", ""));
    if (n < 0 || (size_t)n >= sizeof key)
        return STATUS_OK;               /* no slot: menu() in place */
    for (i = 0; i < n_menus; i++)
        if (strcmp(menus[i].key, key) == 0)
            return nerr_pass(hdf_set_int_value(hdf, "Page.Menu", i + 1));
    if (n_menus == MENU_MAX)
        return STATUS_OK;
    if (!menu_cs) {
        CSPARSE *layout = NULL;
        string_init(&menu_prefix);
        err = menu_parse(dir, "<?cs include:\"layout.cs\" ?>", &layout);
        if (err == STATUS_OK)
            err = cs_render(layout, &menu_prefix, collect_str);
        cs_destroy(&layout);
        if (err == STATUS_OK)
            err = menu_parse(dir, "<?cs include:\"layout.cs\" ?><?cs call:menu() ?>", &menu_cs);
        if (err != STATUS_OK) {
            string_clear(&menu_prefix);
            return nerr_pass(err);
        }
    }
    string_init(&text);
    menu_cs->hdf = hdf;
    err = cs_render(menu_cs, &text, collect_str);
    menu_cs->hdf = parse_hdf;
    if (err == STATUS_OK && (text.len < menu_prefix.len || (menu_prefix.len > 0
            && memcmp(text.buf, menu_prefix.buf, (size_t)menu_prefix.len) != 0)))
        err = nerr_raise(NERR_ASSERT, "menu: layout.cs printed something else before menu()");
    if (err == STATUS_OK
        && (menus[n_menus].html = strdup(text.buf ? text.buf + menu_prefix.len : "")) == NULL)
        err = nerr_raise(NERR_NOMEM, "menu");
    string_clear(&text);
    if (err != STATUS_OK)
        return nerr_pass(err);
    snprintf(menus[n_menus].key, sizeof menus[n_menus].key, "%s", key);
    n_menus++;
    return nerr_pass(hdf_set_int_value(hdf, "Page.Menu", n_menus));
}

NEOERR *tpl_render(const char *dir, const char *tpl, HDF *hdf, void *ctx, CSOUTFUNC cb)
{
    CSPARSE *cs;
    int owned;
    NEOERR *err = parsed(dir, tpl, &cs, &owned);

    if (err != STATUS_OK)
        return nerr_pass(err);
    if (hdf_get_value(hdf, "Session.UnitNo", NULL) && (err = menu_prepare(dir, hdf)) != STATUS_OK) {
        if (owned)
            cs_destroy(&cs);
        return nerr_pass(err);
    }
    cs->hdf = hdf;
    err = cs_render(cs, ctx, cb);
    cs->hdf = parse_hdf;
    if (owned)
        cs_destroy(&cs);
    return nerr_pass(err);
}

void tpl_cache_free(void)
{
    for (int i = 0; i < TPL_MAX && cache[i].name; i++) {
        cs_destroy(&cache[i].cs);
        free(cache[i].name);
        cache[i].name = NULL;
    }
    for (int i = 0; i < n_menus; i++) {
        free(menus[i].html);
        menus[i].html = NULL;
    }
    n_menus = 0;
    cs_destroy(&menu_cs);
    string_clear(&menu_prefix);
    hdf_destroy(&parse_hdf);
}
