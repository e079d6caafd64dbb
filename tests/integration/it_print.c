/*
 * Browser: the printable forms in a real browser (issue 8 item 6, spec §9 "It
 * is tested in a real browser"). Headless Chromium prints each report's
 * format=print page of the deck-like hospital, and 已审核数据查询's print form
 * of a period with 1,500 增员, to PDF; the tests read what the PDF says
 * (pdftotext): A4 in the right orientation, as many pages as the rows need,
 * the table header on every page, the print header (unit name, 制表日期), the
 * totals and the capitals, page numbers, no menu text, names never broken one
 * character per line.
 *
 * The page is fetched over HTTP as the logged-in clerk (Chromium's command
 * line takes no cookie) and saved with a <base href> to the stack, so its
 * style sheets come from the real nginx; Chromium runs to its end (it exits
 * once the PDF is written: no sleeps). The PDFs and one PNG of the first page
 * of each (pdftoppm) stay in <instance>/print/ (var/test/print/) for people
 * to look at.
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "support/it.h"
#include "support/deck.h"
#include "support/batch.h"

static char deck[40], dir[4096];
static struct client cd;

/* Text of one PDF: pages split at form feeds (pdftotext ends each with one). */
struct pdf {
    char *text;
    char *page[64];
    int pages;
    double width, height;     /* points, of page 1 */
};

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n;
    char *p;

    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    p = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(fread(p, 1, (size_t)n, f), (size_t)n);
    p[n] = '\0';
    fclose(f);
    return p;
}

/* GETs path as the clerk, prints it with Chromium into <dir>/<name>.pdf,
 * keeps a PNG of page 1 and reads the text back. */
static void print_to_pdf(struct client *c, const char *path, const char *name, struct pdf *out)
{
    char html[4200], pdf[4200], txt[4200], info[4200], base[512];
    struct resp r;
    const char *head;
    FILE *f;
    char *p, *text;

    memset(out, 0, sizeof out[0]);
    ck_assert_int_eq(http_get(c, path, &r), 200);
    head = strstr(r.body.p, "<head>");
    ck_assert_ptr_nonnull(head);
    snprintf(base, sizeof base, "<head><base href=\"%s/\">", getenv("PORTAL_URL"));
    snprintf(html, sizeof html, "%s/%s.html", dir, name);
    snprintf(pdf, sizeof pdf, "%s/%s.pdf", dir, name);
    snprintf(txt, sizeof txt, "%s/%s.txt", dir, name);
    snprintf(info, sizeof info, "%s/%s.info", dir, name);
    f = fopen(html, "wb");
    ck_assert_ptr_nonnull(f);
    fwrite(r.body.p, 1, (size_t)(head - r.body.p), f);
    fputs(base, f);
    fputs(head + strlen("<head>"), f);
    fclose(f);
    resp_free(&r);
    unlink(pdf);
    {   /* a fresh profile per run: its cache must not serve an older portal.css */
        static int fresh;
        if (!fresh++)
            ck_assert_int_eq(run("rm -rf '%s/chromium'", dir), 0);
    }
    ck_assert_int_eq(run("timeout 400 chromium --headless --no-sandbox --disable-gpu"
                         " --disable-dev-shm-usage --no-first-run --no-default-browser-check"
                         " --user-data-dir='%s/chromium' --no-pdf-header-footer"
                         " --print-to-pdf='%s' 'file://%s' >/dev/null 2>&1", dir, pdf, html), 0);
    ck_assert_int_eq(run("pdftotext -layout '%s' '%s' && pdfinfo '%s' > '%s'"
                         " && pdftoppm -png -r 60 -f 1 -l 1 -singlefile '%s' '%s/%s'",
                         pdf, txt, pdf, info, pdf, dir, name), 0);
    text = slurp(info);
    p = strstr(text, "Page size:");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(sscanf(p, "Page size: %lf x %lf", &out->width, &out->height), 2);
    free(text);
    out->text = slurp(txt);
    for (p = out->text; *p && out->pages < 64; ) {
        char *ff = strchr(p, '\f');
        out->page[out->pages++] = p;
        if (!ff)
            break;
        *ff = '\0';
        p = ff + 1;
    }
}

static void pdf_free(struct pdf *p)
{
    free(p->text);
    memset(p, 0, sizeof *p);
}

/* 1 when any page says s. */
static int pdf_has(const struct pdf *p, const char *s)
{
    for (int i = 0; i < p->pages; i++)
        if (strstr(p->page[i], s))
            return 1;
    return 0;
}

