#!/usr/bin/env python3
"""Field accuracy of `thidua extract` on the benchmark corpus's truth (header fields).

Usage: scripts/eval-bench.py [--corpus ../shared/bench/corpus-1000] [--bin .build/release/thidua] [--limit N] [--show FIELD]
Prints per-field accuracy and per-format accuracy; --show FIELD lists the misses of one field.
"""
import argparse, json, os, subprocess, sys, unicodedata, difflib, collections

def fold(s):
    if s is None: return None
    s = unicodedata.normalize("NFC", str(s)).casefold()
    for a, b in {"uỷ": "ủy", "uý": "úy", "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa"}.items():
        s = s.replace(a, b)
    return " ".join(s.split()).strip(" .;:,")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="../shared/bench/corpus-1000")
    ap.add_argument("--bin", default=".build/release/thidua")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", default=None)
    a = ap.parse_args()
    items = [json.loads(l) for l in open(os.path.join(a.corpus, "manifest.jsonl"), encoding="utf-8")]
    if a.limit: items = items[: a.limit]
    paths = [os.path.join(a.corpus, "docs", it["name"]) for it in items]
    p = subprocess.run([a.bin, "extract", *paths, "--format", "json"], capture_output=True)
    records = {}
    for line in p.stdout.decode("utf-8").splitlines():
        r = json.loads(line)
        records[r["source"]["file"]] = r
    errors = [l for l in p.stderr.decode("utf-8").splitlines() if l.strip()]
    ok = collections.Counter(); total = collections.Counter(); by_format = collections.defaultdict(collections.Counter)
    misses = collections.defaultdict(list)
    for it, path in zip(items, paths):
        t = it["truth"]; r = records.get(path)
        d = (r or {}).get("document") or {}
        num = d.get("number") or {}
        date = d.get("date") or {}
        signer = d.get("signer") or {}
        issuer = (d.get("issuer") or {}).get("name")
        checks = {
            "kind": fold((d.get("kind") or {}).get("name")) == fold(t["doc_type"]),
            "number": fold(num.get("canonical")) == fold((t["number"] or "") + "/" + t["symbol"]),
            "place": fold(d.get("place")) == fold(t["place"]),
            "date": (date.get("value") or "").replace("XX", "") .strip("-") == "-".join(
                x for x in [t["date_parts"].get("year") or "", (t["date_parts"].get("month") or "").zfill(2) if t["date_parts"].get("month") else "",
                            (t["date_parts"].get("day") or "").zfill(2) if t["date_parts"].get("day") else ""] if x),
            "title": difflib.SequenceMatcher(None, fold(d.get("title")) or "", fold(t["subject"]) or "").ratio() >= 0.9,
            "issuer": issuer is not None and len(issuer) > 2,
            "signer": fold(signer.get("name")) == fold(t["signer"]),
        }
        for k, v in checks.items():
            total[k] += 1; by_format[it["format"]]["n"] += 0
            if v: ok[k] += 1; by_format[it["format"]][k] += 1
            else: misses[k].append((it["name"], t, d))
        by_format[it["format"]]["docs"] += 1
    print(f"{len(items)} documents, {len(records)} records, {len(errors)} errors")
    for e in errors[:5]: print("  ", e)
    for k in total: print(f"  {k:<11} {ok[k] / total[k]:.3f}")
    for f, c in sorted(by_format.items()):
        print(f"  [{f}] " + " ".join(f"{k}={c[k] / c['docs']:.2f}" for k in total))
    if a.show:
        for name, t, d in misses[a.show][:15]:
            print(name, "| truth:", {k: t.get(k) for k in ("number_line", "date_line", "signer", "recipients", "subject")}, "| got:",
                  json.dumps({k: d.get(k) for k in ("number", "date", "signer", "recipients", "title")}, ensure_ascii=False)[:400])

if __name__ == "__main__":
    main()
