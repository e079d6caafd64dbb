/* xlsx — reading an uploaded workbook's first worksheet (see xlsx.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <expat.h>
#include <zip.h>
#include "base/xlsx.h"

static const struct csv_limits default_limits = {20001, 64, 1024};

enum xlsx_kind xlsx_sniff(const char *data, size_t len)
{
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
        return XLSX_KIND_ZIP;
    if (len >= 8 && memcmp(data, ole, 8) == 0)
        return XLSX_KIND_OLE;
    return XLSX_KIND_OTHER;
}

int xlsx_ole_encrypted(const char *data, size_t len)
{
    /* "EncryptionInfo" as a UTF-16LE directory entry name */
    static const char name[] = "EncryptionInfo";
    char u16[2 * (sizeof name - 1)];
    for (size_t i = 0; i < sizeof name - 1; i++) {
        u16[2 * i] = name[i];
        u16[2 * i + 1] = 0;
    }
    return len >= sizeof u16 && memmem(data, len, u16, sizeof u16) != NULL;
}

/* ---- reading one zip entry through expat, within the inflation budget ---- */

struct reader {
    zip_t *za;
    size_t inflated;          /* bytes inflated so far, all entries */
    enum xlsx_err err;        /* first error a handler met */
    size_t err_line;
    XML_Parser xp;
};

/* Each handler's user data starts with the reader. */
#define RD(ud) (*(struct reader **)(ud))
#define FAIL(ud, e) do { struct reader *rd_ = RD(ud); if (!rd_->err) rd_->err = (e); \
                         XML_StopParser(rd_->xp, XML_FALSE); } while (0)

static void XMLCALL refuse_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                   const XML_Char *pubid, int has_internal)
{
    struct reader *rd = RD(ud);
    (void)name; (void)sysid; (void)pubid; (void)has_internal;
    if (!rd->err)
        rd->err = XLSX_EXML;
    XML_StopParser(rd->xp, XML_FALSE);
}

static void XMLCALL refuse_entity(void *ud, const XML_Char *name, int pe, const XML_Char *v,
                                  int vlen, const XML_Char *base, const XML_Char *sysid,
                                  const XML_Char *pubid, const XML_Char *notation)
{
    struct reader *rd = RD(ud);
    (void)name; (void)pe; (void)v; (void)vlen; (void)base; (void)sysid; (void)pubid;
    (void)notation;
    if (!rd->err)
        rd->err = XLSX_EXML;
    XML_StopParser(rd->xp, XML_FALSE);
}

/* The element's name without a namespace prefix. */
static const char *local(const XML_Char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

/* Parses entry idx with the handlers set on rd->xp's user data ud. */
static enum xlsx_err parse_entry(struct reader *rd, zip_int64_t idx, void *ud,
                                 XML_StartElementHandler start, XML_EndElementHandler end,
                                 XML_CharacterDataHandler text)
{
    zip_file_t *zf = zip_fopen_index(rd->za, (zip_uint64_t)idx, 0);
    enum xlsx_err err = XLSX_OK;
    char chunk[65536];

    if (!zf) {
        int ze = zip_error_code_zip(zip_get_error(rd->za));
        return ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_ENCRNOTSUPP || ze == ZIP_ER_WRONGPASSWD
                   ? XLSX_EENCRYPTED : ze == ZIP_ER_MEMORY ? XLSX_ENOMEM : XLSX_ENOTZIP;
    }
    rd->xp = XML_ParserCreate("UTF-8");
    if (!rd->xp) {
        zip_fclose(zf);
        return XLSX_ENOMEM;
    }
    rd->err = XLSX_OK;
    XML_SetUserData(rd->xp, ud);
    XML_SetElementHandler(rd->xp, start, end);
    XML_SetCharacterDataHandler(rd->xp, text);
    XML_SetStartDoctypeDeclHandler(rd->xp, refuse_doctype);
    XML_SetEntityDeclHandler(rd->xp, refuse_entity);
    for (;;) {
        zip_int64_t got = zip_fread(zf, chunk, sizeof chunk);
        if (got < 0) {
            err = XLSX_ENOTZIP;
            break;
        }
        rd->inflated += (size_t)got;
        if (rd->inflated > XLSX_MAX_INFLATED) {
            err = XLSX_EBOMB;
            break;
        }
        if (XML_Parse(rd->xp, chunk, (int)got, got == 0) == XML_STATUS_ERROR) {
            err = rd->err ? rd->err : XML_GetErrorCode(rd->xp) == XML_ERROR_NO_MEMORY
                                          ? XLSX_ENOMEM : XLSX_EXML;
            break;
        }
        if (rd->err) {
            err = rd->err;
            break;
        }
        if (got == 0)
            break;
    }
    XML_ParserFree(rd->xp);
    rd->xp = NULL;
    zip_fclose(zf);
    return err;
}

/* ---- workbook.xml: the first sheet's relationship id; its rels: the target ---- */

struct wb {
    struct reader *rd;
    char rid[256];            /* the first <sheet>'s r:id */
    const char *want;         /* rels: the Id looked for */
    char target[512];         /* rels: its Target */
};

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct wb *w = ud;
    const char *n = local(name);
    if (!w->want && strcmp(n, "sheet") == 0 && !w->rid[0]) {
        for (int i = 0; atts[i]; i += 2)
            if (strchr(atts[i], ':') && strcmp(local(atts[i]), "id") == 0)
                snprintf(w->rid, sizeof w->rid, "%s", atts[i + 1]);
    } else if (w->want && strcmp(n, "Relationship") == 0 && !w->target[0]) {
        const char *id = NULL, *target = NULL;
        for (int i = 0; atts[i]; i += 2) {
            if (strcmp(atts[i], "Id") == 0)
                id = atts[i + 1];
            else if (strcmp(atts[i], "Target") == 0)
                target = atts[i + 1];
        }
        if (id && target && strcmp(id, w->want) == 0)
            snprintf(w->target, sizeof w->target, "%s", target);
    }
}

