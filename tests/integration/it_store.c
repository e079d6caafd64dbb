/*
 * Tests of lib/store against a real MariaDB: the test stack's throwaway,
 * migrated database, named by PORTAL_CONF (tests/run-all sets it). Without
 * it the suite fails: a store test that did not run must not look green. Every test uses unit numbers and IDs of
 * its own (derived from its pid), so runs do not collide.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>

#include "rules/rules.h"
#include "store/store.h"
#include "store/check.h"
#include "base/conf.h"
#include "base/log.h"

static struct portal_conf conf;

static struct store *open_store(void)
{
    struct store *s = NULL;
    ck_assert_int_eq(store_open(&s, &conf.db), 0);
    return s;
}

static void unit_no_for(char *buf, size_t n, const char *tag)
{
    snprintf(buf, n, "T%s%ld", tag, (long)getpid());
}

static int64_t make_unit(struct store *s, const char *tag, const char *type)
{
    struct unit u;
    struct portal_dt now = { 2026, 11, 20, 9, 0, 0 };
    int64_t id = 0;

    memset(&u, 0, sizeof u);
    unit_no_for(u.unit_no, sizeof u.unit_no, tag);
    snprintf(u.name, sizeof u.name, "测试单位<%s>", tag);
    snprintf(u.unit_type, sizeof u.unit_type, "%s", type);
    snprintf(u.credit_code, sizeof u.credit_code, "91320500TEST");
    ck_assert_int_eq(store_unit_add(s, &u, &now, &id), 0);
    ck_assert_int_gt(id, 0);
    return id;
}

/* A valid ID unique to this process and n. */
static void make_id(char out[19], int n)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "320508198%01d%02d%02d%03d", (int)(getpid() % 10), 1 + n % 12,
             1 + n % 28, (int)((getpid() / 10) % 1000));
    memcpy(out, tmp, 17);
    out[17] = id_check_char(out);
    out[18] = '\0';
}

START_TEST(unit_add_lookup_and_duplicate)
{
    struct store *s = open_store();
    struct unit u, byno;
    struct unit_contact c, got;
    struct portal_dt created, now = { 2026, 11, 20, 9, 0, 0 };
    int64_t id = make_unit(s, "u", "企业"), id2;

    ck_assert_int_eq(store_unit_by_id(s, id, &u), 0);
    ck_assert_str_eq(u.unit_type, "企业");
    ck_assert_int_eq(store_unit_by_no(s, u.unit_no, &byno), 0);
    ck_assert_int_eq(byno.id, id);
    ck_assert_str_eq(byno.name, u.name);
    ck_assert_int_eq(store_unit_add(s, &u, &now, &id2), STORE_DUP);
    ck_assert_int_eq(store_unit_by_no(s, "no-such-unit", &byno), STORE_NOTFOUND);
    ck_assert_int_eq(store_unit_by_id(s, -5, &byno), STORE_NOTFOUND);
    ck_assert_int_eq(store_unit_created_at(s, id, &created), 0);
    ck_assert_int_eq(created.y, 2026);
    ck_assert_int_eq(created.hh, 9);

    memset(&c, 0, sizeof c);
    strcpy(c.contact_name, "王'经办\"人");
    strcpy(c.bank_account_no, "6222000011112222");
    ck_assert_int_eq(store_unit_contact_set(s, id, &c), 0);
    ck_assert_int_eq(store_unit_contact_set(s, id, &c), 0);      /* unchanged is fine */
    ck_assert_int_eq(store_unit_contact_set(s, -5, &c), STORE_NOTFOUND);
    ck_assert_int_eq(store_unit_contact_get(s, id, &got), 0);
    ck_assert_str_eq(got.contact_name, c.contact_name);
    ck_assert_str_eq(got.bank_account_no, c.bank_account_no);
    store_close(&s);
    ck_assert_ptr_null(s);
}
END_TEST

