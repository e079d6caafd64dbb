/* session — cookie sessions stored in MariaDB (processes stay stateless),
 * and CSRF tokens. All times here are the real clock (spec §3). */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include "web/internal.h"

#define SID_COOKIE   "sid"
#define PRE_COOKIE   "lcsrf"   /* CSRF token before login (double submit) */

int random_hex(char *out, size_t nbytes)
{
    unsigned char raw[64];
    size_t i, got = 0;
    if (nbytes > sizeof raw)
        return -1;
    while (got < nbytes) {
        ssize_t n = getrandom(raw + got, nbytes - got, 0);
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    for (i = 0; i < nbytes; i++)
        sprintf(out + 2 * i, "%02x", raw[i]);
    out[2 * nbytes] = '\0';
    return 0;
}

static int is_hex32(const char *s)
{
    size_t i;
    for (i = 0; i < 32; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return s[32] == '\0';
}

static const char *cookie(const struct req *r, const char *name)
{
    const struct form_field *f = form_get(&r->cookies, name);
    return f && is_hex32(f->value) ? f->value : NULL;
}

static int set_cookie(struct req *r, const char *name, const char *value, int max_age)
{
    int secure = r->cfg->session.cookie_secure;
    const char *https = FCGX_GetParam("HTTPS", r->fcgi->envp);
    char line[256];
    if (https && strcmp(https, "on") == 0)
        secure = 1;
    snprintf(line, sizeof line, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name, value,
             secure ? "; Secure" : "", max_age == 0 ? "; Max-Age=0" : "");
    return web_header(r, "Set-Cookie", line);
}

int session_load(struct req *r)
{
    const char *sid = cookie(r, SID_COOKIE);
    time_t idle = (time_t)r->cfg->session.idle_minutes * 60;
    time_t life = (time_t)r->cfg->session.absolute_hours * 3600;
    int rc;

    if (!sid)
        return 0;
    rc = store_session_get(r->db, sid, &r->sess);
    if (rc == STORE_NOTFOUND)
        return 1;
    if (rc != 0)
        return -1;
    if (r->real_now - r->sess.last_seen >= idle || r->real_now - r->sess.created >= life) {
        store_session_delete(r->db, sid);
        return 1;
    }
    if (store_unit_by_id(r->db, r->sess.unit_id, &r->unit) != 0)
        return -1;
    /* one write a minute at most: last_seen does not need second precision */
    if (r->real_now - r->sess.last_seen >= 60 &&
        store_session_touch(r->db, sid, r->real_now) != 0)
        return -1;
    r->has_session = 1;
    hdf_set_value(r->hdf, "Session.UnitNo", r->unit.unit_no);
    hdf_set_value(r->hdf, "Session.UnitName", r->unit.name);
    hdf_set_value(r->hdf, "Session.UnitType", r->unit.unit_type);
    return 0;
}

int session_prepare_csrf(struct req *r)
{
    char token[65];
    const char *pre;

    if (r->has_session)
        return hdf_set_value(r->hdf, "Csrf", r->sess.csrf) == STATUS_OK ? 0 : -1;
    pre = cookie(r, PRE_COOKIE);
    if (pre)
        return hdf_set_value(r->hdf, "Csrf", pre) == STATUS_OK ? 0 : -1;
    if (random_hex(token, 16) != 0 || set_cookie(r, PRE_COOKIE, token, -1) != 0)
        return -1;
    return hdf_set_value(r->hdf, "Csrf", token) == STATUS_OK ? 0 : -1;
}

/* constant time: the token must not leak through timing */
static int same_token(const char *a, const char *b)
{
    unsigned char diff = 0;
    size_t i, la = strlen(a), lb = strlen(b);
    if (la != lb || la == 0)
        return 0;
    for (i = 0; i < la; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

int csrf_ok(const struct req *r)
{
    const struct form_field *f = form_get(&r->form, "csrf");
    const char *expected = r->has_session ? r->sess.csrf : cookie(r, PRE_COOKIE);
    return f && expected && same_token(f->value, expected);
}

int web_session_start(struct req *r, int64_t unit_id)
{
    struct session s;
    const char *old = cookie(r, SID_COOKIE);

    memset(&s, 0, sizeof s);
    if (old)
        store_session_delete(r->db, old);   /* rotation: never reuse an id across a login */
    if (random_hex(s.id, 16) != 0 || random_hex(s.csrf, 16) != 0)
        return -1;
    s.unit_id = unit_id;
    s.created = s.last_seen = r->real_now;
    if (store_session_create(r->db, &s) != 0)
        return -1;
    if (set_cookie(r, SID_COOKIE, s.id, -1) != 0 || set_cookie(r, PRE_COOKIE, "", 0) != 0)
        return -1;
    r->sess = s;
    r->has_session = 1;
    return 0;
}

int web_session_end(struct req *r)
{
    if (r->has_session)
        store_session_delete(r->db, r->sess.id);
    r->has_session = 0;
    return set_cookie(r, SID_COOKIE, "", 0);
}
