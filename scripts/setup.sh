#!/usr/bin/env bash
# Installs the system packages thidua needs on Debian 12, only those missing.
# Usage: scripts/setup.sh [--test]   (--test adds what the test suite needs)
set -euo pipefail
need=(pkg-config python3 libpoppler-glib-dev poppler-utils libxml2-dev libtesseract-dev libleptonica-dev
      tesseract-ocr tesseract-ocr-vie libsqlite3-dev)
if [[ "${1:-}" == "--test" ]]; then
  # chromium + chromium-driver: the review page's browser test (WebDriver, headless).
  need+=(postgresql qpdf chromium chromium-driver fonts-dejavu-core curl)
fi
# Word 97-2003 .doc and .rtf are read through LibreOffice (see scripts/install-converters.sh).
if ! command -v soffice >/dev/null 2>&1; then need+=(libreoffice-writer-nogui); fi
missing=()
for p in "${need[@]}"; do
  [[ -z "$p" ]] && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The tests read exports back with real readers: openpyxl (XLSX) and icalendar (ICS);
# Pillow writes the multi-page TIFF of the image-input test; openapi-spec-validator checks
# the server's /openapi.json.
if [[ "${1:-}" == "--test" ]] && ! python3 -c "import openpyxl, icalendar, PIL, openapi_spec_validator" 2>/dev/null; then
  py=(openpyxl icalendar pillow openapi-spec-validator)
  echo "setup: installing ${py[*]} for python3" >&2
  python3 -m pip install -q --disable-pip-version-check "${py[@]}" 2>/dev/null \
    || python3 -m pip install -q --disable-pip-version-check --break-system-packages "${py[@]}" 2>/dev/null \
    || echo "setup: could not install ${py[*]}; the tests that need them will say so" >&2
fi
if ! command -v swift >/dev/null 2>&1; then
  if [[ -x /opt/swift/usr/bin/swift ]]; then export PATH="/opt/swift/usr/bin:$PATH"; else
    echo "setup: Swift 6 toolchain not found (install it from swift.org, then run again)" >&2; exit 2; fi
fi