static int count_lines_with(const char *page, const char *s)
{
    int n = 0;

    for (const char *p = page; (p = strstr(p, s)) != NULL; p += strlen(s))
        n++;
    return n;
}

/* What every printed report shares: A4 (landscape or not), the print header
 * on page 1, the table header and 第N页 共M页 on every page, no menu. */
static void common_checks(const struct pdf *p, int landscape, const char *title,
                          const char *header_cell, const char *made_on)
{
    static const char *const menu[] = {
        "参保人员增员申报(补收)", "单位花名册查询", "退出", "跳到主要内容", "首页", "返回", NULL
    };
    char want[64];

    /* A4 is 595 x 842 points */
    if (landscape)
        ck_assert_msg(p->width > 835 && p->width < 849 && p->height > 588 && p->height < 602,
                      "%s: %.1f x %.1f", title, p->width, p->height);
    else
        ck_assert_msg(p->width > 588 && p->width < 602 && p->height > 835 && p->height < 849,
                      "%s: %.1f x %.1f", title, p->width, p->height);
    ck_assert_msg(strstr(p->page[0], title) != NULL, "%s: title", title);
    ck_assert_msg(strstr(p->page[0], "通知单测试医院") && strstr(p->page[0], deck), "%s: unit", title);
    snprintf(want, sizeof want, "制表日期:%s", made_on);
    ck_assert_msg(strstr(p->page[0], want) && strstr(p->page[0], "经办人:"), "%s: header", title);
    for (int i = 0; i < p->pages; i++) {
        ck_assert_msg(strstr(p->page[i], header_cell) != NULL, "%s: no table header on page %d",
                      title, i + 1);
        snprintf(want, sizeof want, "第%d页 共%d页", i + 1, p->pages);
        ck_assert_msg(strstr(p->page[i], want) != NULL, "%s: no %s", title, want);
    }
    for (int i = 0; menu[i]; i++)
        ck_assert_msg(!pdf_has(p, menu[i]), "%s: menu text %s", title, menu[i]);
}

static void setup(void)
{
    const char *conf = getenv("PORTAL_CONF");
    char copy[4096];

    snprintf(copy, sizeof copy, "%s", conf);
    snprintf(dir, sizeof dir, "%s/print", dirname(copy));
    mkdir(dir, 0755);
    deck_unit(deck, sizeof deck, "通知单测试医院");
    ck_assert_int_eq(admin("unit-scheme --unit-no %s --type 360 --date 2022-05-06", deck), 0);
    set_today("2022-09-20");
    client_init(&cd);
    ck_assert(login(&cd, deck, PW));
}

START_TEST(notice_prints_on_one_landscape_a4_with_totals_and_capitals)
{
    static const char *const in[] = {
        "缴费通知单", "通知单据号", "职工基本医疗保险", "大额医疗费用补助", "地方补充医疗保险", "生育保险",
        "7,400.00", "105,521.65", "1,055,224.24", "263,806.06", "791,418.18", "131,903.03", "小计",
        "271,206.06", "1,028,842.86", "核定征集总额", "1,300,048.92", "壹佰叁拾万零肆拾捌圆玖角贰分", NULL
    };
    struct pdf p;

    print_to_pdf(&cd, "/report/notice?month=2022-08&format=print", "notice", &p);
    common_checks(&p, 1, "缴费通知单", "个人缴费金额", "2022-09-20");
    ck_assert_int_eq(p.pages, 1);
    for (int i = 0; in[i]; i++)
        ck_assert_msg(pdf_has(&p, in[i]), "notice PDF: %s missing", in[i]);
    ck_assert(!pdf_has(&p, "长期护理保险"));
    pdf_free(&p);
}
END_TEST

START_TEST(payments_report_prints_landscape_with_the_total_row)
{
    static const char *const in[] = {
        "单位缴费查询打印", "费款所属期 2022-08", "合计", "6.00%", "5.00元/人·月", "0.80%",
        "13,190,303.00", "职工基本医疗保险", "职工大病医疗保险", "正常应缴", NULL
    };
    struct pdf p;

    print_to_pdf(&cd, "/report/payments?month=2022-08&format=print", "payments", &p);
    common_checks(&p, 1, "单位缴费查询打印", "缴费类型", "2022-09-20");
    ck_assert_int_eq(p.pages, 1);
    for (int i = 0; in[i]; i++)
        ck_assert_msg(pdf_has(&p, in[i]), "payments PDF: %s missing", in[i]);
    pdf_free(&p);
}
END_TEST

