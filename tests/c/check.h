/*
 * What the C test programs share: CHECK and CHECK_RESULT (a failure prints
 * the line and hcjwt's last error, the run goes on), a marker no output
 * may be written to on failure, and reading a fixture from the repository.
 */
#ifndef HCJWT_TEST_CHECK_H
#define HCJWT_TEST_CHECK_H

#include "hcjwt.h"

#include <stdio.h>
#include <stdlib.h>

static int passed = 0;
static int failed = 0;
static const char *root = ".";

#define CHECK(cond)                                                             \
    do {                                                                        \
        if (cond) {                                                             \
            passed++;                                                           \
        } else {                                                                \
            failed++;                                                           \
            fprintf(stderr, "%s:%d: CHECK failed: %s (last error: %s)\n",       \
                    __FILE__, __LINE__, #cond, hcjwt_last_error_message());     \
        }                                                                       \
    } while (0)

#define CHECK_RESULT(expr, expected)                                            \
    do {                                                                        \
        hcjwt_result got_ = (expr);                                             \
        if (got_ == (expected)) {                                               \
            passed++;                                                           \
        } else {                                                                \
            failed++;                                                           \
            fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d; %s\n",    \
                    __FILE__, __LINE__, #expr, (int)got_,                       \
                    hcjwt_result_message(got_), (int)(expected),                \
                    hcjwt_last_error_message());                                \
        }                                                                       \
    } while (0)

/* A value no hcjwt call may write: outputs change only on success. */
static char untouched_marker;
#define UNTOUCHED ((void *)&untouched_marker)

static char *read_file(const char *relative, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", root, relative);
    FILE *file = fopen(path, "rb");
    if (!file) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    if (!data || fread(data, 1, (size_t)size, file) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    data[size] = '\0';
    fclose(file);
    *len = (size_t)size;
    return data;
}

/* Prints "N passed, N failed" and gives the exit status. */
static int report(void) {
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

#endif
