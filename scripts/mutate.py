#!/usr/bin/env python3
"""Mutation fuzzing of thidua's decoders, from the command line.

Makes mutants of the fixtures (bit flips, byte runs, truncation, chunk swaps and
duplicates, huge numbers, and for ZIP documents mutations of the XML parts
re-zipped; HTML and text get attribute floods, deep nesting, lying charsets,
stray bytes and combining marks), runs `thidua extract` on each with a timeout,
and sorts the outcomes:

  ok        exit 0, nothing on stderr
  refused   exit 1 with exactly one line `thidua: FILE: cause`
  noisy     exit 0 or 1 but stderr holds other text (a C library talking)
  crash     killed by a signal, or another exit status
  hang      still running after --timeout seconds

Crashing and hanging mutants are kept in OUT/found/ (name: outcome-format-seed-n).

  scripts/mutate.py --bin .build/release/thidua --count 100 --timeout 30 --out /tmp/mut
  scripts/mutate.py --bin ... --formats html,text --count 400 --seed 7

A new random seed each run unless --seed is given; the seed is printed.
"""

import argparse
import concurrent.futures
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = {
    "pdf": [".pdf"],
    "docx": [".docx"],
    "odt": [".odt"],
    "html": [".html"],
    "text": [".txt", ".md"],
}


def seeds(fmt):
    exts = FORMATS[fmt]
    files = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.is_file() and p.suffix in exts
                   and "hostile" not in p.parts)
    return [p for p in files if p.stat().st_size < 4 << 20]


# --- byte-level mutations -------------------------------------------------

def bit_flips(rng, b):
    b = bytearray(b)
    for _ in range(rng.randint(1, 16)):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def byte_runs(rng, b):
    b = bytearray(b)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(b))
        v = rng.choice([0x00, 0xFF, 0x7F, 0x80, 0x39, 0x20])
        n = rng.randint(1, 8)
        b[i:i + n] = bytes([v]) * min(n, len(b) - i)
    return bytes(b)


def truncate(rng, b):
    return b[:rng.randrange(1, max(2, len(b)))]