static void XMLCALL no_end(void *ud, const XML_Char *name) { (void)ud; (void)name; }
static void XMLCALL no_text(void *ud, const XML_Char *s, int len) { (void)ud; (void)s; (void)len; }

/* The index of the first worksheet's entry, or -1; or an error in *err. */
static zip_int64_t first_sheet(struct reader *rd, enum xlsx_err *err)
{
    struct wb w = {.rd = rd};
    zip_int64_t i = zip_name_locate(rd->za, "xl/workbook.xml", 0);
    char path[600];

    *err = XLSX_OK;
    if (i >= 0) {
        if ((*err = parse_entry(rd, i, &w, wb_start, no_end, no_text)) != XLSX_OK)
            return -1;
        i = zip_name_locate(rd->za, "xl/_rels/workbook.xml.rels", 0);
        if (w.rid[0] && i >= 0) {
            w.want = w.rid;
            if ((*err = parse_entry(rd, i, &w, wb_start, no_end, no_text)) != XLSX_OK)
                return -1;
            if (w.target[0]) {
                const char *t = w.target;
                if (*t == '/')
                    snprintf(path, sizeof path, "%s", t + 1);
                else
                    snprintf(path, sizeof path, "xl/%s", t);
                if ((i = zip_name_locate(rd->za, path, 0)) >= 0)
                    return i;
            }
        }
    }
    return zip_name_locate(rd->za, "xl/worksheets/sheet1.xml", 0);
}

/* ---- sharedStrings.xml ---- */

struct sst {
    struct reader *rd;
    struct buf text;          /* every string, NUL-terminated */
    size_t *off;              /* off[i]: string i in text */
    size_t n, cap;
    int in_si, in_t, in_rph;
    size_t si_start;
};

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct sst *s = ud;
    const char *n = local(name);
    (void)atts;
    if (strcmp(n, "si") == 0) {
        s->in_si = 1;
        s->si_start = s->text.len;
    } else if (s->in_si && strcmp(n, "rPh") == 0) {
        s->in_rph = 1;
    } else if (s->in_si && strcmp(n, "t") == 0) {
        s->in_t = 1;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    struct sst *s = ud;
    const char *n = local(name);
    if (strcmp(n, "t") == 0) {
        s->in_t = 0;
    } else if (strcmp(n, "rPh") == 0) {
        s->in_rph = 0;
    } else if (strcmp(n, "si") == 0 && s->in_si) {
        s->in_si = 0;
        if (s->n == s->cap) {
            size_t cap = s->cap ? 2 * s->cap : 256;
            size_t *o = realloc(s->off, cap * sizeof *o);
            if (!o) {
                FAIL(ud, XLSX_ENOMEM);
                return;
            }
            s->off = o;
            s->cap = cap;
        }
        if (buf_putc(&s->text, '\0') != 0) {
            FAIL(ud, XLSX_ENOMEM);
            return;
        }
        s->off[s->n++] = s->si_start;
    }
}

