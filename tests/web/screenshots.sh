#!/usr/bin/env bash
# Screenshots of the first screen of three chapters, at the width of a
# desktop window (1280x900) and of a phone (390x844, as a phone: the
# page's viewport meta applies), into BUILD/html/shots/, for a person to
# look at.  Each PNG must have the requested size (read from its header)
# and must not be blank: decoded again from the file, at least 1% of its
# pixels differ from its most common colour (the background).
# Usage: tests/web/screenshots.sh BUILD
set -uo pipefail
html=$1/html
here=$(dirname "$0")
source "$here/cdp.bash"
scratch=$(mktemp -d)
trap 'cdp_stop; rm -rf "$scratch"' EXIT
cdp_event() { :; }
chapters="ch03 ch05 ch08"
sizes="desktop:1280x900:false phone:390x844:true"

rm -rf "$html/shots" && mkdir -p "$html/shots" || exit 1
cdp_start "$scratch" && cdp_call Page.enable '{}' ||
    { echo "headless Chromium did not start"; tail -n 5 "$scratch/chromium.log"; exit 1; }
bad=0 made=()
for size in $sizes; do
    IFS=: read -r name wh mobile <<<"$size"
    w=${wh%x*} h=${wh#*x}
    cdp_call Emulation.setDeviceMetricsOverride \
        "{\"width\":$w,\"height\":$h,\"deviceScaleFactor\":1,\"mobile\":$mobile}" || exit 1
    for ch in $chapters; do
        png=$html/shots/$ch-$name.png
        [ -e "$html/$ch.html" ] || { echo "$ch.html: no such page"; bad=1; continue; }
        cdp_load "file://$(realpath "$html/$ch.html")" &&
        cdp_call Page.captureScreenshot '{"format":"png"}' || exit 1
        data=$(sed -n 's/.*"datafile":"\([^"]*\)".*/\1/p' <<<"$CDP_REPLY")
        base64 -d "$data" > "$png" && rm -f "$data" || exit 1
        made+=("$png:$w:$h")
    done
done
# The checks, on the files as written.
for m in "${made[@]}"; do
    IFS=: read -r png w h <<<"$m"
    f=${png#"$html"/}
    # bytes 17-24 of a PNG are the width and the height, big-endian
    read -r gw gh < <(od -An -tu1 -j16 -N8 "$png" |
        awk '{print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8}')
    if [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' ')" != 89504e470d0a1a0a ]; then
        echo "$f: not a PNG"; bad=1; continue
    fi
    [ "$gw" = "$w" ] && [ "$gh" = "$h" ] || { echo "$f: ${gw}x$gh, not ${w}x$h"; bad=1; }
    cdp_call Runtime.evaluate "{\"awaitPromise\":true,\"returnByValue\":true,\"expression\":\"new Promise((ok, no) => { const i = new Image(); i.onerror = () => no('cannot decode'); i.onload = () => { const c = document.createElement('canvas'); c.width = i.width; c.height = i.height; const x = c.getContext('2d'); x.drawImage(i, 0, 0); const d = new Uint32Array(x.getImageData(0, 0, c.width, c.height).data.buffer); const n = new Map(); for (const p of d) n.set(p, (n.get(p) || 0) + 1); ok((1 - Math.max(...n.values()) / d.length) * 100); }; i.src = 'data:image/png;base64,$(base64 -w0 "$png")'; })\"}" ||
        { echo "$f: could not be decoded"; bad=1; continue; }
    pct=$(sed -n 's/.*"value":\([0-9.e+-]*\).*/\1/p' <<<"$CDP_REPLY")
    kb=$(( $(stat -c %s "$png") / 1024 ))
    if awk -v p="$pct" 'BEGIN { exit !(p >= 1) }'; then
        echo "$f: ${gw}x$gh, $kb KB, $(printf '%.1f' "$pct")% of pixels not background"
    else
        echo "$f: blank (${pct:-?}% of pixels differ from the background)"; bad=1
    fi
done
[ $bad = 0 ] || exit 1
echo "${#made[@]} screenshots ($chapters at 1280x900 and 390x844) in $html/shots, of the right size, none blank"
