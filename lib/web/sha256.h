/*
 * sha256 — SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), for the session
 * store (ids are kept as hashes) and the pre-login CSRF token (a MAC under a
 * server secret). Pure functions, no allocation.
 */
#ifndef PORTAL_SHA256_H
#define PORTAL_SHA256_H
#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

struct sha256 {
    uint32_t h[8];
    uint64_t bytes;          /* message length so far */
    unsigned char blk[64];
    size_t fill;             /* bytes waiting in blk */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[SHA256_LEN]);

/* One-shot digest. */
void sha256(const void *data, size_t len, unsigned char out[SHA256_LEN]);
/* HMAC-SHA-256 of msg under key (any key length). */
void hmac_sha256(const void *key, size_t klen, const void *msg, size_t mlen,
                 unsigned char out[SHA256_LEN]);
/* Lower-case hex of n bytes into out (2n + 1 bytes). */
void hex_encode(const unsigned char *in, size_t n, char *out);
/* The SHA-256 of a NUL-terminated string as 64 hex characters + NUL. */
void sha256_hex(const char *s, char out[2 * SHA256_LEN + 1]);

#endif