static void XMLCALL sst_text(void *ud, const XML_Char *t, int len)
{
    struct sst *s = ud;
    if (s->in_si && s->in_t && !s->in_rph && buf_append(&s->text, t, (size_t)len) != 0)
        FAIL(ud, XLSX_ENOMEM);
}

/* ---- the worksheet ---- */

struct cell { uint32_t row, col; size_t off; int numeric; };

struct sheet {
    struct reader *rd;
    const struct sst *sst;
    const struct csv_limits *lim;
    struct buf text;          /* cell values, NUL-terminated; offset 0 is "" */
    struct cell *cell;
    size_t n, cap;
    uint32_t row, next_col;   /* the current row; the column a cell without r gets */
    uint32_t last_row;        /* the last row with a non-empty cell */
    size_t rows;              /* rows with a non-empty cell */
    /* the cell being read */
    int in_c, in_v, in_is, in_t, in_rph;
    char type[16];
    uint32_t col;
    struct buf val;
};

/* "BC12" -> column 54 (0-based); 0 when there are no letters */
static uint32_t ref_col(const char *ref)
{
    uint32_t c = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
        c = c * 26 + (uint32_t)(*ref - 'A' + 1);
        if (c > 1u << 20)
            break;
    }
    return c ? c - 1 : 0;
}

static int ref_has_col(const char *ref) { return *ref >= 'A' && *ref <= 'Z'; }

static void XMLCALL sh_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct sheet *s = ud;
    const char *n = local(name);

    if (strcmp(n, "row") == 0) {
        uint32_t r = s->row + 1;
        for (int i = 0; atts[i]; i += 2)
            if (strcmp(atts[i], "r") == 0) {
                unsigned long v = strtoul(atts[i + 1], NULL, 10);
                if (v >= 1 && v <= 1048576)
                    r = (uint32_t)v;
            }
        s->row = r;
        s->next_col = 0;
    } else if (strcmp(n, "c") == 0) {
        s->in_c = 1;
        s->type[0] = '\0';
        s->col = s->next_col;
        buf_reset(&s->val);
        for (int i = 0; atts[i]; i += 2) {
            if (strcmp(atts[i], "r") == 0 && ref_has_col(atts[i + 1]))
                s->col = ref_col(atts[i + 1]);
            else if (strcmp(atts[i], "t") == 0)
                snprintf(s->type, sizeof s->type, "%s", atts[i + 1]);
        }
        s->next_col = s->col + 1;
        if (s->row == 0)
            s->row = 1;
    } else if (s->in_c && strcmp(n, "v") == 0) {
        s->in_v = 1;
    } else if (s->in_c && strcmp(n, "is") == 0) {
        s->in_is = 1;
    } else if (s->in_is && strcmp(n, "rPh") == 0) {
        s->in_rph = 1;
    } else if (s->in_is && strcmp(n, "t") == 0) {
        s->in_t = 1;
    }
}

