#!/usr/bin/env bash
# build/wine/run.sh 'windows command line' [timeout_s]
# Runs one command line under Wine's cmd.exe in the prefix build/wine/setup.sh made, and prints its
# output. The command goes into a .bat run by `cmd /c`, with the redirection done by cmd: Windows
# CPython dies at start when its stdio is a Linux file or pipe (init_sys_streams ... WinError 6).
# Wine's crash debugger is disabled (winedbg --auto would hang). The Wine processes run in a process
# group of their own (setsid); on timeout that group is ended by its id (TERM, then KILL) and the
# prefix's wineserver is killed (`wineserver -k`), so nothing is left running; the same is done
# when the script itself is ended by a signal. Exit status: the command's, 124 on timeout, 143 when
# ended by a signal.
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: $0 'windows command line' [timeout_s]" >&2; exit 2; }
CACHE=${QDESK_WINE:-$HOME/.cache/qdesk-wine}
export WINEPREFIX=${WINEPREFIX:-$CACHE/prefix} WINEDEBUG=${WINEDEBUG:--all} DISPLAY=${DISPLAY:-:91}
export WINEDLLOVERRIDES="winedbg.exe=d${WINEDLLOVERRIDES:+;$WINEDLLOVERRIDES}"
unset PIP_FIND_LINKS PIP_CERT PIP_INDEX_URL
WINE=/usr/lib/wine/wine64
WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver64)
LOCALE=${QDESK_WINE_LOCALE:-zh_CN.UTF-8}   # a Chinese PC (code page 936); Chinese file names work
limit=${2:-600}

# Xvfb on $DISPLAY, started once and left running (Wine wants a display for anything windowed).
[ "$DISPLAY" = :91 ] && "$(dirname "$0")/display.sh" 91 "$CACHE/xvfb.pid"

id=$$-$RANDOM; bat=$WINEPREFIX/drive_c/run-$id.bat; ulog=$WINEPREFIX/drive_c/run-$id.log
printf '@echo off\r\n%s > C:\\run-%s.log 2>&1 < NUL\r\nexit /b %%ERRORLEVEL%%\r\n' "$1" "$id" > "$bat"
trap 'rm -f "$bat" "$ulog"' EXIT

# A background job of a script is not a group leader, so setsid makes the new session in place:
# its pid is the id of the group every Wine process of this run belongs to.
setsid env LC_ALL="$LOCALE" "$WINE" cmd /c "C:\\run-$id.bat" \
    </dev/null >/dev/null 2>"${QDESK_WINE_LOG:-/dev/null}" &
pid=$!
# The run's process group (led by $pid), or $pid alone if setsid could not lead one; then the
# prefix's wineserver, which would otherwise keep the Windows processes alive.
end_run() {
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null; sleep 3
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    "$WINESERVER" -k 2>/dev/null
}
# Ended from outside (CI's own timeout, ^C): end the run too, not only this script.
trap 'end_run; exit 143' TERM INT HUP
deadline=$((SECONDS + limit)); rc=
while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
        end_run
        echo "run.sh: timed out after ${limit}s; process group $pid ended, wineserver killed" >&2
        rc=124
        break
    fi
    sleep 1
done
wait "$pid" 2>/dev/null; status=$?
cat "$ulog" 2>/dev/null
exit "${rc:-$status}"
