#!/bin/sh
# Regenerates fixtures/pdf/*.pdf. Needs gcc, libcairo2-dev, fonts-dejavu-core, qpdf.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/fixtures/pdf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
gcc -O1 -o "$tmp/make" "$root/scripts/make-pdf-fixtures.c" $(pkg-config --cflags --libs cairo)
"$tmp/make" "$out"
# Encrypted with a user password: poppler cannot open it without one.
qpdf --encrypt secret owner-secret 256 -- "$out/two-column-header.pdf" "$out/encrypted.pdf"
# Truncated: the first 60 % of the bytes (no xref, no trailer, a stream cut short).
size=$(wc -c < "$out/two-column-header.pdf")
head -c $((size * 6 / 10)) "$out/two-column-header.pdf" > "$out/truncated.pdf"
ls -l "$out"