START_TEST(account_password_set_and_replace)
{
    struct store *s = open_store();
    int64_t id = make_unit(s, "a", "机关");
    struct unit u;
    struct account a;

    ck_assert_int_eq(store_unit_by_id(s, id, &u), 0);
    ck_assert_int_eq(store_account_by_unit_no(s, u.unit_no, &a), STORE_NOTFOUND);
    ck_assert_int_eq(store_account_set_password(s, id, "$y$first"), 0);
    ck_assert_int_eq(store_account_by_unit_no(s, u.unit_no, &a), 0);
    ck_assert_str_eq(a.pwhash, "$y$first");
    ck_assert_int_eq(a.unit_id, id);
    ck_assert_int_eq(store_account_set_password(s, id, "$y$second"), 0);
    ck_assert_int_eq(store_account_by_unit_no(s, u.unit_no, &a), 0);
    ck_assert_str_eq(a.pwhash, "$y$second");
    store_close(&s);
}
END_TEST

START_TEST(session_lifecycle)
{
    struct store *s = open_store();
    int64_t id = make_unit(s, "s", "企业");
    struct session x, got;

    memset(&x, 0, sizeof x);
    snprintf(x.id, sizeof x.id, "%032ld", (long)getpid());
    snprintf(x.csrf, sizeof x.csrf, "c%031ld", (long)getpid());
    x.unit_id = id;
    ck_assert_int_eq(store_account_set_password(s, id, "$y$session"), 0);
    {
        /* a session belongs to an account: the unit's 管理员 */
        struct unit u;
        struct account a;
        ck_assert_int_eq(store_unit_by_id(s, id, &u), 0);
        ck_assert_int_eq(store_account_by_unit_no(s, u.unit_no, &a), 0);
        ck_assert_str_eq(a.role, ROLE_ADMIN);
        ck_assert_str_eq(a.name, u.unit_no);
        x.account_id = a.id;
    }
    x.created = 1000;
    x.last_seen = 1000;
    ck_assert_int_eq(store_session_create(s, &x), 0);
    ck_assert_int_eq(store_session_create(s, &x), STORE_DUP);
    ck_assert_int_eq(store_session_get(s, x.id, &got), 0);
    ck_assert_str_eq(got.csrf, x.csrf);
    ck_assert_int_eq(got.unit_id, id);
    ck_assert_int_eq(store_session_touch(s, x.id, 2000), 0);
    ck_assert_int_eq(store_session_get(s, x.id, &got), 0);
    ck_assert_int_eq(got.last_seen, 2000);
    ck_assert_int_eq(got.created, 1000);
    /* neither idle nor too old yet */
    ck_assert_int_eq(store_session_purge(s, 1500, 500), 0);
    ck_assert_int_eq(store_session_get(s, x.id, &got), 0);
    /* too old (absolute timeout) */
    ck_assert_int_eq(store_session_purge(s, 1500, 1001), 0);
    ck_assert_int_eq(store_session_get(s, x.id, &got), STORE_NOTFOUND);
    ck_assert_int_eq(store_session_create(s, &x), 0);
    ck_assert_int_eq(store_session_delete(s, x.id), 0);
    ck_assert_int_eq(store_session_get(s, x.id, &got), STORE_NOTFOUND);
    store_close(&s);
}
END_TEST

