/*
 * gzip — one gzip stream (RFC 1952) written piece by piece, and read back whole
 * (zlib). An export's file is stored compressed (about a sixth of the CSV) and
 * served as it is to clients that accept gzip.
 *
 * A zeroed struct gzip is closed. Functions return 0, or -1 (memory, or a
 * stream that is not gzip); the out buffer then holds what was written before.
 */
#ifndef PORTAL_GZIP_H
#define PORTAL_GZIP_H
#include <stddef.h>
#include <zlib.h>
#include "base/buf.h"

struct gzip {
    z_stream z;
    int open;
};

/* Starts a stream at the fastest level (the writer must keep up with the database). */
int gzip_begin(struct gzip *g);
/* Compresses in[0..n) onto out; `finish` ends the stream (the gzip trailer). */
int gzip_put(struct gzip *g, const void *in, size_t n, int finish, struct buf *out);
/* Releases the stream (finished or not); safe on a closed one. */
void gzip_end(struct gzip *g);
/* Decompresses a whole gzip stream in[0..n) onto out. */
int gunzip(const void *in, size_t n, struct buf *out);

/* A gzip stream read piece by piece into a fixed room of `chunk` bytes: each
 * piece of input is inflated and handed to fn a room at a time, so the memory
 * used stays the same whatever the stream's size (an export's result served
 * as .xlsx). gunzip_stream_feed returns 0, -1 when the data is not gzip (or
 * follows the stream's end), or fn's non-zero return (it stops there);
 * gunzip_stream_finish 0 when the stream ended complete, else -1. */
struct gunzip_stream {
    z_stream z;
    unsigned char *room;
    size_t chunk;
    int open, ended;
};
#define GUNZIP_CHUNK 65536
int gunzip_stream_begin(struct gunzip_stream *g, size_t chunk);
int gunzip_stream_feed(struct gunzip_stream *g, const void *in, size_t n,
                       int (*fn)(const char *data, size_t len, void *arg), void *arg);
int gunzip_stream_finish(const struct gunzip_stream *g);
void gunzip_stream_end(struct gunzip_stream *g);   /* safe on a zeroed one */

#endif
