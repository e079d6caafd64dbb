/* gzip — see base/gzip.h. */
#include <stdlib.h>
#include <string.h>
#include "base/gzip.h"

#define GZIP_WINDOW (15 + 16)   /* zlib: a 32 KB window with the gzip wrapper */
#define STEP 65536

int gzip_begin(struct gzip *g)
{
    memset(g, 0, sizeof *g);
    if (deflateInit2(&g->z, Z_BEST_SPEED, Z_DEFLATED, GZIP_WINDOW, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    g->open = 1;
    return 0;
}

/* Runs fn (deflate or inflate) over z's input onto out until it wants no
 * more room; the last return code of fn. */
static int pump(z_stream *z, int (*fn)(z_streamp, int), int flush, struct buf *out)
{
    int rc;

    do {
        char room[STEP];
        z->next_out = (Bytef *)room;
        z->avail_out = sizeof room;
        rc = fn(z, flush);
        if (rc == Z_STREAM_ERROR || rc == Z_DATA_ERROR || rc == Z_MEM_ERROR || rc == Z_NEED_DICT)
            return rc;
        if (buf_append(out, room, sizeof room - z->avail_out) != 0)
            return Z_MEM_ERROR;
    } while (z->avail_out == 0 && rc != Z_STREAM_END);
    return rc;
}

int gzip_put(struct gzip *g, const void *in, size_t n, int finish, struct buf *out)
{
    int rc;

    if (!g->open)
        return -1;
    g->z.next_in = (Bytef *)in;
    g->z.avail_in = (uInt)n;
    rc = pump(&g->z, deflate, finish ? Z_FINISH : Z_NO_FLUSH, out);
    if (finish)
        return rc == Z_STREAM_END ? 0 : -1;
    return rc == Z_OK || rc == Z_BUF_ERROR ? 0 : -1;
}

void gzip_end(struct gzip *g)
{
    if (g->open)
        deflateEnd(&g->z);
    g->open = 0;
}

int gunzip(const void *in, size_t n, struct buf *out)
{
    z_stream z;
    int rc;

    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, GZIP_WINDOW) != Z_OK)
        return -1;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    do
        rc = pump(&z, inflate, Z_NO_FLUSH, out);
    while (rc == Z_OK && z.avail_in > 0);
    inflateEnd(&z);
    return rc == Z_STREAM_END ? 0 : -1;
}

int gunzip_stream_begin(struct gunzip_stream *g, size_t chunk)
{
    memset(g, 0, sizeof *g);
    g->chunk = chunk ? chunk : GUNZIP_CHUNK;
    if (!(g->room = malloc(g->chunk)))
        return -1;
    if (inflateInit2(&g->z, GZIP_WINDOW) != Z_OK) {
        free(g->room);
        g->room = NULL;
        return -1;
    }
    g->open = 1;
    return 0;
}

int gunzip_stream_feed(struct gunzip_stream *g, const void *in, size_t n,
                       int (*fn)(const char *data, size_t len, void *arg), void *arg)
{
    int rc, frc;

    if (!g->open)
        return -1;
    if (n && g->ended)
        return -1;           /* bytes after the stream's end */
    g->z.next_in = (Bytef *)in;
    g->z.avail_in = (uInt)n;
    /* until the input is taken and inflate left room (it holds nothing back) */
    while (!g->ended && (g->z.avail_in > 0 || g->z.avail_out == 0)) {
        g->z.next_out = g->room;
        g->z.avail_out = (uInt)g->chunk;
        rc = inflate(&g->z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
            return -1;
        if (g->z.avail_out < g->chunk &&
            (frc = fn((const char *)g->room, g->chunk - g->z.avail_out, arg)) != 0)
            return frc;
        if (rc == Z_STREAM_END)
            g->ended = 1;
        else if (rc == Z_BUF_ERROR)
            break;           /* no progress possible: wants more input */
    }
    return g->z.avail_in > 0 ? -1 : 0;   /* bytes after the stream's end */
}

int gunzip_stream_finish(const struct gunzip_stream *g)
{
    return g->open && g->ended ? 0 : -1;
}

void gunzip_stream_end(struct gunzip_stream *g)
{
    if (g->open)
        inflateEnd(&g->z);
    free(g->room);
    memset(g, 0, sizeof *g);
}