START_TEST(login_failures_count_clear_purge)
{
    struct store *s = open_store();
    char unit_no[40], addr[40];
    int uc, ac;
    time_t ul, al;
    long purged = 0;

    unit_no_for(unit_no, sizeof unit_no, "f");
    snprintf(addr, sizeof addr, "10.0.%ld.1", (long)(getpid() % 250));
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(store_login_failure_add(s, unit_no, "", addr, 5000 + i * 100), 0);
    ck_assert_int_eq(store_login_failure_add(s, "other", "", addr, 5300), 0);
    ck_assert_int_eq(store_login_failure_add(s, unit_no, "", "10.9.9.9", 5250), 0);
    ck_assert_int_eq(store_login_failures_unit(s, unit_no, "", 5000, &uc, &ul), 0);
    ck_assert_int_eq(uc, 4);
    ck_assert_int_eq(ul, 5250);
    /* the (address, unit) pair: neither the other unit nor the other address */
    ck_assert_int_eq(store_login_failures_pair(s, unit_no, "", addr, 5000, &ac, &al), 0);
    ck_assert_int_eq(ac, 3);
    ck_assert_int_eq(al, 5200);
    ck_assert_int_eq(store_login_failures_unit(s, unit_no, "", 5150, &uc, &ul), 0);
    ck_assert_int_eq(uc, 2);
    ck_assert_int_eq(store_login_failures_pair(s, unit_no, "", addr, 5150, &ac, &al), 0);
    ck_assert_int_eq(ac, 1);
    ck_assert_int_eq(store_login_failures_unit(s, "nobody", "", 0, &uc, &ul), 0);
    ck_assert_int_eq(uc, 0);
    ck_assert_int_eq(ul, 0);
    ck_assert_int_eq(store_login_failures_pair(s, "nobody", "", "nowhere", 0, &ac, &al), 0);
    ck_assert_int_eq(ac, 0);
    ck_assert_int_eq(al, 0);
    /* an absurd typed unit number is cut to the column, not refused */
    char longno[400];
    memset(longno, 0, sizeof longno);
    for (int i = 0; i < 100; i++)
        strcat(longno, "单");
    ck_assert_int_eq(store_login_failure_add(s, longno, "", addr, 5400), 0);
    ck_assert_int_eq(store_login_failures_clear(s, unit_no, ""), 0);
    ck_assert_int_eq(store_login_failures_unit(s, unit_no, "", 0, &uc, &ul), 0);
    ck_assert_int_eq(uc, 0);
    ck_assert_int_eq(store_login_failures_purge(s, 5301, &purged), 0);
    ck_assert_int_ge(purged, 1);
    store_close(&s);
}
END_TEST

START_TEST(persons_enrolments_and_counts)
{
    struct store *s = open_store();
    struct portal_dt now = { 2026, 11, 20, 9, 0, 0 };
    int64_t unit = make_unit(s, "p", "机关");
    struct insurance_type t[16];
    char codes[STORE_ENROL_MAX_TYPES][4], id_no[19];
    size_t nt = 0, nc = 0;
    long insured = -1, retired = -1, dups = 0;

    ck_assert_int_eq(store_insurance_types(s, t, 16, &nt), 0);
    ck_assert_uint_eq(nt, 7);
    ck_assert_str_eq(t[0].code, "310");
    for (size_t i = 0; i < nt; i++)
        if (t[i].mandatory)
            memcpy(codes[nc++], t[i].code, 4);
    ck_assert_uint_eq(nc, 6);
    memcpy(codes[nc++], "320", 4);

    ck_assert_int_eq(store_begin(s), 0);
    for (int k = 0; k < 3; k++) {
        struct person_new p = { 0 };
        struct enrolment_new e = { 0 };
        int64_t pid = 0;
        make_id(id_no, k == 2 ? 1 : k);      /* persons 1 and 2 share an ID */
        p.id_no = id_no;
        p.name = "测试人";
        p.male = 1;
        p.birth = (struct ymd){ 1985, 1, 1 };
        p.retire_ym = -1;
        p.category = k == 0 ? "公务员" : NULL;
        ck_assert_int_eq(store_id_lock(s, id_no), 0);
        ck_assert_int_eq(store_person_add(s, &p, &now, &pid), 0);
        e.person_id = pid;
        e.unit_id = unit;
        e.start_ym = ym_make(2026, 6);
        e.kind = k == 1 ? "退休" : "在职";
        e.person_type = k == 1 ? "退休人员" : k == 0 ? "公务员在职" : "职工在职";
        if (k == 2) {
            e.end_date = (struct ymd){ 2026, 10, 31 };
            e.status = "暂停缴费";
            e.stop_reason = "离职";
        }
        ck_assert_int_eq(store_enrolments_add(s, &e, (const char (*)[4])codes,
                                              k == 0 ? nc : nc - 1, &now), 0);
        ck_assert_int_eq(store_wage_add(s, pid, unit, e.start_ym, 800000, &now), 0);
    }
    ck_assert_int_eq(store_commit(s), 0);
    ck_assert_int_eq(store_person_count(s, id_no, &dups), 0);
    ck_assert_int_eq(dups, 2);
    ck_assert_int_eq(store_unit_counts(s, unit, &insured, &retired), 0);
    ck_assert_int_eq(insured, 1);     /* the stopped one does not count */
    ck_assert_int_eq(retired, 1);
    store_close(&s);
}
END_TEST

