#!/bin/sh
# Make sure the Debian packages the book's build needs are installed.
# As root (or with password-less sudo) install what is missing; otherwise
# print the one command that would, and fail.
set -eu
packages="$*"
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
    for p in $packages; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
        [ "$status" = installed ] || missing="$missing $p"
    done
else
    for c in notangle noweave cpif gnuplot pdflatex latexmk pdftoppm; do
        command -v "$c" >/dev/null 2>&1 ||
            { echo "make: '$c' not found; on Debian install:$(printf ' %s' $packages)" >&2; exit 1; }
    done
    exit 0
fi
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo "
else
    echo "make: missing Debian packages; run: sudo $cmd" >&2
    exit 1
fi
echo "make: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
${sudo}apt-get update -qq >&2
${sudo}$cmd >&2
