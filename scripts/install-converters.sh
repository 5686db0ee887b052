#!/bin/sh
# Converters thidua uses at run time to read Word 97-2003 .doc and .rtf files:
# LibreOffice Writer without the GUI (about 200 MB installed, ~30 s with a warm
# apt cache). thidua converts with `soffice --headless --convert-to docx` and
# reads the DOCX, so the legacy fonts (.VnTime, VNI-Times) survive.
# Without it, antiword/catdoc (.doc) and unrtf (.rtf) are used when present
# (plain text, no fonts); with none of them, .doc/.rtf fail with converter-missing.
set -eu
if command -v soffice >/dev/null 2>&1; then
    echo "LibreOffice already installed: $(command -v soffice)"
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends libreoffice-writer-nogui