START_TEST(rollback_leaves_nothing)
{
    struct store *s = open_store();
    struct unit u;
    struct portal_dt now = { 2026, 11, 20, 9, 0, 0 };
    int64_t id;

    memset(&u, 0, sizeof u);
    unit_no_for(u.unit_no, sizeof u.unit_no, "r");
    strcpy(u.name, "回滚");
    strcpy(u.unit_type, "企业");
    ck_assert_int_eq(store_begin(s), 0);
    ck_assert_int_eq(store_unit_add(s, &u, &now, &id), 0);
    ck_assert_int_eq(store_rollback(s), 0);
    ck_assert_int_eq(store_unit_by_no(s, u.unit_no, &u), STORE_NOTFOUND);
    /* a unit type outside the seven is refused by the schema */
    strcpy(u.unit_type, "公司");
    ck_assert_int_eq(store_unit_add(s, &u, &now, &id), STORE_ERR);
    store_close(&s);
}
END_TEST

START_TEST(id_lock_serialises_two_connections)
{
    struct store *a = open_store(), *b = open_store();
    char id_no[19];

    make_id(id_no, 7);
    ck_assert_int_eq(store_exec_trusted(b, "SET SESSION innodb_lock_wait_timeout = 1"), 0);
    ck_assert_int_eq(store_begin(a), 0);
    ck_assert_int_eq(store_id_lock(a, id_no), 0);
    ck_assert_int_eq(store_begin(b), 0);
    ck_assert_int_eq(store_id_lock(b, id_no), STORE_ERR);   /* waits, then times out */
    ck_assert_int_eq(store_rollback(b), 0);
    ck_assert_int_eq(store_commit(a), 0);
    ck_assert_int_eq(store_begin(b), 0);
    ck_assert_int_eq(store_id_lock(b, id_no), 0);            /* free again */
    ck_assert_int_eq(store_commit(b), 0);
    store_close(&a);
    store_close(&b);
}
END_TEST

struct locker { struct store *s; const char *id_no; int rc; volatile int done; };

