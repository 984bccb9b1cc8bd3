#include <stdio.h>
#include <stdlib.h>
#include "check.h"
#include "files.h"

int test_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    fclose(f);
    return 1;
}

unsigned char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    *len = 0;
    if (f == NULL)
        return NULL;
    size_t cap = 1024;
    unsigned char *b = malloc(cap);
    size_t got;
    while (b != NULL && (got = fread(b + *len, 1, cap - *len, f)) > 0) {
        *len += got;
        if (*len == cap) {
            unsigned char *bigger = realloc(b, cap *= 2);
            if (bigger == NULL)
                free(b);
            b = bigger;
        }
    }
    fclose(f);
    return b;
}

void test_spit(const char *path, const void *b, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f != NULL) {
        CHECK(fwrite(b, 1, len, f) == len);
        CHECK(fclose(f) == 0);
    }
}
