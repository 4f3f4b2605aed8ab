#!/usr/bin/env bash
# build/wine/display.sh N [pidfile]
# Makes sure an Xvfb answers on display :N, starting one (left running) when none does; run.sh
# calls it for :91 before every Wine run. The socket alone proves nothing: a machine restarted
# with /tmp kept has the socket and the lock of a server that is gone, and there Wine creates no
# window (the installer fails at once: "Error reading FPreparingMemo.Lines.Strings: A call to an
# OS function failed"). So a server is the lock's process, if it is alive (not a zombie) and is
# Xvfb; stale files are removed before a new one starts. Exit status 0 when a server answers, 1
# when none started.
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: $0 N [pidfile]" >&2; exit 2; }
n=$1
socket=/tmp/.X11-unix/X$n lock=/tmp/.X$n-lock

alive() {
    local pid state
    pid=$(tr -d ' \n' 2>/dev/null < "$lock") && [ -n "$pid" ] && [ -e "$socket" ] &&
        [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = Xvfb ] || return 1
    # A zombie (ended, not reaped: the machine's init may not reap) keeps its name, not its display.
    state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)
    [ -n "$state" ] && [ "$state" != Z ]
}

alive && exit 0
rm -f "$socket" "$lock"
setsid Xvfb ":$n" -screen 0 1280x1024x24 -nolisten tcp </dev/null >/dev/null 2>&1 &
[ $# -ge 2 ] && echo $! > "$2"
for _ in $(seq 100); do alive && exit 0; sleep 0.1; done     # 10 s: a loaded machine is slow
echo "display.sh: Xvfb did not start on :$n; windowed programs will fail under Wine" >&2
exit 1