/* Trims ASCII space, TAB, CR, LF and U+3000 from both ends of p[0..*len). */
static const char *trim(const char *p, size_t *len)
{
    size_t n = *len;
    for (;;) {
        if (n && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
            p++, n--;
        } else if (n >= 3 && memcmp(p, "\xE3\x80\x80", 3) == 0) {
            p += 3, n -= 3;
        } else {
            break;
        }
    }
    for (;;) {
        if (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' || p[n - 1] == '\n'))
            n--;
        else if (n >= 3 && memcmp(p + n - 3, "\xE3\x80\x80", 3) == 0)
            n -= 3;
        else
            break;
    }
    *len = n;
    return p;
}

static void end_cell(struct sheet *s)
{
    const char *v = s->val.p ? s->val.p : "";
    size_t len = s->val.len;
    int numeric = 0;
    char num[64];

    if (strcmp(s->type, "s") == 0) {
        char *end;
        unsigned long long i;
        if (!len)
            return;
        i = strtoull(v, &end, 10);
        if (end == v || *end || i >= s->sst->n) {
            s->rd->err_line = s->row;
            FAIL(s, XLSX_ESST);
            return;
        }
        v = s->sst->text.p + s->sst->off[i];
        len = strlen(v);
    } else if (strcmp(s->type, "inlineStr") == 0 || strcmp(s->type, "str") == 0 ||
               strcmp(s->type, "e") == 0 || strcmp(s->type, "b") == 0) {
        /* the text as it is */
    } else {
        /* a number ("n" or no type) */
        char *end;
        double d;
        v = trim(v, &len);
        if (!len)
            return;
        d = strtod(v, &end);
        if (end != v + len) {
            s->rd->err_line = s->row;
            FAIL(s, XLSX_EXML);
            return;
        }
        snprintf(num, sizeof num, "%.15g", d);
        v = num;
        len = strlen(num);
        numeric = 1;
    }
    v = trim(v, &len);
    if (!len)
        return;
    if (s->col >= s->lim->max_cols) {
        s->rd->err_line = s->row;
        FAIL(s, XLSX_ETOOMANYCOLS);
        return;
    }
    if (len > s->lim->max_cell) {
        s->rd->err_line = s->row;
        FAIL(s, XLSX_ECELL);
        return;
    }
    if (s->row != s->last_row) {
        s->last_row = s->row;
        if (++s->rows > s->lim->max_rows) {
            s->rd->err_line = s->row;
            FAIL(s, XLSX_ETOOMANYROWS);
            return;
        }
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        struct cell *c = realloc(s->cell, cap * sizeof *c);
        if (!c) {
            FAIL(s, XLSX_ENOMEM);
            return;
        }
        s->cell = c;
        s->cap = cap;
    }
    s->cell[s->n] = (struct cell){s->row, s->col, s->text.len, numeric};
    if (buf_append(&s->text, v, len) != 0 || buf_putc(&s->text, '\0') != 0) {
        FAIL(s, XLSX_ENOMEM);
        return;
    }
    s->n++;
}

static void XMLCALL sh_end(void *ud, const XML_Char *name)
{
    struct sheet *s = ud;
    const char *n = local(name);
    if (strcmp(n, "c") == 0 && s->in_c) {
        end_cell(s);
        s->in_c = s->in_v = s->in_is = s->in_t = s->in_rph = 0;
    } else if (strcmp(n, "v") == 0) {
        s->in_v = 0;
    } else if (strcmp(n, "is") == 0) {
        s->in_is = 0;
    } else if (strcmp(n, "rPh") == 0) {
        s->in_rph = 0;
    } else if (strcmp(n, "t") == 0) {
        s->in_t = 0;
    }
}

static void XMLCALL sh_text(void *ud, const XML_Char *t, int len)
{
    struct sheet *s = ud;
    if (!s->in_c)
        return;
    if ((s->in_v || (s->in_is && s->in_t && !s->in_rph)) &&
        buf_append(&s->val, t, (size_t)len) != 0)
        FAIL(ud, XLSX_ENOMEM);
}

static int cell_cmp(const void *a, const void *b)
{
    const struct cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    /* the later of two cells at one place wins: keep file order */
    return x->off < y->off ? -1 : x->off > y->off;
}

/* The cells into *out (rows in order, gaps as ""). */
static enum xlsx_err build(struct sheet *s, struct csv_doc *out, size_t *err_line)
{
    size_t nrows = 0, ncells = 0, i, j, k;
    struct csv_row *rows;
    char **cells;

    qsort(s->cell, s->n, sizeof *s->cell, cell_cmp);
    /* drop all but the last of cells at one place */
    for (i = 0, j = 0; i < s->n; i++) {
        if (j && s->cell[j - 1].row == s->cell[i].row && s->cell[j - 1].col == s->cell[i].col)
            s->cell[j - 1] = s->cell[i];
        else
            s->cell[j++] = s->cell[i];
    }
    s->n = j;
    for (i = 0; i < s->n; i = j) {
        for (j = i; j < s->n && s->cell[j].row == s->cell[i].row; j++)
            ;
        nrows++;
        ncells += s->cell[j - 1].col + 1;
    }
    if (nrows > s->lim->max_rows) {
        if (err_line)
            *err_line = 0;
        return XLSX_ETOOMANYROWS;
    }
    rows = calloc(nrows ? nrows : 1, sizeof *rows);
    cells = calloc(ncells ? ncells : 1, sizeof *cells);
    if (!rows || !cells) {
        free(rows);
        free(cells);
        return XLSX_ENOMEM;
    }
    for (i = 0, k = 0, nrows = 0; i < s->n; i = j) {
        struct csv_row *row = &rows[nrows++];
        row->cell = cells + k;
        row->n = s->cell[i].col + 1;   /* grows below */
        row->line = s->cell[i].row;
        for (j = i; j < s->n && s->cell[j].row == s->cell[i].row; j++)
            ;
        row->n = s->cell[j - 1].col + 1;
        for (size_t c = 0; c < row->n; c++)
            row->cell[c] = s->text.p;          /* "" at offset 0 */
        for (size_t m = i; m < j; m++) {
            row->cell[s->cell[m].col] = s->text.p + s->cell[m].off;
            if (s->cell[m].numeric && s->cell[m].col < 64)
                row->numeric |= 1ull << s->cell[m].col;
        }
        k += row->n;
    }
    out->row = rows;
    out->nrows = nrows;
    out->cells_ = cells;
    out->text_ = s->text.p;
    s->text.p = NULL;
    s->text.len = s->text.cap = 0;
    return XLSX_OK;
}

static zip_t *open_zip(const char *data, size_t len, enum xlsx_err *err)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;

    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        *err = XLSX_ENOMEM;
        return NULL;
    }
    za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!za) {
        *err = zip_error_code_zip(&ze) == ZIP_ER_MEMORY ? XLSX_ENOMEM : XLSX_ENOTZIP;
        zip_source_free(src);
    }
    zip_error_fini(&ze);
    return za;
}

