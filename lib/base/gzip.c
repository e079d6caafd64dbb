/* gzip — see base/gzip.h. */
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
