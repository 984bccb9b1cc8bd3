#!/bin/bash
# The EPUB passes epubcheck with no error and no warning.
# Usage: tests/web/epubcheck.sh BUILD-DIR (the EPUB is BUILD-DIR/html/book.epub).
# epubcheck's own message for every problem goes to the output, then one
# line saying that the EPUB fails; the exit status is 0 only on a pass.
set -u
build=${1:?usage: tests/web/epubcheck.sh BUILD-DIR}
epub=$build/html/book.epub
[ -f "$epub" ] || { echo "epubcheck.sh: $epub: no such file (make html makes it)"; exit 1; }
# Debian's /usr/bin/epubcheck is the jar itself, which runs only where
# the kernel's binfmt_misc knows jars (not in most containers): run it
# with java.
cmd=$(command -v epubcheck) ||
    { echo "epubcheck.sh: epubcheck is not installed (apt-get install epubcheck)"; exit 1; }
jar=$(readlink -f "$cmd")
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
if [ "${jar%.jar}" != "$jar" ]; then
    java -jar "$jar" --failonwarnings "$epub" >"$out" 2>&1
else
    "$cmd" --failonwarnings "$epub" >"$out" 2>&1
fi
status=$?
# A pass is exit status 0 and epubcheck's own word for it: no message of
# any severity.
if [ $status -ne 0 ] || grep -q '^\(FATAL\|ERROR\|WARNING\)' "$out" ||
   ! grep -q '^No errors or warnings detected' "$out"; then
    grep '^\(FATAL\|ERROR\|WARNING\)' "$out" | head -n 30
    n=$(grep -c '^\(FATAL\|ERROR\|WARNING\)' "$out")
    echo "epubcheck.sh: $epub fails epubcheck: $n errors and warnings (exit status $status)"
    exit 1
fi
echo "epubcheck.sh: $epub passes epubcheck with no error and no warning"
