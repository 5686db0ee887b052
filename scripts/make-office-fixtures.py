#!/usr/bin/env python3
"""Writes the small DOCX/ODT/HTML fixtures and the hostile ones under fixtures/.

Run from the package root: python3 scripts/make-office-fixtures.py
Needs python3 and, for the encrypted DOCX, the `zip` tool (zip -e).
The outputs are committed; the script is how they were made.
"""
import os
import struct
import subprocess
import tempfile
import zipfile
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


FIXED_TIME = (2024, 1, 1, 0, 0, 0)
_writestr = zipfile.ZipFile.writestr


def _fixed_writestr(self, name, data, *args, **kwargs):
    # Fixed timestamps, so that running the script again gives the same bytes.
    if isinstance(name, str):
        name = zipfile.ZipInfo(name, date_time=FIXED_TIME)
        name.compress_type = self.compression
    return _writestr(self, name, data, *args, **kwargs)


zipfile.ZipFile.writestr = _fixed_writestr


def path(*parts):
    p = os.path.join(ROOT, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def docx(name, document, extra=None):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document)
        for k, v in (extra or {}).items():
            z.writestr(k, v)


def p(text, jc=None, bold=False, font=None, style=None, num=None, ilvl=0):
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    rpr = ""
    if font:
        rpr += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>'
    if bold:
        rpr += "<w:b/>"
    runs = ""
    for i, part in enumerate(text.split("\n")):
        if i:
            runs += "<w:r><w:br/></w:r>"
        runs += f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{part}</w:t></w:r>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def tc(*paras, span=None, vmerge=None):
    pr = ""
    if span:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge is not None:
        pr += '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{''.join(paras) or '<w:p/>'}</w:tc>"


def tbl(*rows):
    return "<w:tbl>" + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"


def document(body):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>')


STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"""
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def make_docx_fixtures():
    header = tbl(
        [tc(p("UBND TỈNH BẮC KẠN", jc="center"), p("SỞ NÔNG NGHIỆP VÀ PTNT", jc="center", bold=True)),
         tc(p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", jc="center", bold=True),
            p("Độc lập - Tự do - Hạnh phúc", jc="center", bold=True))],
        [tc(p("Số: 12/KH-SNN", jc="center")), tc(p("Bắc Kạn, ngày 29 tháng 11 năm 2021", jc="center"))],
    )
    data = tbl(
        [tc(p("TT")), tc(p("Nội dung")), tc(p("Đơn vị thực hiện")), tc(p("Thời gian"))],
        [tc(p("1")), tc(p("Phát động thi đua")), tc(p("Văn phòng"), vmerge="restart"), tc(p("Quý I"))],
        [tc(p("2")), tc(p("Sơ kết")), tc(vmerge="continue"), tc(p("Quý II"))],
        [tc(p("Ghi chú chung"), span=4)],
    )
    closing = tbl(
        [tc(p("Nơi nhận:", bold=True), p("- Như trên;"), p("- Lưu: VT.")),
         tc(p("KT. GIÁM ĐỐC", jc="center", bold=True), p("PHÓ GIÁM ĐỐC", jc="center", bold=True),
            p("Nguyễn Văn A", jc="center", bold=True))],
    )
    body = (header + p("KẾ HOẠCH", jc="center", bold=True)
            + p("Về việc phát động thi đua\nnăm 2022", jc="center", bold=True)
            + p("I. MỤC ĐÍCH, YÊU CẦU", style="Heading2")
            + p("Tuyên truyền sâu rộng", num="1") + p("MỤC ĐÍCH", num="2") + p("Bước một", num="2", ilvl=1)
            + p("Bước hai", num="2", ilvl=1) + p("TỔ CHỨC", num="2") + p("Bước đầu", num="2", ilvl=1)
            + data + p("Trên đây là Kế hoạch./.") + closing)
    docx(path("docx", "layout-tables.docx"), document(body),
         {"word/styles.xml": STYLES, "word/numbering.xml": NUMBERING})
    # TCVN3 text in a .VnTime run: the bytes stay as Word stored them, the font names the encoding.
    docx(path("docx", "vntime-font.docx"),
         document(p("Céng hoµ x· héi chñ nghÜa ViÖt Nam", jc="center", font=".VnTimeH")
                  + p("KÕ ho¹ch", font=".VnTime", bold=True)
                  # Old documents lay out the header with spaces instead of a table.
                  + p("bé tµi chÝnh" + " " * 24 + "céng hoµ x· héi chñ nghÜa ViÖt nam", font=".VnTime")
                  + p(" " * 60 + "Hµ néi, ngµy 22 th¸ng 11 n¨m 2002", font=".VnTime")
                  + p("ngµy" + " " * 12 + "th¸ng" + " " * 12 + "n¨m 2002", font=".VnTime")))


def make_soft_hyphen_fixture():
    # LibreOffice writes TCVN3's "ư" (byte 0xAD, a soft hyphen in Windows-1252) as <w:softHyphen/>
    # when it converts an old .doc/.rtf to DOCX: "Th«ng t<softHyphen/>" is "Thông tư".
    def run(text, font=".VnTime"):
        return (f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
                f'<w:t xml:space="preserve">{text}</w:t></w:r>')
    sh = '<w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr><w:softHyphen/></w:r>'
    def para(*runs):
        return "<w:p>" + "".join(runs) + "</w:p>"
    body = (para(run("Bé tµi chÝnh", ".VnTimeH")) + para(run("Sè: 99/1998/TT-BTC"))
            + para(run("Hµ Néi, ngµy 14 th¸ng 7 n¨m 1998")) + para(run("Th«ng t", ".VnTimeH"), sh)
            + para(run("H"), sh, run("íng dÉn thi hµnh thuÕ thu nhËp"))
            + para(run("Bé Tµi chÝnh h"), sh, run("íng dÉn thùc hiÖn nh"), sh, run(" sau:")))
    docx(path("docx", "tcvn3-soft-hyphen.docx"), document(body))


def make_footnote_fixture():
    # Plans cite documents in footnotes; a PDF prints them at the foot of the page.
    notes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Nghị quyết số '
             '10-NQ/TW ngày 10/02/2022 của Bộ Chính trị.</w:t></w:r></w:p></w:footnote></w:footnotes>')
    body = (p("UBND TỈNH LÀO CAI") + p("Số: 12/KH-UBND") + p("Lào Cai, ngày 10 tháng 3 năm 2026")
            + p("KẾ HOẠCH", jc="center", bold=True) + p("Triển khai công tác khoáng sản", jc="center")
            + '<w:p><w:r><w:t xml:space="preserve">I. MỤC ĐÍCH: quán triệt các nghị quyết của Đảng</w:t></w:r>'
              '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> về khoáng sản.</w:t></w:r></w:p>'
            + p("II. NỘI DUNG: rà soát quy hoạch."))
    docx(path("docx", "footnote.docx"), document(body), {"word/footnotes.xml": notes})


def make_odt_fixtures():
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {ns} office:version="1.3">
<office:automatic-styles>
<style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold" style:font-name="Times New Roman"/></style:style>
<style:style style:name="T1" style:family="text"><style:text-properties style:font-name=".VnTime"/></style:style>
<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="-"/></text:list-style>
</office:automatic-styles>
<office:body><office:text>
<table:table table:name="Header"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell><text:p text:style-name="P1">UBND TỈNH LÀO CAI</text:p></table:table-cell>
<table:table-cell><text:p text:style-name="P1">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<text:line-break/>Độc lập - Tự do - Hạnh phúc</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>Số: 7/KH-UBND</text:p></table:table-cell>
<table:table-cell><text:p>Lào Cai, ngày 02 tháng 3 năm 2024</text:p></table:table-cell></table:table-row>
</table:table>
<text:p text:style-name="P1">KẾ HOẠCH</text:p>
<text:h text:outline-level="2">I. MỤC ĐÍCH</text:h>
<text:list text:style-name="L1"><text:list-item><text:p>Tuyên truyền<text:s text:c="3"/>sâu rộng</text:p></text:list-item></text:list>
<text:p>Chữ <text:span text:style-name="T1">KÕ ho¹ch</text:span></text:p>
<text:p>Quán triệt nghị quyết<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Nghị quyết số 10-NQ/TW ngày 10/02/2022 của Bộ Chính trị.</text:p></text:note-body></text:note> của Đảng.</text:p>
<table:table table:name="Data">
<table:table-row><table:table-cell><text:p>TT</text:p></table:table-cell><table:table-cell><text:p>Nội dung</text:p></table:table-cell><table:table-cell><text:p>Thời gian</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Gộp hai cột</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>Quý I</text:p></table:table-cell></table:table-row>
</table:table>
</office:text></office:body></office:document-content>"""
    with zipfile.ZipFile(path("odt", "layout-tables.odt"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)


def make_html_fixtures():
    menu = "".join(f'<li><a href="/m{i}">Mục menu số {i}</a></li>' for i in range(300))
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Cổng thông tin</title>
<script>var x = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA trong script";</script><style>p {{ color: red }}</style></head>
<body><nav><ul>{menu}</ul></nav><header>Cổng thông tin điện tử tỉnh</header>
<div class="layout"><div class="col-left"><ul>{menu}</ul></div>
<div class="content"><div id="toanvan">
<table border="0"><tr><td align="center"><b>UBND TỈNH BẮC KẠN</b><br>SỞ NÔNG NGHIỆP</td>
<td style="text-align:center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập - Tự do - Hạnh phúc</td></tr>
<tr><td>Số: 5/KH-SNN</td><td><i>Bắc Kạn, ngày 1 tháng 2 năm 2022</i></td></tr></table>
<p align="center"><strong>KẾ HOẠCH</strong></p>
<p style="text-align: center">Tổ chức phong trào thi đua &amp; khen thưởng&nbsp;năm 2022</p>
<h2>I. MỤC ĐÍCH</h2><ul><li>Tuyên truyền</li></ul>
<table border="1"><tr><th>TT</th><th>Nội dung</th><th>Thời gian</th></tr>
<tr><td rowspan="2">1</td><td>Phát động</td><td>Quý I</td></tr><tr><td>Sơ kết</td><td>Quý II</td></tr></table>
<p>Trên đây là Kế hoạch./.</p><p><font face=".VnTime">Chó thÝch</font></p>
<div style="display: none">Nội dung ẩn</div></div></div></div>
<footer>Địa chỉ: 1 đường ABC. Điện thoại: 0209.</footer></body></html>"""
    with open(path("html", "portal-page.html"), "w", encoding="utf-8") as f:
        f.write(page)
    legacy = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head>
<body><p align=center><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p align=center>KẾ HOẠCH</p>
<p>Thực hiện phong trào thi đua năm 2020.</p></body></html>"""
    import unicodedata
    # windows-1258 has â ê ô ă ơ ư đ precomposed and the tones as combining marks.
    out = bytearray()
    for ch in unicodedata.normalize("NFC", legacy):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        shape = "".join(m for m in d[1:] if m in "\u0302\u0306\u031b")
        tones = "".join(m for m in d[1:] if m not in "\u0302\u0306\u031b")
        out += unicodedata.normalize("NFC", d[0] + shape).encode("cp1258") + tones.encode("cp1258")
    with open(path("html", "windows-1258.html"), "wb") as f:
        f.write(bytes(out))


def make_hostile_fixtures():
    xxe = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
           f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>')
    docx(path("hostile", "xxe.docx"), xxe)
    lol = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    laughs = ('<?xml version="1.0"?>\n'
              f'<!DOCTYPE w:document [{lol}]>\n'
              f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    docx(path("hostile", "billion-laughs.docx"), laughs)
    # 200 MiB of zeros deflate to ~200 KiB: refused from the central directory.
    name = path("hostile", "zip-bomb.docx")
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("word/document.xml", document(p("Bom")))
        info = zipfile.ZipInfo("word/media/zeros.bin", date_time=FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            chunk = bytes(1 << 20)
            for _ in range(200):
                f.write(chunk)
    # A small-looking entry: sizes say 100 bytes, the data inflates to 2 MiB.
    make_lying_sizes(path("hostile", "lying-sizes.docx"))
    # Deeply nested XML: libxml2 stops at depth 256.
    deep = (f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>' + "<w:sdt><w:sdtContent>" * 5000
            + "</w:sdtContent></w:sdt>" * 5000 + "</w:body></w:document>")
    docx(path("hostile", "deep-xml.docx"), deep)
    # Traditional ZIP encryption (password x).
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "word"))
        with open(os.path.join(tmp, "[Content_Types].xml"), "w") as f:
            f.write(CT)
        with open(os.path.join(tmp, "word", "document.xml"), "w") as f:
            f.write(document(p("Bí mật")))
        for f in ("[Content_Types].xml", os.path.join("word", "document.xml")):
            os.utime(os.path.join(tmp, f), (1704067200, 1704067200))
        out = path("hostile", "encrypted.docx")
        if os.path.exists(out):
            os.remove(out)
        subprocess.run(["zip", "-q", "-X", "-e", "-P", "x", out, "[Content_Types].xml", "word/document.xml"],
                       cwd=tmp, check=True)
    # A DOCX cut in half: no central directory.
    with open(path("docx", "layout-tables.docx"), "rb") as f:
        whole = f.read()
    with open(path("hostile", "truncated.docx"), "wb") as f:
        f.write(whole[: len(whole) // 2])


def make_lying_sizes(name):
    payload = document(p("x" * (2 << 20))).encode()
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = comp.compress(payload) + comp.flush()
    crc = zlib.crc32(payload)
    fname = b"word/document.xml"
    lie = 100
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), lie, len(fname), 0) + fname
    cd = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), lie, len(fname),
                     0, 0, 0, 0, 0, 0) + fname
    body = local + data
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(cd), len(body), 0)
    with open(name, "wb") as f:
        f.write(body + cd + eocd)


if __name__ == "__main__":
    make_docx_fixtures()
    make_soft_hyphen_fixture()
    make_footnote_fixture()
    make_odt_fixtures()
    make_html_fixtures()
    make_hostile_fixtures()
