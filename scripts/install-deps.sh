#!/usr/bin/env bash
# Installs the Debian 12 packages shiftdesk needs to build, test and run, when any is missing.
# Runs as root or through sudo; does nothing (and needs no privilege) when all are present.
set -euo pipefail

packages=(
    g++ cmake ninja-build pkg-config make clang-format
    libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
    libsqlite3-dev sqlite3 libsodium-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev libhowardhinnant-date-dev tzdata
    libical-dev libcurl4-openssl-dev libxlsxwriter-dev libgmime-3.0-dev libxml2-dev
    libgtest-dev libgmock-dev libbenchmark-dev python3-icalendar python3-aiosmtpd python3-openpyxl openssl
    python3-jsonschema python3-yaml dovecot-imapd
    chromium
)
if [ "${1:-}" = "--print" ]; then printf '%s\n' "${packages[@]}"; exit 0; fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
