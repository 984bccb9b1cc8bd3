#!/usr/bin/env bash
# Headless Chromium opens every page of the web edition from file:// and
# nothing goes wrong: no uncaught exception, no console.error, no resource
# that fails to load (a missing image, style or script, anything from the
# network: Chromium runs without one here).  A page written with a
# deliberate script error and a missing image is opened first, and the
# check must see both, or the check itself has stopped working.
# Usage: tests/web/chromium.sh BUILD
set -uo pipefail
html=$1/html
here=$(dirname "$0")
source "$here/cdp.bash"
scratch=$(mktemp -d)
trap 'cdp_stop; rm -rf "$scratch"' EXIT

page= problems=()
cdp_event() {
    local m=$1 what
    case $m in
    *'"method":"Runtime.exceptionThrown"'*)
        what=$(sed -n 's/.*"exception":{[^}]*"description":"\([^"]*\)".*/\1/p' <<<"$m")
        [ -n "$what" ] || what=$(sed -n 's/.*"text":"\([^"]*\)".*/\1/p' <<<"$m")
        problems+=("$page: uncaught ${what%%\\n*}") ;;
    *'"method":"Runtime.consoleAPICalled","params":{"type":"error"'* | \
    *'"method":"Runtime.consoleAPICalled","params":{"type":"assert"'*)
        what=$(sed -n 's/.*"args":\[{[^}]*"value":"\([^"]*\)".*/\1/p' <<<"$m")
        problems+=("$page: console error: ${what:0:200}") ;;
    *'"method":"Log.entryAdded"'*'"level":"error"'*)
        what=$(sed -n 's/.*"text":"\([^"]*\)".*/\1/p' <<<"$m")
        local url; url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' <<<"$m")
        problems+=("$page: ${what:0:200}${url:+ ($url)}") ;;
    esac
}
open_page() {  # open_page FILE: loads it; a page that does not open is a problem
    page=${1##*/}
    cdp_load "file://$(realpath "$1")" || { problems+=("$page: did not load"); return 1; }
}

start=$(date +%s.%N)
cdp_start "$scratch" || { echo "headless Chromium did not start"; tail -n 5 "$scratch/chromium.log"; exit 1; }
for d in Runtime Log Page; do cdp_call "$d.enable" '{}' || exit 1; done

# The check of the check.
printf '%s\n' '<!DOCTYPE html><html><head><title>x</title></head><body>' \
    '<img src="no-such-image.png" alt=""><script>undefinedFunction();</script></body></html>' \
    > "$scratch/planted.html"
open_page "$scratch/planted.html"
planted=$(printf '%s\n' "${problems[@]}")
if ! grep -q 'uncaught ReferenceError: undefinedFunction' <<<"$planted" ||
   ! grep -q 'ERR_FILE_NOT_FOUND.*no-such-image.png' <<<"$planted"; then
    echo "the check does not see a planted script error and missing image; it saw:"
    echo "$planted"; exit 1
fi
problems=()

n=0
for f in "$html"/*.html; do
    open_page "$f"; n=$((n + 1))
done
cdp_stop
secs=$(echo "$(date +%s.%N) $start" | awk '{printf "%.1f", $1 - $2}')
if [ ${#problems[@]} -gt 0 ]; then
    echo "${#problems[@]} problems in $n pages (${secs} s):"
    printf '%s\n' "${problems[@]}" | head -n 30
    exit 1
fi
echo "$n pages open in headless Chromium with no error, no failed load (${secs} s)"