/* Refuses more than XLSX_MAX_ENTRIES entries or declared sizes past the budget. */
static enum xlsx_err check_sizes(zip_t *za)
{
    zip_int64_t n = zip_get_num_entries(za, 0);
    uint64_t total = 0;

    if (n < 0)
        return XLSX_ENOTZIP;
    if (n > XLSX_MAX_ENTRIES)
        return XLSX_EBOMB;
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0)
            return XLSX_ENOTZIP;
        if (st.valid & ZIP_STAT_SIZE) {
            total += st.size;
            if (st.size > XLSX_MAX_INFLATED || total > XLSX_MAX_INFLATED)
                return XLSX_EBOMB;
        }
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            return XLSX_EENCRYPTED;
    }
    return XLSX_OK;
}

enum xlsx_err xlsx_parse(const char *data, size_t len, const struct csv_limits *lim,
                         struct csv_doc *out, size_t *err_line)
{
    struct reader rd = {0};
    struct sst sst = {.rd = &rd};
    struct sheet sh = {.rd = &rd, .sst = &sst};
    enum xlsx_err err = XLSX_OK;
    zip_int64_t i;

    memset(out, 0, sizeof *out);
    if (err_line)
        *err_line = 0;
    sh.lim = lim ? lim : &default_limits;
    if (!data || xlsx_sniff(data, len) != XLSX_KIND_ZIP)
        return XLSX_ENOTZIP;
    if (!(rd.za = open_zip(data, len, &err)))
        return err;
    if ((err = check_sizes(rd.za)) != XLSX_OK)
        goto done;
    if ((i = first_sheet(&rd, &err)) < 0) {
        if (err == XLSX_OK)
            err = XLSX_ENOSHEET;
        goto done;
    }
    {
        zip_int64_t si = zip_name_locate(rd.za, "xl/sharedStrings.xml", 0);
        if (si >= 0 && (err = parse_entry(&rd, si, &sst, sst_start, sst_end, sst_text)) != XLSX_OK)
            goto done;
    }
    if (buf_putc(&sh.text, '\0') != 0) {   /* offset 0: "" */
        err = XLSX_ENOMEM;
        goto done;
    }
    if ((err = parse_entry(&rd, i, &sh, sh_start, sh_end, sh_text)) != XLSX_OK)
        goto done;
    err = build(&sh, out, err_line);
done:
    if (err != XLSX_OK && err_line)
        *err_line = rd.err_line;
    zip_discard(rd.za);
    buf_free(&sst.text);
    free(sst.off);
    buf_free(&sh.text);
    buf_free(&sh.val);
    free(sh.cell);
    return err;
}
