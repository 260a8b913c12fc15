#!/usr/bin/env bash
# Real-browser tests of the web app (tools/browser/test_pages.py): installs what this machine lacks (Chromium
# and chromedriver from Debian, the pinned Python packages into a virtual environment), then runs pytest.
# Works on a fresh Debian 12 machine as root. Build the app first.
#
# Usage: KNEEREHAB_BINARY=.build/debug/kneerehab tools/browser/run.sh [extra pytest arguments]
#   KNEEREHAB_BINARY         the kneerehab binary (default: .build/debug/kneerehab in the repository root)
#   KNEEREHAB_BROWSER_VENV   where the virtual environment lives (default: .build/browser-venv; relative to
#                            the repository root)
#   KNEEREHAB_BROWSER_SCREENSHOTS  a folder for a screenshot of every checked page (optional)
set -euo pipefail

# A relative binary path means relative to where the caller stands, not to the repository root.
if [[ -n "${KNEEREHAB_BINARY:-}" && "${KNEEREHAB_BINARY}" != /* ]]; then
    KNEEREHAB_BINARY="$PWD/$KNEEREHAB_BINARY"
fi
if [[ -n "${KNEEREHAB_BROWSER_SCREENSHOTS:-}" && "${KNEEREHAB_BROWSER_SCREENSHOTS}" != /* ]]; then
    KNEEREHAB_BROWSER_SCREENSHOTS="$PWD/$KNEEREHAB_BROWSER_SCREENSHOTS"
fi
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive

apt_updated=false
apt_install() {
    if [[ "$apt_updated" == false ]]; then
        apt-get update -q
        apt_updated=true
    fi
    apt-get install -y -q "$@"
}

if ! command -v chromium >/dev/null 2>&1; then
    apt_install chromium chromium-driver
elif ! command -v chromedriver >/dev/null 2>&1; then
    apt_install chromium-driver
fi
if ! command -v python3 >/dev/null 2>&1; then
    apt_install python3
fi

# A virtual environment: Debian's own python3 refuses system-wide pip installs (PEP 668), and this keeps the
# pinned versions away from anything else on the machine.
venv="$(realpath -m "${KNEEREHAB_BROWSER_VENV:-.build/browser-venv}")"
if [[ -e "$venv" && ! -f "$venv/pyvenv.cfg" ]]; then
    echo "run.sh: $venv exists and is not a virtual environment; set KNEEREHAB_BROWSER_VENV elsewhere" >&2
    exit 1
fi
if [[ ! -x "$venv/bin/python3" ]] || ! "$venv/bin/python3" -m pip --version >/dev/null 2>&1; then
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        # Debian keeps venv's pip bootstrap in python3-venv.
        rm -rf "$venv"
        apt_install python3-venv
        python3 -m venv "$venv"
    fi
fi
# --ignore-requires-python: see the note in requirements.txt (axe-selenium-python 3.0.0 on Python 3.11).
"$venv/bin/python3" -m pip install -q --disable-pip-version-check --ignore-requires-python \
    -r tools/browser/requirements.txt

export PATH="$venv/bin:$PATH"
if [[ -n "${KNEEREHAB_BINARY:-}" ]]; then export KNEEREHAB_BINARY; fi
if [[ -n "${KNEEREHAB_BROWSER_SCREENSHOTS:-}" ]]; then export KNEEREHAB_BROWSER_SCREENSHOTS; fi
python3 -m pytest -q -p no:cacheprovider tools/browser "$@"
