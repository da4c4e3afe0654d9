#!/usr/bin/env bash
# System packages gongkai needs beyond Python: a CJK font and pango for PDF output,
# PostgreSQL for the database tests, Chromium for the browser tests, poppler and qpdf
# for the PDF tests, LibreOffice Writer (no GUI) to print the accuracy corpus's DOCX to
# PDF. Installs what is missing when run as root; otherwise says what to install. Idempotent and quick when everything is there.
set -euo pipefail

packages=(postgresql chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils qpdf libreoffice-writer-nogui)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "gongkai needs these Debian packages: ${missing[*]}" >&2
  echo "install them as root: apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends --no-upgrade "${missing[@]}" >/dev/null