def chunk_swap(rng, b):
    if len(b) < 16:
        return b[::-1]
    n = rng.randint(1, max(1, len(b) // 8))
    i, j = sorted(rng.randrange(len(b) - n) for _ in range(2))
    if j < i + n:
        return b[:i] + b[i + n:] + b[i:i + n]
    return b[:i] + b[j:j + n] + b[i + n:j] + b[i:i + n] + b[j + n:]


def chunk_duplicate(rng, b):
    n = rng.randint(1, max(1, min(len(b), 4096)))
    i = rng.randrange(max(1, len(b) - n))
    k = rng.randint(2, 64)
    return b[:i] + b[i:i + n] * k + b[i + n:]


HUGE = [b"2147483647", b"4294967296", b"9223372036854775807", b"99999999999999999999", b"-2147483648",
        b"1e308", b"-1", b"0", b"1.7976931348623157e308", b"nan", b"inf"]


def huge_number(rng, b):
    spans = [m.span() for m in re.finditer(rb"-?\d+(\.\d+)?", b)]
    if not spans:
        return bit_flips(rng, b)
    out = b
    for _ in range(rng.randint(1, 6)):
        s, e = rng.choice(spans)
        if e > len(out):
            continue
        out = out[:s] + rng.choice(HUGE) + out[e:]
        spans = [m.span() for m in re.finditer(rb"-?\d+(\.\d+)?", out)]
    return out


def tail_mutation(rng, b):
    """Flips bytes near the end (a ZIP's central directory, a PDF's xref and trailer)."""
    b = bytearray(b)
    lo = max(0, len(b) - 400)
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(lo, len(b))
        b[i] = rng.randrange(256)
    return bytes(b)


BYTE_MUTATORS = [bit_flips, byte_runs, truncate, chunk_swap, chunk_duplicate, huge_number, tail_mutation]


# --- markup and text mutations --------------------------------------------

def attribute_flood(rng, b):
    m = list(re.finditer(rb"<([a-zA-Z][\w:]*)", b))
    if not m:
        return b
    t = rng.choice(m)
    n = rng.choice([1000, 50_000, 150_000])
    attrs = b"".join(b' a%d="%d"' % (k, k) for k in range(n))
    return b[:t.end()] + attrs + b[t.end():]


def deep_nesting(rng, b):
    tag = rng.choice([b"div", b"span", b"table", b"b", b"w:r", b"text:span"])
    n = rng.choice([300, 5000, 100_000])
    i = b.find(b"<body")
    i = b.find(b">", i) + 1 if i >= 0 else len(b) // 2
    return b[:i] + (b"<" + tag + b">") * n + b"x" + (b"</" + tag + b">") * n + b[i:]


def huge_spans(rng, b):
    attr = rng.choice([b"rowspan", b"colspan", b"w:val", b"table:number-columns-repeated",
                       b"table:number-rows-repeated", b"text:c", b"table:number-columns-spanned"])
    v = rng.choice([b"1000", b"100000", b"2147483647", b"99999999999", b"-5"])
    out, n = re.subn(attr + rb'="[^"]*"', attr + b'="' + v + b'"', b)
    if n == 0:
        out = re.sub(rb"<(td|th|table:table-cell|w:gridSpan)\b", lambda m: m.group(0) + b" " + attr + b'="' + v + b'"',
                     b, count=rng.randint(1, 20))
    return out


def lying_charset(rng, b):
    cs = rng.choice([b"TCVN3", b"windows-1258", b"VISCII", b"utf-16", b"iso-8859-1", b"x-bogus", b"utf-8"])
    out, n = re.subn(rb"charset=[\"']?[\w-]+", b"charset=" + cs, b, count=1)
    if n == 0:
        out = b"<meta charset=\"" + cs + b"\">" + b
    return out


def stray_bytes(rng, b):
    b = bytearray(b)
    for _ in range(rng.randint(1, 3)):
        b.insert(rng.randrange(len(b) + 1), rng.choice([0xFF, 0xFE, 0xC0, 0x80, 0xED]))
    return bytes(b)


def combining_marks(rng, b):
    marks = [b"\xcc\x81", b"\xcc\x80", b"\xcc\x83", b"\xcc\x89", b"\xcc\xa3", b"\xcd\x8f"]
    b = bytearray(b)
    for _ in range(rng.randint(1, 20)):
        i = rng.randrange(len(b) + 1)
        while i < len(b) and 0x80 <= b[i] < 0xC0:
            i += 1
        b[i:i] = rng.choice(marks) * rng.choice([1, 2, 50])
    return bytes(b)


def long_line(rng, b):
    unit = rng.choice([b"a", b"\xe1\xba\xbe", b" ", b"\t", b"1/", b"ng\xc3\xa0y "])
    n = rng.choice([10_000, 200_000, 900_000])
    i = rng.randrange(len(b) + 1)
    return b[:i] + unit * (n // len(unit)) + b[i:]


def repeated_marks(rng, b):
    unit = rng.choice([b"**", b"# ", b"|", b"- ", b"\xe2\x80\x9c", b"(", b"Kh\xe1\xbb\x91i ", b"\r"])
    n = rng.choice([1000, 100_000])
    i = rng.randrange(len(b) + 1)
    return b[:i] + unit * n + b[i:]


MARKUP_MUTATORS = [attribute_flood, deep_nesting, huge_spans, lying_charset, stray_bytes, combining_marks]
TEXT_MUTATORS = [stray_bytes, combining_marks, long_line, repeated_marks]


def mutate_zip(rng, b):
    """Mutates one XML part of the package (or the archive's bytes) and zips it again."""
    try:
        zin = zipfile.ZipFile(io.BytesIO(b))
        names = zin.namelist()
        parts = {n: zin.read(n) for n in names}
    except Exception:
        return rng.choice(BYTE_MUTATORS)(rng, b)
    xml = [n for n in names if n.endswith(".xml")]
    if not xml:
        return rng.choice(BYTE_MUTATORS)(rng, b)
    target = rng.choice(xml)
    mutator = rng.choice(MARKUP_MUTATORS + [bit_flips, chunk_swap, chunk_duplicate, huge_number, truncate])
    parts[target] = mutator(rng, parts[target])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n in names:
            z.writestr(n, parts[n], compress_type=zipfile.ZIP_STORED if n == "mimetype" else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def mutant(rng, fmt, data):
    if fmt in ("docx", "odt"):
        k = rng.random()
        if k < 0.5:
            return mutate_zip(rng, data)
        return rng.choice(BYTE_MUTATORS)(rng, data)
    if fmt == "html":
        pool = MARKUP_MUTATORS + BYTE_MUTATORS + TEXT_MUTATORS
    elif fmt == "text":
        pool = TEXT_MUTATORS + BYTE_MUTATORS
    else:
        pool = BYTE_MUTATORS
    out = data
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        out = rng.choice(pool)(rng, out) or out
    return out


# --- running --------------------------------------------------------------

def run_one(binary, path, timeout, env):
    start = time.monotonic()
    proc = subprocess.Popen([binary, "extract", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, start_new_session=True)
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # The whole session: thidua and the worker it started.
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return "hang", f"busy after {timeout} s", time.monotonic() - start
    p = subprocess.CompletedProcess(proc.args, proc.returncode, None, stderr)
    err = p.stderr.decode("utf-8", "replace").strip()
    took = time.monotonic() - start
    if p.returncode < 0:
        return "crash", f"signal {-p.returncode}: {err[-300:]}", took
    if p.returncode == 0:
        return ("ok" if not err else "noisy"), err[:300], took
    if p.returncode == 1:
        lines = err.splitlines()
        if len(lines) == 1 and lines[0].startswith(f"thidua: {path}: "):
            cause = lines[0][len(f"thidua: {path}: "):]
            # The worker's watchdog turns a crash or a hang into one line: still a finding.
            if cause.startswith("crashed") or cause.startswith("exceeded"):
                return "crash", cause, took
            if cause.startswith("timed out"):
                return "hang", cause, took
            return "refused", cause, took
        return "noisy", err[:300], took
    return "crash", f"exit {p.returncode}: {err[-300:]}", took


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=str(ROOT / ".build/release/thidua"))
    ap.add_argument("--out", default="/tmp/thidua-mutants")
    ap.add_argument("--count", type=int, default=100, help="mutants per format")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="keep every mutant, not only the crashes and hangs")
    args = ap.parse_args()

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)
    print(f"seed {seed}", flush=True)
    rng = random.Random(seed)
    out = Path(args.out)
    work, found = out / "work", out / "found"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    found.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("THIDUA_RULES", str(ROOT / "rules"))

    jobs = []
    for fmt in args.formats.split(","):
        files = seeds(fmt)
        if not files:
            print(f"{fmt}: no seed files", file=sys.stderr)
            continue
        ext = {"pdf": ".pdf", "docx": ".docx", "odt": ".odt", "html": ".html", "text": ".txt"}[fmt]
        for n in range(args.count):
            src = rng.choice(files)
            data = mutant(rng, fmt, src.read_bytes())
            if not data:
                data = b"\x00"
            path = work / f"{fmt}-{seed}-{n}{ext}"
            path.write_bytes(data)
            jobs.append((fmt, path, src))

    tally = {}
    slow = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run_one, args.bin, p, args.timeout, env): (fmt, p, src) for fmt, p, src in jobs}
        for f in concurrent.futures.as_completed(futures):
            fmt, path, src = futures[f]
            outcome, detail, took = f.result()
            tally.setdefault(fmt, {}).setdefault(outcome, 0)
            tally[fmt][outcome] += 1
            if took > args.timeout / 3:
                slow.append((took, path.name))
            if outcome in ("crash", "hang", "noisy"):
                keep = found / f"{outcome}-{path.name}"
                shutil.copy(path, keep)
                print(f"{outcome:6} {keep}  (from {src.relative_to(ROOT)}): {detail}", flush=True)
            if not args.keep:
                path.unlink(missing_ok=True)

    total = {}
    for fmt, t in sorted(tally.items()):
        print(f"{fmt:5} " + ", ".join(f"{k} {v}" for k, v in sorted(t.items())))
        for k, v in t.items():
            total[k] = total.get(k, 0) + v
    print("all   " + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))
    for took, name in sorted(slow, reverse=True)[:10]:
        print(f"slow  {took:.1f} s  {name}")
    return 1 if total.get("crash") or total.get("hang") else 0


if __name__ == "__main__":
    sys.exit(main())