static void *lock_in_thread(void *arg)
{
    struct locker *l = arg;
    int rc = store_begin(l->s);
    if (rc == 0)
        rc = store_id_lock(l->s, l->id_no);
    if (rc == 0)
        rc = store_commit(l->s);
    else
        store_rollback(l->s);
    l->rc = rc;
    __atomic_store_n(&l->done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

/* Both the first enrolment of an ID and a later one: the second caller waits
 * for the first transaction and then gets the lock (no deadlock). */
START_TEST(id_lock_second_caller_waits_then_succeeds)
{
    struct store *a = open_store();
    struct locker b = { open_store(), NULL, -99, 0 };
    pthread_t t;
    char id_no[19];

    make_id(id_no, 9 + _i);
    b.id_no = id_no;
    if (_i == 1) {      /* the ID's row exists already */
        ck_assert_int_eq(store_begin(a), 0);
        ck_assert_int_eq(store_id_lock(a, id_no), 0);
        ck_assert_int_eq(store_commit(a), 0);
    }
    ck_assert_int_eq(store_begin(a), 0);
    ck_assert_int_eq(store_id_lock(a, id_no), 0);
    ck_assert_int_eq(pthread_create(&t, NULL, lock_in_thread, &b), 0);
    usleep(300 * 1000);
    ck_assert_int_eq(__atomic_load_n(&b.done, __ATOMIC_SEQ_CST), 0);   /* still waiting */
    ck_assert_int_eq(store_id_lock(a, id_no), 0);   /* re-locking one's own row is fine */
    ck_assert_int_eq(store_commit(a), 0);
    ck_assert_int_eq(pthread_join(t, NULL), 0);
    ck_assert_int_eq(b.rc, 0);
    store_close(&a);
    store_close(&b.s);
}
END_TEST

START_TEST(reconnects_and_reprepares_after_the_connection_died)
{
    struct store *s = open_store();
    int64_t id = make_unit(s, "k", "企业");
    struct unit u;

    ck_assert_int_eq(store_unit_by_id(s, id, &u), 0);        /* statement now cached */
    ck_assert_int_eq(store_exec_trusted(s, "KILL CONNECTION_ID()"), STORE_ERR);
    ck_assert_int_eq(store_ensure(s), 0);
    ck_assert_int_eq(store_unit_by_id(s, id, &u), 0);
    ck_assert_int_eq(store_ensure(s), 0);                    /* healthy: a no-op */
    store_close(&s);
    store_close(&s);                                         /* NULL-safe */
}
END_TEST

START_TEST(connection_settings)
{
    struct store *s = open_store();

    /* DO with a two-row subquery fails, so each line asserts a session setting. */
    ck_assert_int_eq(store_exec_trusted(s,
        "DO IF(@@session.time_zone = '+08:00', 1, (SELECT 1 UNION SELECT 2))"), 0);
    ck_assert_int_eq(store_exec_trusted(s,
        "DO IF(@@character_set_client = 'utf8mb4' AND @@character_set_results = 'utf8mb4',"
        " 1, (SELECT 1 UNION SELECT 2))"), 0);
    /* LOAD DATA LOCAL is refused by the client library */
    ck_assert_int_eq(store_exec_trusted(s,
        "LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE id_locks"), STORE_ERR);
    store_close(&s);
}
END_TEST

/* ---- issue 14: store_tx and Db.Hosts ----------------------------------------------- */

/* Two transactions lock two IDs in opposite orders: the server kills one with
 * 1213 (deadlock; on Galera the same error is a certification conflict at
 * COMMIT). store_tx runs the victim again from its start: both succeed. */
struct crosser {
    struct store *s;
    const char *first, *second;
    pthread_barrier_t *both_hold;
    int runs, rc;
};

static int cross_tx(struct store *s, void *arg)
{
    struct crosser *c = arg;

    if (store_begin(s) != 0 || store_id_lock(s, c->first) != 0)
        goto fail;
    if (c->runs++ == 0)
        pthread_barrier_wait(c->both_hold);   /* each holds its first ID */
    if (store_id_lock(s, c->second) != 0 || store_commit(s) != 0)
        goto fail;
    return 0;
fail:
    store_rollback(s);
    return STORE_ERR;
}

static void *cross_in_thread(void *arg)
{
    struct crosser *c = arg;
    c->rc = store_tx(c->s, cross_tx, c);
    return NULL;
}

START_TEST(store_tx_runs_a_deadlock_victim_again)
{
    char x[19], y[19];
    pthread_barrier_t both;
    struct crosser a = {open_store(), x, y, &both, 0, -99}, b = {open_store(), y, x, &both, 0, -99};
    pthread_t ta, tb;
    long before = store_tx_retries();
    char logname[] = "/tmp/it_store_log_XXXXXX", text[8192];
    int fd = mkstemp(logname);
    ssize_t got;

    ck_assert_int_ge(fd, 0);
    unlink(logname);
    log_set_fd(fd);              /* what the retried conflict logs, below */
    make_id(x, 20);
    make_id(y, 21);
    pthread_barrier_init(&both, NULL, 2);
    ck_assert_int_eq(pthread_create(&ta, NULL, cross_in_thread, &a), 0);
    ck_assert_int_eq(pthread_create(&tb, NULL, cross_in_thread, &b), 0);
    ck_assert_int_eq(pthread_join(ta, NULL), 0);
    ck_assert_int_eq(pthread_join(tb, NULL), 0);
    pthread_barrier_destroy(&both);
    ck_assert_int_eq(a.rc, 0);
    ck_assert_int_eq(b.rc, 0);
    ck_assert_int_eq(a.runs + b.runs, 3);           /* the victim ran twice */
    ck_assert_int_eq(store_tx_retries() - before, 1);
    /* a conflict that is run again is a warning, not an error (issue 15 item 3) */
    log_set_fd(2);
    got = pread(fd, text, sizeof text - 1, 0);
    close(fd);
    ck_assert_int_gt(got, 0);
    text[got] = '\0';
    ck_assert_msg(strstr(text, "WARN store:") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "Deadlock") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "ERROR") == NULL, "%s", text);
    store_close(&a.s);
    store_close(&b.s);
}
END_TEST