START_TEST(certificate_prints_portrait_with_its_code)
{
    char code[16];
    const char *c;
    struct pdf p;

    print_to_pdf(&cd, "/report/certificate?format=print", "certificate", &p);
    common_checks(&p, 0, "单位参保证明", "参保状态", "2022-09-20");
    ck_assert_int_eq(p.pages, 1);
    c = strstr(p.page[0], "核验码:");
    ck_assert_ptr_nonnull(c);
    snprintf(code, sizeof code, "%.12s", c + strlen("核验码:"));
    ck_assert_uint_eq(strspn(code, "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"), 12);
    ck_assert(pdf_has(&p, "一至六级残疾军人医疗保险") && pdf_has(&p, "正常参保人数"));
    pdf_free(&p);
}
END_TEST

/* i in Chinese digits (names take no ASCII digits): 1499 -> 一四九九. */
static const char *cn(int i, char out[32])
{
    static const char *const d[10] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    char digits[12];

    snprintf(digits, sizeof digits, "%d", i);
    out[0] = '\0';
    for (const char *p = digits; *p; p++)
        strcat(out, d[*p - '0']);
    return out;
}

/* 1,500 增员 of one period: the long table runs over as many A4 pages as its
 * rows need, with its header on every one. */
START_TEST(approved_declarations_of_1500_enrolments_print_on_as_many_pages_as_needed)
{
    enum { N = 1500 };
    struct buf csv = {0};
    struct client c;
    struct resp r;
    struct pdf p;
    char unit[40], id[19], name[32];
    long job = 0;
    int first, expected;

    set_today("2022-09-12 10:00");
    make_unit(unit, sizeof unit, "企业", "通知单测试医院分院");
    batch_client(&c, unit);
    ck_assert_int_eq(buf_puts(&csv, BATCH_HEADER "\r\n"), 0);
    for (int i = 0; i < N; i++) {
        batch_gen_id(id, "3208");
        ck_assert_int_eq(buf_printf(&csv, "%s,打印员工%s,6000,13800000000\r\n", id, cn(i, name)), 0);
    }
    ck_assert_int_eq(batch_upload(&c, "2022-10", 0, csv.p, csv.len, &job, &r), 303);
    resp_free(&r);
    buf_free(&csv);
    batch_wait_done(job, 300);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations d JOIN units u ON u.id = d.unit_id"
                              " WHERE u.unit_no = '%s' AND d.type = '参保人员增员申报'"
                              " AND d.period = '2022-10-01'", unit), N);
    print_to_pdf(&c, "/declarations/approved?type=%E5%8F%82%E4%BF%9D%E4%BA%BA%E5%91%98%E5%A2%9E"
                     "%E5%91%98%E7%94%B3%E6%8A%A5&period=2022-10&format=print", "approved", &p);
    /* the header block names this unit: check it apart from common_checks' deck */
    ck_assert(strstr(p.page[0], "已审核数据查询") && strstr(p.page[0], unit) &&
              strstr(p.page[0], "制表日期:2022-09-12") && strstr(p.page[0], "申报期 2022-10"));
    first = count_lines_with(p.page[0], "打印员工");
    ck_assert_int_gt(first, 5);
    expected = (N + first - 1) / first;
    ck_assert_msg(p.pages >= expected - 1 && p.pages <= expected + 1,
                  "%d pages for %d rows, %d on page 1", p.pages, N, first);
    for (int i = 0; i < p.pages; i++) {
        char want[48];
        ck_assert_msg(strstr(p.page[i], "业务类型") && strstr(p.page[i], "证件号码"),
                      "no table header on page %d", i + 1);
        snprintf(want, sizeof want, "第%d页 共%d页", i + 1, p.pages);
        ck_assert_msg(strstr(p.page[i], want) != NULL, "no %s", want);
    }
    ck_assert(pdf_has(&p, cn(N - 1, name)) && pdf_has(&p, "打印员工零"));
    ck_assert(strstr(p.page[p.pages - 1], "共 1500 条") != NULL);
    ck_assert(!pdf_has(&p, "参保人员增员申报(补收)") && !pdf_has(&p, "退出"));
    pdf_free(&p);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("print");
    TCase *t = tcase_create("print");

    tcase_set_timeout(t, 600);
    tcase_add_unchecked_fixture(t, setup, NULL);
    tcase_add_test(t, notice_prints_on_one_landscape_a4_with_totals_and_capitals);
    tcase_add_test(t, payments_report_prints_landscape_with_the_total_row);
    tcase_add_test(t, certificate_prints_portrait_with_its_code);
    tcase_add_test(t, approved_declarations_of_1500_enrolments_print_on_as_many_pages_as_needed);
    suite_add_tcase(s, t);
    return it_run(s);
}
