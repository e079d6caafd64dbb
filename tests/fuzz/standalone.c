/*
 * A main() for the fuzz harnesses without libFuzzer: feeds each file named on
 * the command line (a directory: each regular file in it) to
 * LLVMFuzzerTestOneInput once. Built with ASan+UBSan by `make fuzz-smoke`.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data = NULL;
    long n;
    int rc = -1;

    if (!f) {
        perror(path);
        return -1;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (data = malloc((size_t)n + 1)) != NULL && fread(data, 1, (size_t)n, f) == (size_t)n) {
        /* an exact-size copy, so ASan sees any read past the end */
        uint8_t *exact = malloc(n ? (size_t)n : 1);
        if (exact) {
            memcpy(exact, data, (size_t)n);
            LLVMFuzzerTestOneInput(exact, (size_t)n);
            free(exact);
            rc = 0;
        }
    } else {
        fprintf(stderr, "%s: cannot read\n", path);
    }
    free(data);
    fclose(f);
    return rc;
}

static int run_path(const char *path, int *count)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    int rc = 0;

    if (stat(path, &st) < 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*count)++;
        return run_file(path);
    }
    if (!(d = opendir(path))) {
        perror(path);
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        char sub[4096];
        struct stat sst;
        if (e->d_name[0] == '.')
            continue;
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (stat(sub, &sst) == 0 && S_ISREG(sst.st_mode)) {
            (*count)++;
            if (run_file(sub) < 0)
                rc = -1;
        }
    }
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    int i, rc = 0, count = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    for (i = 1; i < argc; i++)
        if (run_path(argv[i], &count) < 0)
            rc = 1;
    fprintf(stderr, "%s: %d inputs run\n", argv[0], count);
    return rc;
}