/* A transaction that fails for another reason is not run again. */
static int bad_tx(struct store *s, void *arg)
{
    (*(int *)arg)++;
    if (store_begin(s) != 0 || store_exec_trusted(s, "SELECT no_such_column FROM id_locks") != 0) {
        store_rollback(s);
        return STORE_ERR;
    }
    return store_commit(s);
}

START_TEST(store_tx_leaves_other_errors_alone)
{
    struct store *s = open_store();
    int runs = 0;

    ck_assert_int_eq(store_tx(s, bad_tx, &runs), STORE_ERR);
    ck_assert_int_eq(runs, 1);
    store_close(&s);
}
END_TEST

/* Db.Hosts: a server that does not answer is passed over for the next one;
 * a malformed list opens nothing. */
START_TEST(db_hosts_fails_over_to_the_next_server)
{
    struct store_config cfg = conf.db;
    struct store *s = NULL;
    struct unit u;
    char hosts[600];

    ck_assert_msg(conf.db.socket && *conf.db.socket, "the test stack uses a unix socket");
    snprintf(hosts, sizeof hosts, "/nonexistent/mysql.sock, %s", conf.db.socket);
    cfg.hosts = hosts;
    ck_assert_int_eq(store_open(&s, &cfg), 0);
    ck_assert_int_eq(store_unit_by_id(s, -1, &u), STORE_NOTFOUND);
    ck_assert_int_eq(store_exec_trusted(s, "KILL CONNECTION_ID()"), STORE_ERR);
    ck_assert_int_eq(store_ensure(s), 0);            /* again: past the dead one */
    ck_assert_int_eq(store_unit_by_id(s, -1, &u), STORE_NOTFOUND);
    store_close(&s);
    cfg.hosts = "127.0.0.1:99999";
    ck_assert_int_eq(store_open(&s, &cfg), STORE_ERR);
    ck_assert_ptr_null(s);
    cfg.hosts = "/nonexistent/a.sock,/nonexistent/b.sock";
    ck_assert_int_eq(store_open(&s, &cfg), STORE_ERR);
}
END_TEST

START_TEST(migrations_are_recorded_once)
{
    struct store *s = open_store();
    char name[64];
    int applied = -1;

    snprintf(name, sizeof name, "999_test_%ld.sql", (long)getpid());
    ck_assert_int_eq(store_migrations_init(s), 0);
    ck_assert_int_eq(store_migration_applied(s, name, &applied), 0);
    ck_assert_int_eq(applied, 0);
    ck_assert_int_eq(store_migration_record(s, name), 0);
    ck_assert_int_eq(store_migration_applied(s, name, &applied), 0);
    ck_assert_int_eq(applied, 1);
    ck_assert_int_eq(store_migration_record(s, name), STORE_DUP);
    store_close(&s);
}
END_TEST

/* 本期待办 and 基础信息核查 (025): a writer that marks a unit while its refresh
 * computes neither waits for the refresh (its lock wait here is 1 s: before
 * 025 the refresh held the unit's unit_todo row from its start, and the mark
 * failed) nor loses its mark (the refresh's end leaves dirty = 1). */
static struct store *marker;
static int64_t marked_unit;
static int mark_rc = -99;

static void mark_meanwhile(int64_t unit_id)
{
    ck_assert_int_eq(unit_id, marked_unit);
    mark_rc = store_begin(marker);
    if (mark_rc == 0)
        mark_rc = store_check_dirty(marker, unit_id, NULL);
    if (mark_rc == 0)
        mark_rc = store_commit(marker);
    else
        store_rollback(marker);
}

