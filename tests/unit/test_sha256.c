/* Unit tests for lib/web/sha256.c: the FIPS 180-4 examples and RFC 4231's
 * HMAC-SHA-256 test cases. */
#include "unit.h"
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/sha256.h"

static void hex_of(const unsigned char *d, char out[65])
{
    hex_encode(d, SHA256_LEN, out);
}

static const struct { const char *msg; const char *want; } digest_cases[] = {
    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
};

START_TEST(sha256_matches_the_fips_examples)
{
    unsigned char d[SHA256_LEN];
    char hex[65];
    sha256(digest_cases[_i].msg, strlen(digest_cases[_i].msg), d);
    hex_of(d, hex);
    ck_assert_str_eq(hex, digest_cases[_i].want);
    sha256_hex(digest_cases[_i].msg, hex);
    ck_assert_str_eq(hex, digest_cases[_i].want);
}
END_TEST

START_TEST(sha256_of_a_million_a_fed_in_odd_pieces)
{
    struct sha256 c;
    unsigned char d[SHA256_LEN];
    char a[997], hex[65];
    size_t left = 1000000;
    memset(a, 'a', sizeof a);
    sha256_init(&c);
    while (left > 0) {
        size_t n = left < sizeof a ? left : sizeof a;
        sha256_update(&c, a, n);
        left -= n;
    }
    sha256_final(&c, d);
    hex_of(d, hex);
    ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

/* RFC 4231 test cases 1, 2, 3, 4, 6, 7 (5 truncates the output); a NULL key is
 * the 131 bytes 0xaa of cases 6 and 7, longer than a block. */
static const struct { const char *key_hex, *msg_hex, *want; } hmac_cases[] = {
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
    {"4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
    {"0102030405060708090a0b0c0d0e0f10111213141516171819",
     "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
    {NULL,
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
    {NULL,
     "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
};

static size_t unhex(const char *h, unsigned char *out)
{
    size_t n = strlen(h) / 2;
    for (size_t i = 0; i < n; i++) {
        unsigned v = 0;
        sscanf(h + 2 * i, "%2x", &v);
        out[i] = (unsigned char)v;
    }
    return n;
}

START_TEST(hmac_sha256_matches_rfc4231)
{
    unsigned char key[256], msg[256], d[SHA256_LEN];
    char hex[65];
    size_t kl = 131, ml = unhex(hmac_cases[_i].msg_hex, msg);
    if (hmac_cases[_i].key_hex)
        kl = unhex(hmac_cases[_i].key_hex, key);
    else
        memset(key, 0xaa, kl);
    hmac_sha256(key, kl, msg, ml, d);
    hex_of(d, hex);
    ck_assert_str_eq(hex, hmac_cases[_i].want);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sha256");
    TCase *tc = tcase_create("sha256");

    tcase_add_loop_test(tc, sha256_matches_the_fips_examples, 0,
                        (int)(sizeof digest_cases / sizeof digest_cases[0]));
    tcase_add_test(tc, sha256_of_a_million_a_fed_in_odd_pieces);
    tcase_add_loop_test(tc, hmac_sha256_matches_rfc4231, 0,
                        (int)(sizeof hmac_cases / sizeof hmac_cases[0]));
    suite_add_tcase(s, tc);
    return run_suite(s);
}
