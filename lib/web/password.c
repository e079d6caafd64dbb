/* password — yescrypt hashes of account passwords (spec §10), for /login,
 * /password and /accounts. */
#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include "web/web.h"

int web_password_matches(const char *password, const char *hash)
{
    static char dummy[CRYPT_OUTPUT_SIZE];
    struct crypt_data *cd = calloc(1, sizeof *cd);
    const char *out;
    int ok = 0;

    if (!cd)
        return 0;
    if (!hash) {
        if (!dummy[0]) {
            char *salt = crypt_gensalt_ra("$y$", 0, NULL, 0);
            const char *h = salt ? crypt_r("dummy-password", salt, cd) : NULL;
            if (h && h[0] == '$')
                snprintf(dummy, sizeof dummy, "%s", h);
            free(salt);
        }
        hash = dummy[0] ? dummy : "$y$j9T$invalid$";
    }
    out = crypt_r(password ? password : "", hash, cd);
    ok = out && out[0] == '$' && strlen(out) == strlen(hash) &&
         strcmp(out, hash) == 0 && hash != dummy;
    free(cd);
    return ok;
}

int web_password_hash(const char *password, char *out, size_t n)
{
    char *salt = crypt_gensalt_ra("$y$", 0, NULL, 0);
    struct crypt_data *cd = calloc(1, sizeof *cd);
    const char *h = salt && cd ? crypt_r(password, salt, cd) : NULL;
    int rc = -1;

    if (h && h[0] == '$' && strlen(h) < n) {
        snprintf(out, n, "%s", h);
        rc = 0;
    }
    free(cd);
    free(salt);
    return rc;
}

int web_initial_password(const char *unit_no, const char *login, char out[13])
{
    unsigned char rnd[12];

    for (int tries = 0; tries < 100; tries++) {
        if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
            return -1;
        account_initial_password(rnd, out);
        if (password_rule(out, unit_no, login) == MSG_OK)
            return 0;
    }
    return -1;
}
