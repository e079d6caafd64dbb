#include "rules/idcard.h"

#include <string.h>

static const int ID_WEIGHTS[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char ID_CHECK[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int count_digits(const char *s)
{
    int n = 0;

    while (is_digit(s[n]))
        n++;
    return n;
}

char id_check_char(const char first17[17])
{
    int sum = 0;

    for (int i = 0; i < 17; i++) {
        if (!is_digit(first17[i]))
            return '\0';
        sum += (first17[i] - '0') * ID_WEIGHTS[i];
    }
    return ID_CHECK[sum % 11];
}

static int digits_value(const char *s, int n)
{
    int v = 0;

    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

enum id_result id_check(const char *in, char out[19], struct id_info *info)
{
    char last;
    struct ymd birth;

    if (out)
        out[0] = '\0';
    if (!in || count_digits(in) < 17)
        return ID_EFORMAT;
    last = in[17];
    if (last == 'x')
        last = 'X';
    if (!(is_digit(last) || last == 'X') || in[18] != '\0')
        return ID_EFORMAT;
    if (id_check_char(in) != last)
        return ID_ECHECKSUM;
    birth.y = digits_value(in + 6, 4);
    birth.m = digits_value(in + 10, 2);
    birth.d = digits_value(in + 12, 2);
    if (birth.y < 1800 || !ymd_valid(birth))
        return ID_EBIRTH;
    if (out) {
        memcpy(out, in, 17);
        out[17] = last;
        out[18] = '\0';
    }
    if (info) {
        info->birth = birth;
        info->male = (in[16] - '0') % 2;
    }
    return ID_OK;
}

/* d[.d*](E|e)[+]dd with the exponent in 14..17: a 15-18 digit number. */
static int looks_scientific(const char *s)
{
    int exp = 0, nexp;

    if (!is_digit(s[0]) || s[0] == '0')
        return 0;
    s++;
    if (*s == '.') {
        s++;
        if (!is_digit(*s))
            return 0;
        s += count_digits(s);
    }
    if (*s != 'E' && *s != 'e')
        return 0;
    s++;
    if (*s == '+')
        s++;
    nexp = count_digits(s);
    if (nexp < 1 || nexp > 2 || s[nexp] != '\0')
        return 0;
    exp = digits_value(s, nexp);
    return exp >= 14 && exp <= 17;
}

int id_excel_mangled(const char *cell)
{
    int n;

    if (!cell)
        return 0;
    if (looks_scientific(cell))
        return 1;
    n = count_digits(cell);
    if (n >= 15 && n <= 18 && strcmp(cell + n, ".0") == 0)
        return 1;
    if (id_excel_suspect(cell) && id_check(cell, NULL, NULL) == ID_ECHECKSUM)
        return 1;
    return 0;
}

int id_excel_suspect(const char *cell)
{
    return cell && count_digits(cell) == 18 && cell[18] == '\0' &&
           strcmp(cell + 15, "000") == 0;
}

int id_excel_column_mangled(size_t rows, size_t suspects)
{
    return suspects >= 2 && suspects <= rows && suspects > rows / 2;
}
