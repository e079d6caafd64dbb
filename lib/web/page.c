/* page — HDF helpers that several pages share: field messages, the
 * declaration-period box, the month choices of the enrolment forms, dates and
 * amounts. */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "store/jobs.h"

static const struct field_spec *spec_of(const struct req *r, int key)
{
    if (!r->page || key < 0 || (size_t)key >= r->page->nfields)
        return NULL;
    return &r->page->fields[key];
}

int web_field_error(struct req *r, int key, enum msg_id id)
{
    const struct field_spec *spec = spec_of(r, key);
    char name[96], text[MSG_TEXT_MAX];

    if (!spec)
        return 1;
    if (strcmp(msg_args(id), "s") == 0)
        msg_format(text, sizeof text, id, spec->label ? spec->label : spec->name);
    else   /* a plain text; the table's formats with numbers are not field messages */
        snprintf(text, sizeof text, "%s", msg_text(id));
    snprintf(name, sizeof name, "Err.%s", spec->name);
    hdf_set_value(r->hdf, name, text);
    /* the page message of a form refused field by field (layout.cs msg_box) */
    hdf_set_value(r->hdf, "Msg.Fields", msg_text(MSG_FIELDS_FAILED));
    return 1;
}

int web_text_field_errors(struct req *r)
{
    int n = 0;

    for (size_t k = 0; r->page && k < r->page->nfields; k++)
        if (r->page->fields[k].kind == F_TEXT && r->page->fields[k].label &&
            r->field[k].state == FIELD_BAD)
            n += web_field_error(r, (int)k, MSG_TEXT_FORBIDDEN);
    return n;
}

int web_field_required(struct req *r, int key)
{
    const struct field_spec *spec = spec_of(r, key);

    if (!spec || r->field[key].state == FIELD_OK)
        return 0;
    return web_field_error(r, key, r->field[key].state == FIELD_ABSENT ? MSG_FIELD_REQUIRED
                                                                      : MSG_FIELD_INVALID);
}

const char *web_field_first_error(const struct req *r)
{
    char name[96];

    for (size_t k = 0; r->page && k < r->page->nfields; k++) {
        const char *text;
        snprintf(name, sizeof name, "Err.%s", r->page->fields[k].name);
        if ((text = hdf_get_value(r->hdf, name, NULL)) != NULL)
            return text;
    }
    return NULL;
}

void web_set_dt(struct req *r, const char *name, const struct portal_dt *t)
{
    char s[64];
    snprintf(s, sizeof s, "%04d-%02d-%02d %02d:%02d", t->y, t->m, t->d, t->hh, t->mm);
    hdf_set_value(r->hdf, name, s);
}

void web_set_fen(struct req *r, const char *name, long long fen)
{
    char s[FORMAT_FEN_MAX];
    format_fen(s, sizeof s, fen);
    hdf_set_value(r->hdf, name, s);
}

void web_period(struct req *r, struct decl_state *st)
{
    char month[8], label[FORMAT_MONTH_CN_MAX], text[MSG_TEXT_MAX];

    decl_state_at(&r->policy, &r->now, st);
    format_month(month, st->month);
    format_month_cn(label, sizeof label, st->month);
    hdf_set_value(r->hdf, "Period.Month", month);
    hdf_set_value(r->hdf, "Period.Label", label);
    hdf_set_int_value(r->hdf, "Window.Open", st->window_open);
    web_set_dt(r, "Window.OpensAt", &st->opens_at);
    web_set_dt(r, "Window.ClosesAt", &st->closes_at);
    if (st->window_open)
        return;
    /* closed means the settlement period: the next window opens on open_day
     * of this calendar month */
    {
        struct portal_dt next = {r->now.y, r->now.m, r->policy.open_day, 0, 0, 0};
        char until[16];
        web_set_dt(r, "Window.NextOpensAt", &next);
        if (msg_format(text, sizeof text, MSG_WINDOW_NEXT,
                       hdf_get_value(r->hdf, "Window.NextOpensAt", "")) == 0)
            hdf_set_value(r->hdf, "Window.Notice", text);
        hdf_set_int_value(r->hdf, "Settle.Active", st->settling);
        if (st->settling) {
            format_month(month, st->settle_month);
            hdf_set_value(r->hdf, "Settle.Month", month);
        }
        snprintf(until, sizeof until, "%04d-%02d-%02d", r->now.y % 10000, r->now.m % 100,
                 (r->policy.open_day - 1) % 100);
        hdf_set_value(r->hdf, "Settle.Until", until);
    }
}

