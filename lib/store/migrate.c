/* migrate — the schema_migrations bookkeeping of `portal-admin migrate`. */
#include "store/db.h"

int store_migrations_init(struct store *s)
{
    return store_exec_trusted(s,
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
        " applied_at DATETIME NOT NULL,"
        " PRIMARY KEY (version)"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
}

int store_migration_applied(struct store *s, const char *version, int *applied)
{
    struct sbind in, res;
    long n = 0;

    sb_init(&in);
    sb_str(&in, version);
    sb_init(&res);
    sb_out_long(&res, &n);
    int rc = db_query_one(s, "migration.applied",
        "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", &in, &res);
    if (rc != 0)
        return STORE_ERR;
    *applied = n > 0;
    return 0;
}

int store_migration_record(struct store *s, const char *version)
{
    struct sbind in;

    sb_init(&in);
    sb_str(&in, version);
    return db_exec(s, "migration.record",
        "INSERT INTO schema_migrations (version, applied_at) VALUES (?, NOW())", &in, NULL, NULL);
}
