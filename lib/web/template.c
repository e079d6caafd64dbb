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
 * again and fails the same way (a 500 with the traceback). */
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
        err = cgi_register_strfuncs(cs);
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

NEOERR *tpl_render(const char *dir, const char *tpl, HDF *hdf, void *ctx, CSOUTFUNC cb)
{
    CSPARSE *cs;
    int owned;
    NEOERR *err = parsed(dir, tpl, &cs, &owned);

    if (err != STATUS_OK)
        return nerr_pass(err);
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
    hdf_destroy(&parse_hdf);
}
