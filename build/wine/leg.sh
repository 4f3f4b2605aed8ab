#!/usr/bin/env bash
# build/wine/leg.sh — CI's Windows leg (.ci/run runs it after the Linux suite): on this Linux machine,
# under Wine, the Windows build of the checkout this script is in, tested as README.md § Windows
# says. Steps, each with a time limit (run.sh ends what a limit leaves running, by its process id):
#   setup      build/wine/setup.sh: Wine, Windows CPython, the wheels, qdesk installed (cached)
#   tests      the test suite under Windows CPython, offscreen, in two halves at once; the CLI
#              tests run in-process (QDESK_TEST_CLI, tests/cli/conftest.py), the rest as on Linux
#   build      PyInstaller: dist\qdesk\ with qdesk.exe and qdesk-cli.exe (build\build.py)
#   bundle     tests/test_bundle.py on the frozen program: demo, report, package, xlsx, check,
#              backup and restore of a damaged file, both programs' smoke mode
#   installer  tests/test_installer.py: ISCC, a silent install, the installed program's first demo,
#              report and backup, .qdesk and .qdpkg registered to it, a silent uninstall that
#              removes them and keeps the database and its backups
# Prints one line per step and a summary (N passed, N failed, N skipped); exits 1 when a step or a
# test failed, at once when setup did. Test results are in build/wine/results/*.xml (JUnit) and *.log.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PROJECT=$(cd "$HERE/../.." && pwd)
CACHE=${QDESK_WINE:-$HOME/.cache/qdesk-wine}
C=$CACHE/prefix/drive_c
RESULTS=$HERE/results
RUN=$HERE/run.sh
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
echo '*' > "$RESULTS/.gitignore"
t0=$SECONDS
failed_steps=()
summary=()

# step NAME COMMAND...: runs it, its output in results/NAME.log, and says how it went. Every Wine
# run goes through run.sh with a time limit of its own.
step() {
    local name=$1 started=$SECONDS rc
    shift
    printf '== windows leg: %s\n' "$name"
    "$@" > "$RESULTS/$name.log" 2>&1
    rc=$?
    # A failed step shows pytest's whole account of each failure (an installer's log, say), not
    # only the last lines, so CI's output alone says what went wrong.
    if [ "$rc" -ne 0 ] && grep -qE '^E ' "$RESULTS/$name.log"; then
        grep -E '^(E |_{3,} |FAILED |ERROR )' "$RESULTS/$name.log" | head -n 400
    fi
    tail -n 12 "$RESULTS/$name.log"
    [ "$rc" -eq 0 ] || failed_steps+=("$name")
    case $rc in 0) how=ok ;; 124) how="timed out" ;; *) how="failed (exit $rc)" ;; esac
    summary+=("$(printf '%-9s %5ss  %s' "$name" $((SECONDS - started)) "$how")")
}

# pytest under Wine, its JUnit report as C:\leg\NAME.xml; the output is GBK (a Chinese PC's code
# page 936), read here as UTF-8. CI is unset there, so that what only Linux CI must run (the
# LibreOffice test) is skipped with its reason rather than failed.
wine_pytest() {
    local name=$1 limit=$2 env=$3
    shift 3
    "$RUN" "cd /d C:\\qdesk & set \"QT_QPA_PLATFORM=offscreen\" & set \"CI=\" & $env C:\\venv\\Scripts\\python.exe -m pytest -q -p no:cacheprovider -o addopts= --strict-markers -rfEs --junitxml=C:\\leg\\$name.xml $*" \
        "$limit" | iconv -f gbk -t utf-8 -c
}

step setup timeout -k 30 3000 "$HERE/setup.sh"
if [ ${#failed_steps[@]} -ne 0 ]; then
    # Without the prefix, its Python or qdesk installed, every later step would fail for that
    # one reason and bury it under their own failures.
    printf '\n== windows leg: steps\n   %s\n' "${summary[@]}"
    printf 'windows leg: setup failed (see above); no other step run; %ss in all\n' $((SECONDS - t0))
    exit 1
fi
ln -sfn "$RESULTS" "$C/leg"
# The suite in two halves at once, one on each of the machine's two cores, each with its report.
FIRST_HALF=(tests/store tests/cli tests/core tests/views tests/plans tests/test_submission.py)
suite_in_halves() {
    local cli='set "QDESK_TEST_CLI=in-process" &' first second rc=0
    wine_pytest tests-1 2400 "$cli" "${FIRST_HALF[@]}" > "$RESULTS/tests-1.log" 2>&1 &
    first=$!
    wine_pytest tests-2 2400 "$cli" tests "${FIRST_HALF[@]/#/--ignore=}" \
        --ignore=tests/test_bundle.py --ignore=tests/test_installer.py > "$RESULTS/tests-2.log" 2>&1 &
    second=$!
    wait "$first" || rc=1
    wait "$second" || rc=1
    for half in 1 2; do
        printf -- '-- half %s: %s\n' "$half" "$(tail -n 1 "$RESULTS/tests-$half.log")"
        grep -E '^(FAILED|ERROR) ' "$RESULTS/tests-$half.log"
    done
    return $rc
}
step tests suite_in_halves
step build "$RUN" 'cd /d C:\qdesk & C:\venv\Scripts\python.exe build\build.py' 1500
step bundle wine_pytest bundle 1200 'set "QDESK_BUNDLE_TEST=1" &' tests/test_bundle.py
# The installer test installs for the prefix's user for real, and runs only where qdesk is neither
# installed nor has data: the prefix is the leg's own, so both are emptied first.
for user in "$C"/users/*/; do
    rm -rf "$user/AppData/Local/Programs/qdesk" "$user/AppData/Local/qdesk"
done
"$RUN" 'reg delete "HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{355707E6-F9C5-41F9-96FF-17BFA4AE3F01}_is1" /f' 60 > /dev/null 2>&1
# And qdesk's file types (build/installer.iss [Registry]): the test checks the installer made them.
"$RUN" 'reg delete "HKCU\Software\Classes\.qdesk" /f & reg delete "HKCU\Software\Classes\qdesk.Database" /f & reg delete "HKCU\Software\Classes\.qdpkg" /f & reg delete "HKCU\Software\Classes\qdesk.Package" /f' 60 > /dev/null 2>&1
step installer wine_pytest installer 1800 \
    'set "QDESK_INSTALLER_TEST=1" & set "QDESK_ISCC=C:\inno\package\bin\ISCC.exe" &' \
    tests/test_installer.py

counts=$(python3 - "$RESULTS" <<'EOF'
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

totals = dict(tests=0, failures=0, errors=0, skipped=0)
for report in sorted(Path(sys.argv[1]).glob("*.xml")):
    for suite in ET.parse(report).getroot().iter("testsuite"):
        for key in totals:
            totals[key] += int(suite.get(key, 0))
failed = totals["failures"] + totals["errors"]
passed = totals["tests"] - failed - totals["skipped"]
print(f"{passed} passed, {failed} failed, {totals['skipped']} skipped")
EOF
)
printf '\n== windows leg: steps\n'
printf '   %s\n' "${summary[@]}"
printf 'windows leg: %s; %s step(s) failed%s; %ss in all\n' "$counts" "${#failed_steps[@]}" \
    "${failed_steps[*]:+ (${failed_steps[*]})}" $((SECONDS - t0))
[ ${#failed_steps[@]} -eq 0 ] && [[ $counts == *" 0 failed"* ]]
