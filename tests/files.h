/* Files for the tests: whether one exists, its bytes, and writing bytes
   to one; the few file helpers that several test files need. */
#ifndef FILES_H
#define FILES_H

#include <stddef.h>

/* 1 if path can be opened for reading. */
int test_exists(const char *path);

/* The bytes of a file, malloc'd, or NULL; *len is their number. */
unsigned char *test_slurp(const char *path, size_t *len);

/* Write len bytes to path, recording a failed check if that fails. */
void test_spit(const char *path, const void *b, size_t len);

#endif
