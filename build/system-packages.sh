#!/usr/bin/env bash
# The Debian packages the tests need besides Python's, installed when missing: LibreOffice Calc,
# which saves the entry sheets again in tests/exchange/test_libreoffice.py.
set -euo pipefail
PACKAGES=(libreoffice-calc-nogui)

if ! command -v dpkg-query >/dev/null; then
    command -v soffice >/dev/null && exit 0
    echo "system-packages: not a Debian system; install LibreOffice Calc (soffice) yourself" >&2
    exit 1
fi
missing=()
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo)
else
    echo "system-packages: ${missing[*]} not installed, and installing needs root: run" \
         "'sudo apt-get install -y --no-install-recommends ${missing[*]}', or this script as root" >&2
    exit 1
fi
echo "system-packages: installing ${missing[*]}"
"${as_root[@]}" apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