START_TEST(todo_refresh_keeps_a_mark_made_while_it_computed)
{
    struct store *s = open_store();
    struct portal_dt now = { 2026, 11, 20, 9, 0, 0 };
    struct check_state cs;

    marker = open_store();
    ck_assert_int_eq(store_exec_trusted(marker, "SET SESSION innodb_lock_wait_timeout = 1"), 0);
    marked_unit = make_unit(s, "td", "企业");
    store_todo_test_between = mark_meanwhile;
    ck_assert_int_eq(store_todo_refresh(s, marked_unit, &now, time(NULL)), 0);
    store_todo_test_between = NULL;
    ck_assert_int_eq(mark_rc, 0);                    /* the mark did not wait */
    ck_assert_int_eq(store_check_state(s, marked_unit, &cs), 0);
    ck_assert_int_eq(cs.dirty, 1);                   /* and it survived the refresh */
    ck_assert_int_gt(cs.refreshed_at, 0);
    /* a refresh no writer raced clears it */
    ck_assert_int_eq(store_todo_refresh(s, marked_unit, &now, time(NULL)), 0);
    ck_assert_int_eq(store_check_state(s, marked_unit, &cs), 0);
    ck_assert_int_eq(cs.dirty, 0);
    store_close(&marker);
    store_close(&s);
}
END_TEST

/* A refresh that died after its claim (dirty = 2) leaves the unit dirty for
 * every reader, and the worker's pass over dirty units refreshes it. */
START_TEST(todo_claim_left_by_a_dead_refresh_is_dirty)
{
    struct store *s = open_store();
    struct portal_dt now = { 2026, 11, 20, 9, 0, 0 };
    struct check_state cs;
    int64_t unit = make_unit(s, "tk", "企业");
    char sql[160];

    ck_assert_int_eq(store_todo_refresh(s, unit, &now, time(NULL)), 0);
    ck_assert_int_eq(store_check_state(s, unit, &cs), 0);
    ck_assert_int_eq(cs.dirty, 0);
    snprintf(sql, sizeof sql, "UPDATE unit_todo SET dirty = 2, claim = 12345 WHERE unit_id = %lld",
             (long long)unit);
    ck_assert_int_eq(store_exec_trusted(s, sql), 0);
    ck_assert_int_eq(store_check_state(s, unit, &cs), 0);
    ck_assert_int_eq(cs.dirty, 1);
    ck_assert_int_eq(store_todo_refresh_dirty(s, 100000, &now, time(NULL)), 0);
    ck_assert_int_eq(store_check_state(s, unit, &cs), 0);
    ck_assert_int_eq(cs.dirty, 0);
    store_close(&s);
}
END_TEST

int main(void)
{
    const char *conf_path = getenv("PORTAL_CONF");
    Suite *su;
    TCase *tc;
    SRunner *sr;
    int failed;

    if (!conf_path || !*conf_path) {
        fputs("it_store: PORTAL_CONF must name the test stack's configuration\n", stderr);
        return EXIT_FAILURE;
    }
    if (conf_load(&conf, conf_path) != 0)
        return EXIT_FAILURE;
    su = suite_create("store");
    tc = tcase_create("store");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, unit_add_lookup_and_duplicate);
    tcase_add_test(tc, account_password_set_and_replace);
    tcase_add_test(tc, session_lifecycle);
    tcase_add_test(tc, login_failures_count_clear_purge);
    tcase_add_test(tc, persons_enrolments_and_counts);
    tcase_add_test(tc, rollback_leaves_nothing);
    tcase_add_test(tc, id_lock_serialises_two_connections);
    tcase_add_loop_test(tc, id_lock_second_caller_waits_then_succeeds, 0, 2);
    tcase_add_test(tc, reconnects_and_reprepares_after_the_connection_died);
    tcase_add_test(tc, connection_settings);
    tcase_add_test(tc, store_tx_runs_a_deadlock_victim_again);
    tcase_add_test(tc, store_tx_leaves_other_errors_alone);
    tcase_add_test(tc, db_hosts_fails_over_to_the_next_server);
    tcase_add_test(tc, migrations_are_recorded_once);
    tcase_add_test(tc, todo_refresh_keeps_a_mark_made_while_it_computed);
    tcase_add_test(tc, todo_claim_left_by_a_dead_refresh_is_dirty);
    suite_add_tcase(su, tc);
    sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    conf_free(&conf);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
