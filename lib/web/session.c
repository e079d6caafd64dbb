/* session — cookie sessions stored in MariaDB (processes stay stateless),
 * and CSRF tokens. All times here are the real clock (spec §3).
 *
 * The session cookie is 128 random bits; the table keeps only its SHA-256, so
 * reading the table hands out no session (issue 13 item 18). Before login the
 * form token is a double-submit cookie that the server signed: the cookie and
 * the field must be equal AND carry a valid MAC under a server secret, so a
 * pair made up by an attacker ("aaaa…" in both) is refused (item 17). */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include "web/internal.h"
#include "web/sha256.h"
#include "rules/account.h"
#include "rules/calendar.h"

#define SID_COOKIE   "sid"
#define SID_HEX      32        /* the cookie value: 128 random bits */
#define PRE_COOKIE   "lcsrf"   /* the CSRF token before login */
#define PRE_HEX      64        /* 8 hex issue time, 24 hex nonce, 32 hex MAC */
#define PRE_BODY_HEX 32        /* the part the MAC covers */
#define PRE_MAX_AGE  (12 * 3600)   /* a login form older than this is refused */

int random_hex(char *out, size_t nbytes)
{
    unsigned char raw[64];
    size_t got = 0;
    if (nbytes > sizeof raw)
        return -1;
    while (got < nbytes) {
        ssize_t n = getrandom(raw + got, nbytes - got, 0);
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    hex_encode(raw, nbytes, out);
    return 0;
}

static int is_hex(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return s[n] == '\0';
}

/* A cookie of exactly `hex` lower-case hex characters, else NULL. */
static const char *cookie(const struct req *r, const char *name, size_t hex)
{
    const struct form_field *f = form_get(&r->cookies, name);
    return f && is_hex(f->value, hex) ? f->value : NULL;
}

/* constant time: a token must not leak through timing */
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

/* The secret that signs pre-login tokens: made by the first program that
 * needs it, read once per process (it never changes). 0, or -1 on a
 * database error. */
static int login_secret(const struct req *r, char key[65])
{
    static char secret[65];
    char candidate[65];

    if (!secret[0] && (random_hex(candidate, 32) != 0 ||
                       store_secret(r->db, "login-csrf", candidate, r->real_now, secret) != 0 ||
                       !is_hex(secret, 64))) {
        secret[0] = '\0';
        return -1;
    }
    memcpy(key, secret, sizeof secret);
    return 0;
}

/* The MAC of a token's first PRE_BODY_HEX characters, as 32 hex. */
static int login_token_mac(const struct req *r, const char *body, char mac[33])
{
    char key[65], full[65];
    unsigned char d[SHA256_LEN];

    if (login_secret(r, key) != 0)
        return -1;
    hmac_sha256(key, 64, body, PRE_BODY_HEX, d);
    hex_encode(d, SHA256_LEN, full);
    memcpy(mac, full, 32);
    mac[32] = '\0';
    return 0;
}

/* A new pre-login token (PRE_HEX hex + NUL). */
static int login_token_make(const struct req *r, char out[PRE_HEX + 1])
{
    char nonce[25];

    if (random_hex(nonce, 12) != 0)
        return -1;
    snprintf(out, PRE_HEX + 1, "%08llx%s", (unsigned long long)r->real_now & 0xffffffffULL, nonce);
    return login_token_mac(r, out, out + PRE_BODY_HEX);
}

/* 1 when tok (PRE_HEX hex) carries our MAC and is at most PRE_MAX_AGE old,
 * 0 when not, -1 on a database error. */
static int login_token_valid(const struct req *r, const char *tok)
{
    char mac[33];
    unsigned long long issued = 0;
    long long age;

    if (login_token_mac(r, tok, mac) != 0)
        return -1;
    if (!same_token(mac, tok + PRE_BODY_HEX))
        return 0;
    sscanf(tok, "%8llx", &issued);
    age = (long long)r->real_now - (long long)issued;
    return age >= -60 && age <= PRE_MAX_AGE;
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

/* Session.EndsAt ("HH:MM", Beijing time) and Session.EndsIn (seconds): the footer says
 * when the session ends, static/js/session.js warns SESSION_WARN_SECONDS before and lets
 * the clerk extend it (WCAG 2.2.1, issue 17). */
static void set_session_end(struct req *r, time_t idle, time_t life)
{
    long long ends = session_ends_at((long long)r->sess.last_seen, (long long)r->sess.created,
                                     (long long)idle, (long long)life);
    struct portal_dt dt;
    char hm[24];

    dt_from_unix(ends, &dt);
    snprintf(hm, sizeof hm, "%02d:%02d", dt.hh, dt.mm);
    hdf_set_value(r->hdf, "Session.EndsAt", hm);
    hdf_set_int_value(r->hdf, "Session.EndsIn", (int)(ends - (long long)r->real_now));
    hdf_set_int_value(r->hdf, "Session.IdleMinutes", (int)(idle / 60));
    hdf_set_int_value(r->hdf, "Session.WarnSeconds", SESSION_WARN_SECONDS);
}

int session_load(struct req *r)
{
    const char *sid = cookie(r, SID_COOKIE, SID_HEX);
    char key[65];
    time_t idle = (time_t)r->cfg->session.idle_minutes * 60;
    time_t life = (time_t)r->cfg->session.absolute_hours * 3600;
    unsigned with = 0;
    int rc;

    if (!sid)
        return 0;
    sha256_hex(sid, key);
    /* what the page asks for comes in the same statement (PAGE_COUNTS, PAGE_CONTACT) */
    if (r->page && (r->page->flags & PAGE_COUNTS))
        with |= SESSION_WITH_COUNTS;
    if (r->page && (r->page->flags & PAGE_CONTACT))
        with |= SESSION_WITH_CONTACT;
    rc = store_session_get_unit(r->db, key, with, &r->sess, &r->unit, &r->counts, &r->contact,
                                &r->contact_version);
    if (rc == STORE_NOTFOUND)
        return 1;
    if (rc != 0)
        return -1;
    if (r->real_now - r->sess.last_seen >= idle || r->real_now - r->sess.created >= life) {
        store_session_delete(r->db, key);
        return 1;
    }
    /* one write a minute at most: last_seen does not need second precision */
    if (r->real_now - r->sess.last_seen >= 60) {
        if (store_session_touch(r->db, key, r->real_now) != 0)
            return -1;
        r->sess.last_seen = r->real_now;
    }
    r->has_session = 1;
    set_session_end(r, idle, life);
    hdf_set_value(r->hdf, "Session.UnitNo", r->unit.unit_no);
    hdf_set_value(r->hdf, "Session.UnitName", r->unit.name);
    hdf_set_value(r->hdf, "Session.UnitType", r->unit.unit_type);
    hdf_set_value(r->hdf, "Session.Role", r->sess.role);
    hdf_set_value(r->hdf, "Session.AccountName", r->sess.account_name);
    hdf_set_value(r->hdf, "Session.Login", r->sess.login);
    if (strcmp(r->sess.role, ROLE_ADMIN) == 0)
        hdf_set_value(r->hdf, "Session.IsAdmin", "1");
    if (strcmp(r->sess.role, ROLE_VIEWER) != 0)
        hdf_set_value(r->hdf, "Session.MayAct", "1");
    store_set_actor(r->db, r->sess.account_id, r->sess.account_name);
    return 0;
}

int session_prepare_csrf(struct req *r)
{
    char token[PRE_HEX + 1];
    const char *pre;
    int rc;

    if (r->has_session)
        return hdf_set_value(r->hdf, "Csrf", r->sess.csrf) == STATUS_OK ? 0 : -1;
    pre = cookie(r, PRE_COOKIE, PRE_HEX);
    rc = pre ? login_token_valid(r, pre) : 0;
    if (rc < 0)
        return -1;
    if (rc == 1)
        return hdf_set_value(r->hdf, "Csrf", pre) == STATUS_OK ? 0 : -1;
    if (login_token_make(r, token) != 0 || set_cookie(r, PRE_COOKIE, token, -1) != 0)
        return -1;
    return hdf_set_value(r->hdf, "Csrf", token) == STATUS_OK ? 0 : -1;
}

int csrf_ok(const struct req *r)
{
    const struct form_field *f = form_get(&r->form, "csrf");
    const char *pre;

    if (!f)
        return 0;
    if (r->has_session)
        return same_token(f->value, r->sess.csrf);
    pre = cookie(r, PRE_COOKIE, PRE_HEX);
    return pre && same_token(f->value, pre) && login_token_valid(r, pre) == 1;
}

int web_session_start(struct req *r, const struct account *a)
{
    struct session s;
    const char *old = cookie(r, SID_COOKIE, SID_HEX);
    char sid[SID_HEX + 1];

    memset(&s, 0, sizeof s);
    if (old) {
        sha256_hex(old, s.id);
        store_session_delete(r->db, s.id);   /* rotation: never reuse an id across a login */
    }
    if (random_hex(sid, SID_HEX / 2) != 0 || random_hex(s.csrf, 16) != 0)
        return -1;
    sha256_hex(sid, s.id);
    s.unit_id = a->unit_id;
    s.account_id = a->id;
    snprintf(s.role, sizeof s.role, "%s", a->role);
    snprintf(s.account_name, sizeof s.account_name, "%s", a->name);
    snprintf(s.login, sizeof s.login, "%s", a->login);
    s.must_change = a->must_change;
    s.created = s.last_seen = r->real_now;
    if (store_session_create(r->db, &s) != 0)
        return -1;
    if (set_cookie(r, SID_COOKIE, sid, -1) != 0 || set_cookie(r, PRE_COOKIE, "", 0) != 0)
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
