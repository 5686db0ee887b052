#!/usr/bin/env python3
"""Renders the portal-Markdown plans of a fixture folder as offices publish them, to measure
thidua on other renderings of the same plans: HTML with layout tables (the header's and the
closing block's `|` cells), LibreOffice's PDF of it (Liberation Serif), and a scan of that
PDF (200 dpi gray pages, JPEG in a PDF, as the shared seeds' scans are).

Usage: python3 scripts/render-plans.py fixtures/campaign OUT
Writes OUT/NN/doc.html, doc.pdf, doc-scan.pdf and, beside each, an NN-doc-*.expect.json
copied from the fixture's expectation with its input changed; then score a rendering with
  python3 ../shared/tools/score.py --cases OUT/NN ...  (or gather the expects of one kind).
Needs soffice, pdftoppm, fonts-liberation and Pillow. Outputs stay outside the repository."""
import glob, html, json, os, re, subprocess, sys, tempfile
from PIL import Image

def inline(s):
    s = html.escape(s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s, flags=re.S)
    s = re.sub(r"\*(.+?)\*", r"<i>\1</i>", s, flags=re.S)
    return s.replace("**", "").replace("*", "")

def join_cell(lines):
    out = []
    for l in lines:
        if out:
            prev = out[-1]
            stars = prev.count("**") % 2 == 1 or (prev.replace("**", "").count("*") % 2 == 1)
            wrapped_item = prev.lstrip().startswith("-") and not prev.rstrip().endswith((";", ".")) \
                and not l.lstrip().startswith(("-", "*"))
            if stars or wrapped_item:
                out[-1] = prev.rstrip() + " " + l.strip()
                continue
        out.append(l)
    return "\n".join(out)

def to_html(md):
    lines = md.split("\n")
    out, i, n = [], 0, len(lines)
    while i < n:
        if lines[i].strip() == "|":
            rows, row, cell = [], [], None
            i += 1
            cell = []
            while i < n:
                l = lines[i]
                if l.strip() == "|":
                    if cell: row.append(cell)
                    else:
                        if row: rows.append(row); row = []
                    cell = []
                    i += 1
                    if i < n and lines[i].strip() == "":
                        break
                    continue
                cell.append(l)
                i += 1
            if cell: row.append(cell)
            if row: rows.append(row)
            out.append('<table width="100%" style="border:none">')
            for r in rows:
                out.append("<tr>" + "".join(
                    '<td valign="top" align="%s" width="%d%%">%s</td>' % (
                        "left" if k == 0 and len(r) > 1 and any("Nơi nhận" in x for x in c) else "center",
                        100 // len(r), inline(join_cell(c)).replace("\n", "<br>"))
                    for k, c in enumerate(r)) + "</tr>")
            out.append("</table>")
            continue
        para = []
        while i < n and lines[i].strip() and lines[i].strip() != "|":
            para.append(lines[i]); i += 1
        if para:
            text = inline(" ".join(para))
            # cells of body tables (lone | lines inside) are rare; headings centred when in caps
            plain = re.sub("<[^>]+>", "", text)
            centred = plain.isupper() or plain.startswith("KẾ HOẠCH")
            out.append('<p align="%s">%s</p>' % ("center" if centred else "justify", text))
        else:
            i += 1
    return '<html><head><meta charset="utf-8"><style>body{font-family:"Liberation Serif","Times New Roman",serif;font-size:13pt}</style></head><body>' + "\n".join(out) + "</body></html>"

def main(src, dst):
    for md in sorted(glob.glob(os.path.join(src, "*.md"))):
        name = os.path.basename(md)[:-3]
        if not os.path.exists(os.path.join(src, name + ".expect.json")):
            continue
        d = os.path.join(dst, name[:2]); os.makedirs(d, exist_ok=True)
        open(os.path.join(d, "doc.html"), "w").write(to_html(open(md).read()))
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", d,
                        os.path.join(d, "doc.html")], check=True, capture_output=True)
        with tempfile.TemporaryDirectory() as t:
            subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", os.path.join(d, "doc.pdf"), os.path.join(t, "p")], check=True)
            pages = [Image.open(p).convert("L") for p in sorted(glob.glob(os.path.join(t, "p*.png")))]
            pages[0].save(os.path.join(d, "doc-scan.pdf"), save_all=True, append_images=pages[1:], resolution=200)
        exp = json.load(open(os.path.join(src, name + ".expect.json")))
        for r in ["doc.pdf", "doc-scan.pdf", "doc.html"]:
            e = dict(exp); e["id"] = name[:2] + "-" + r.replace(".", "-"); e["input"] = r
            json.dump(e, open(os.path.join(d, name[:2] + "-" + r.replace(".", "-") + ".expect.json"), "w"), ensure_ascii=False, indent=1)
main(sys.argv[1], sys.argv[2])
