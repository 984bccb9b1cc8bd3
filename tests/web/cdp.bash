# A small client of the Chrome DevTools Protocol over --remote-debugging-pipe,
# for the tests of the web edition (sourced, not run: it is not a *.sh).
# cdp_start DIR starts headless Chromium with its profile in DIR and
# attaches to a new tab; cdp_call METHOD PARAMS sends a command to the
# tab and waits for its answer (in $CDP_REPLY), passing every event that
# arrives meanwhile to the function cdp_event (define it; it gets the
# JSON text).  Chromium has no network: every host resolves to nothing
# and every proxy is refused, so a page that loads from the web fails.
CDP_ID=0 CDP_SESSION= CDP_REPLY= CDP_PID= CDP_DEMUX=
# a write to a Chromium that has gone is an error, not the end of the test
trap "" PIPE
cdp_send() {  # cdp_send METHOD PARAMS [SESSION]: its id is in CDP_ID
    CDP_ID=$((CDP_ID + 1))
    local s=${3:+,\"sessionId\":\"$3\"}
    printf '{"id":%d,"method":"%s","params":%s%s}\0' "$CDP_ID" "$1" "$2" "$s" >&"$CDP_IN"
}
cdp_wait() {  # cdp_wait ID: reads messages until the answer to ID
    local msg
    while :; do
        IFS= read -r -t "${CDP_TIMEOUT:-60}" msg <&"$CDP_OUT" ||
            { echo "chromium: no answer to command $1 within ${CDP_TIMEOUT:-60} s" >&2; return 1; }
        if [[ $msg == "{\"id\":$1,"* ]]; then
            CDP_REPLY=$msg
            [[ $msg != *'"error":{'* ]] || { echo "chromium: $msg" >&2; return 1; }
            return 0
        fi
        cdp_event "$msg"
    done
}
cdp_call() { cdp_send "$1" "$2" "$CDP_SESSION" && cdp_wait "$CDP_ID"; }
cdp_start() {  # cdp_start DIR
    local dir=$1
    mkfifo "$dir/to-chromium" "$dir/from-chromium" "$dir/messages" || return 1
    chromium --headless --no-sandbox --disable-gpu --remote-debugging-pipe \
        --user-data-dir="$dir/profile" --no-first-run --no-default-browser-check \
        --host-resolver-rules='MAP * ~NOTFOUND' --proxy-server='127.0.0.1:9' \
        --hide-scrollbars --mute-audio \
        3<"$dir/to-chromium" 4>"$dir/from-chromium" 2>"$dir/chromium.log" &
    CDP_PID=$!
    # One message a line for bash, which reads a pipe a byte at a time: a
    # long base64 "data" field (a screenshot) goes into a file of its own,
    # DIR/data-N, and the message names it as "datafile":"DIR/data-N".
    perl -e '$/ = "\0"; $| = 1; my $n = 0;
        while (<STDIN>) { chomp;
            s{"data":"([^"]{1000,})"}{ my $f = "$ARGV[0]/data-" . ++$n;
                open my $o, ">", $f or die; print $o $1; close $o; "\"datafile\":\"$f\"" }e;
            print "$_\n" }' "$dir" <"$dir/from-chromium" >"$dir/messages" 2>/dev/null &
    CDP_DEMUX=$!
    exec {CDP_IN}>"$dir/to-chromium" {CDP_OUT}<"$dir/messages"
    cdp_send Target.createTarget '{"url":"about:blank"}' && cdp_wait "$CDP_ID" || return 1
    local target; target=$(sed -n 's/.*"targetId":"\([^"]*\)".*/\1/p' <<<"$CDP_REPLY")
    cdp_send Target.attachToTarget "{\"targetId\":\"$target\",\"flatten\":true}" &&
        cdp_wait "$CDP_ID" || return 1
    CDP_SESSION=$(sed -n 's/.*"sessionId":"\([^"]*\)".*/\1/p' <<<"$CDP_REPLY")
    [ -n "$CDP_SESSION" ] || { echo "chromium: could not attach to a tab" >&2; return 1; }
}
cdp_stop() {  # asks Chromium to close, and ends it if it has not in 5 s
    [ -n "$CDP_PID" ] || return 0
    cdp_send Browser.close '{}' 2>/dev/null
    exec {CDP_IN}>&- {CDP_OUT}<&-
    local i
    for i in $(seq 50); do kill -0 "$CDP_PID" 2>/dev/null || break; sleep 0.1; done
    kill "$CDP_PID" 2>/dev/null
    wait "$CDP_PID" "$CDP_DEMUX" 2>/dev/null
    CDP_PID=
}
# cdp_load URL: navigates the tab to URL and returns after its load event
# and a further quarter of a second (for what runs after it).
cdp_load() {
    local loaded=0 msg
    cdp_call Page.navigate "{\"url\":\"$1\"}" || return 1
    while [ "$loaded" = 0 ]; do
        IFS= read -r -t "${CDP_TIMEOUT:-60}" msg <&"$CDP_OUT" ||
            { echo "chromium: $1 did not load within ${CDP_TIMEOUT:-60} s" >&2; return 1; }
        [[ $msg == *'"method":"Page.loadEventFired"'* ]] && loaded=1 || cdp_event "$msg"
    done
    cdp_call Runtime.evaluate '{"expression":"new Promise(r => setTimeout(r, 250))","awaitPromise":true}'
}