int web_redirect_declaration(struct req *r, int64_t decl_id)
{
    char location[48];

    snprintf(location, sizeof location, "/declarations/%lld", (long long)decl_id);
    return web_redirect(r, location);
}

void web_month_choices(struct req *r, int newest, int oldest, int selected)
{
    char month[8], label[FORMAT_MONTH_CN_MAX], name[48];
    int i;

    for (i = 0; i <= newest - oldest; i++) {
        int ym = newest - i;
        format_month(month, ym);
        format_month_cn(label, sizeof label, ym);
        snprintf(name, sizeof name, "Months.%d.Value", i);
        hdf_set_value(r->hdf, name, month);
        snprintf(name, sizeof name, "Months.%d.Label", i);
        hdf_set_value(r->hdf, name, label);
        if (ym == selected) {
            snprintf(name, sizeof name, "Months.%d.Selected", i);
            hdf_set_int_value(r->hdf, name, 1);
        }
    }
}


int web_job_percent(const struct job *j)
{
    if (j->total <= 0)
        return j->done ? 100 : 0;
    if (j->processed >= j->total)
        return 100;
    return (int)(j->processed * 100 / j->total);
}

void web_set_job(struct req *r, const char *prefix, const struct job *j)
{
    HDF *hdf = r->hdf;
    char name[96], dt[20];
#define K(suffix) (snprintf(name, sizeof name, "%s.%s", prefix, suffix), name)
    hdf_set_int_value(hdf, K("Id"), (int)j->id);
    hdf_set_value(hdf, K("Kind"), j->kind);
    format_datetime(dt, &j->as_of);   /* the business clock, as every page shows time */
    hdf_set_value(hdf, K("Created"), dt);
    hdf_set_int_value(hdf, K("Total"), (int)j->total);
    hdf_set_int_value(hdf, K("Processed"), (int)j->processed);
    hdf_set_int_value(hdf, K("Failed"), (int)j->failed);
    hdf_set_int_value(hdf, K("Ok"), (int)(j->processed - j->failed));
    hdf_set_int_value(hdf, K("HasError"), j->has_error || j->failed > 0);
    hdf_set_value(hdf, K("Error"), j->error_summary);
    hdf_set_int_value(hdf, K("Done"), j->done);
    if (j->done) {
        format_datetime(dt, &j->done_as_of);
        hdf_set_value(hdf, K("DoneAt"), dt);
    }
    hdf_set_int_value(hdf, K("Expired"), j->expired);
    hdf_set_int_value(hdf, K("Percent"), web_job_percent(j));
    hdf_set_int_value(hdf, K("IsExport"), j->result_name[0] != '\0');
#undef K
}

long web_paging(struct req *r, long total, long size, const struct field *page_f)
{
    long page = 1, pages = total ? (total + size - 1) / size : 1;

    if (page_f->state == FIELD_OK && page_f->num > 1)
        page = page_f->num > pages ? pages : (long)page_f->num;
    hdf_set_int_value(r->hdf, "Paging.Total", (int)total);
    hdf_set_int_value(r->hdf, "Paging.Page", (int)page);
    hdf_set_int_value(r->hdf, "Paging.Pages", (int)pages);
    if (page > 1)
        hdf_set_int_value(r->hdf, "Paging.Prev", (int)(page - 1));
    if (page < pages)
        hdf_set_int_value(r->hdf, "Paging.Next", (int)(page + 1));
    return (page - 1) * size;
}

void web_url_arg(struct buf *b, const char *name, const char *value)
{
    if (!value)
        return;
    buf_printf(b, "%s%s=", b->len ? "&" : "", name);
    buf_url(b, value);
}

int web_print_header(struct req *r, const char *title, const char *period)
{
    char operator_name[STORE_OPERATOR_MAX], today[11];

    if (store_unit_operator(r->db, &r->unit, operator_name, sizeof operator_name) != 0)
        return -1;
    format_date(today, dt_date(&r->now));
    hdf_set_value(r->hdf, "Report.UnitName", r->unit.name);
    hdf_set_value(r->hdf, "Report.UnitNo", r->unit.unit_no);
    hdf_set_value(r->hdf, "Report.Title", title);
    if (period)
        hdf_set_value(r->hdf, "Report.Period", period);
    hdf_set_value(r->hdf, "Report.MadeOn", today);
    hdf_set_value(r->hdf, "Report.Operator", operator_name);
    return 0;
}
