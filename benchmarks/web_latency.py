"""p95 latency of the web API (and pages) on a store of 100,000 synthetic articles.

Builds the store by writing rows straight into the schema (no spaCy): articles of six
paragraphs with entities, quotes, dates and events placed on real spans, actors across
articles, merged events and some syndicated copies. Then serves it on a free loopback port
and times each endpoint with varied parameters.

    .venv/bin/python benchmarks/web_latency.py                 # build /tmp/web-bench.db, measure
    .venv/bin/python benchmarks/web_latency.py --n 20000 --requests 30
    .venv/bin/python benchmarks/web_latency.py --db /tmp/web-bench.db --reuse
    .venv/bin/python benchmarks/web_latency.py --db /tmp/web-bench.db --reuse \
        --serve postgresql://user:pw@127.0.0.1/bench    # dragoman copy into it, serve that

With ``--serve URL`` the SQLite store built (or reused) is copied into the store at URL (an
empty PostgreSQL database, with ``dragoman copy``) and that store is served and measured;
with ``--reuse`` too, a store at URL that holds articles already is measured as it is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import socket
import statistics
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from dragoman.knowledge.cameo import JOINT
from dragoman.store import open_store

COUNTRIES = {
    "USA": "United States", "CHN": "China", "RUS": "Russia", "GBR": "Britain",
    "FRA": "France", "DEU": "Germany", "JPN": "Japan", "IND": "India", "BRA": "Brazil",
    "ZAF": "South Africa", "NGA": "Nigeria", "EGY": "Egypt", "TUR": "Turkey", "IRN": "Iran",
    "ISR": "Israel", "SAU": "Saudi Arabia", "PAK": "Pakistan", "AFG": "Afghanistan",
    "UKR": "Ukraine", "POL": "Poland", "ITA": "Italy", "ESP": "Spain", "MEX": "Mexico",
    "CAN": "Canada", "AUS": "Australia", "KOR": "South Korea", "PRK": "North Korea",
    "VNM": "Vietnam", "PHL": "Philippines", "IDN": "Indonesia", "ETH": "Ethiopia",
    "KEN": "Kenya", "SDN": "Sudan", "SYR": "Syria", "IRQ": "Iraq", "VEN": "Venezuela",
    "COL": "Colombia", "ARG": "Argentina", "SRB": "Serbia", "KOS": "Kosovo",
}
TYPES = {"CONSULT": ("040", 9), "AGREE": ("030", 4), "SUPPORT": ("051", 3),
         "COOPERATE": ("061", 2), "AID": ("070", 2), "REQUEST": ("020", 4),
         "ACCUSE": ("111", 5), "REJECT": ("120", 3), "THREATEN": ("130", 3),
         "PROTEST": ("140", 2), "SANCTION": ("163", 2), "MOBILIZE": ("150", 1),
         "COERCE": ("170", 2), "ASSAULT": ("190", 2), "CONCEDE": ("080", 1),
         "RETREAT": ("087", 1)}
MODES = {"CONSULT": ["visit", "phone", None], "ACCUSE": ["disapprove", "allege", None]}
STATUSES = ["occurred"] * 6 + ["planned", "planned", "hypothetical", "negated"]
SOURCES = [f"Source {i:02d}" for i in range(30)]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def words(rng: random.Random, n: int) -> list[str]:
    syllables = ["ka", "lo", "mi", "ra", "ten", "vo", "sul", "dra", "pe", "ni", "gor", "ba",
                 "tre", "shi", "an", "el", "or", "um", "zi", "que"]
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 3))) for _ in range(n)]


class Text:
    """Builds an article's text while recording where names were put."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.mentions: dict[str, list[list[int]]] = {}

    def add(self, text: str, key: str | None = None) -> list[int]:
        span = [self.length, self.length + len(text)]
        self.parts.append(text)
        self.length += len(text)
        if key:
            self.mentions.setdefault(key, []).append(span)
        return span

    def value(self) -> str:
        return "".join(self.parts)


def build(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    vocab = words(rng, 3000)
    codes = list(COUNTRIES)
    people = [(f"{w1.title()} {w2.title()}", rng.choice(codes))
              for w1, w2 in zip(words(rng, 3000), words(rng, 3000), strict=True)]
    path.unlink(missing_ok=True)
    store = open_store(str(path))
    run = store.begin_run("benchmark", [], {}, "synthetic")
    db = store.db  # direct writes: the benchmark's own synthetic rows
    stamp = ("bench", "synthetic")
    db.execute("BEGIN")
    actor_ids: dict[str, int] = {}
    for code, name in COUNTRIES.items():
        actor_ids[code] = db.execute(
            "INSERT INTO actors (name, name_key, type, country, version, model) "
            "VALUES (?,?,?,?,?,?)", (name, name.lower(), "GPE", code, *stamp)).lastrowid or 0
        db.execute("INSERT INTO actor_aliases VALUES (?,?,1)", (actor_ids[code], name))
    for name, code in people:
        actor_ids[name] = db.execute(
            "INSERT INTO actors (name, name_key, type, country, sector, surname, version, "
            "model) VALUES (?,?,?,?,?,?,?,?)", (name, name.lower(), "PERSON", code, "GOV",
                                                name.split()[-1].lower(), *stamp)).lastrowid or 0
        db.executemany("INSERT INTO actor_aliases VALUES (?,?,1)",
                       [(actor_ids[name], name), (actor_ids[name], name.split()[-1])])
    db.execute("COMMIT")
    clusters: dict[tuple[str, str, str, int], int] = {}
    start = dt.date(2015, 1, 1).toordinal()
    batch: list[dict[str, Any]] = []
    for i in range(n):
        batch.append(article(i, rng, vocab, people, start))
        if len(batch) == 5000 or i == n - 1:
            write(db, batch, run, stamp, clusters, actor_ids)
            batch = []
            print(f"  {i + 1:,} articles", flush=True)
    store.close()


def filler(rng: random.Random, vocab: list[str], count: int) -> str:
    return " ".join(rng.choice(vocab) for _ in range(count))


def article(i: int, rng: random.Random, vocab: list[str], people: list[tuple[str, str]],
            start: int) -> dict[str, Any]:
    day = start + rng.randrange(3650)
    published = dt.date.fromordinal(day).isoformat()
    (n1, c1), (n2, c2), (n3, c3) = rng.sample(people, 3)
    if c1 == c2:
        c2 = rng.choice([c for c in COUNTRIES if c != c1])
    t = Text()
    paragraphs, quotes, events, timexes = [], [], [], []

    def paragraph(build_it: Any) -> None:
        first = t.length
        build_it()
        paragraphs.append([first, t.length])
        t.add("\n\n")

    def lead() -> None:
        first = t.length
        t.add(n1, "e0")
        t.add(", a minister of ")
        t.add(COUNTRIES[c1], "e1")
        t.add(" met ")
        t.add(n2, "e2")
        t.add(" of ")
        t.add(COUNTRIES[c2], "e3")
        t.add(" on ")
        timexes.append((t.add(rng.choice(WEEKDAYS)), "DATE", published))
        t.add(". ")
        events.append((c1, c2, [first, t.length - 1]))
        t.add(filler(rng, vocab, 30) + ".")

    def quote(speaker: str, key: str, about: str, about_key: str) -> Any:
        def build_it() -> None:
            t.add("“")
            first = t.length
            t.add(filler(rng, vocab, 12) + " ")
            t.add(COUNTRIES[about], about_key)
            t.add(" " + filler(rng, vocab, 12))
            quotes.append(([first, t.length], key, speaker))
            t.add(",” ")
            t.add(speaker, key)
            t.add(" said.")
        return build_it

    def reply() -> None:
        first = t.length
        t.add(COUNTRIES[c2], "e3")
        t.add(" " + filler(rng, vocab, 4) + " ")
        t.add(COUNTRIES[c1], "e1")
        t.add(". ")
        events.append((c2, c1, [first, t.length - 1]))
        t.add(filler(rng, vocab, 40) + ".")

    def background() -> None:
        t.add(filler(rng, vocab, 25) + " in ")
        timexes.append((t.add(dt.date.fromordinal(day - rng.randrange(30)).strftime("%B")),
                        "DATE", published[:7]))
        t.add(" " + filler(rng, vocab, 35) + ".")

    def third() -> None:
        first = t.length
        t.add(n3, "e4")
        t.add(" of ")
        t.add(COUNTRIES[c3], "e5")
        t.add(" said ")
        t.add(COUNTRIES[c1], "e1")
        t.add(" " + filler(rng, vocab, 10) + ".")
        events.append((c3, c1, [first, t.length]))

    for build_it in (lead, quote(n1, "e0", c2, "e3"), reply, quote(n2, "e2", c1, "e1"),
                     background, third):
        paragraph(build_it)
    text = t.value().rstrip()
    names = [(n1, "PERSON", c1), (COUNTRIES[c1], "GPE", c1), (n2, "PERSON", c2),
             (COUNTRIES[c2], "GPE", c2), (n3, "PERSON", c3), (COUNTRIES[c3], "GPE", c3)]
    entities = [{"id": f"e{k}", "name": name, "type": kind, "title": None, "country": code,
                 "sector": "GOV" if kind == "PERSON" else None, "wikidata": None,
                 "mentions": t.mentions.get(f"e{k}", [])} for k, (name, kind, code)
                in enumerate(names)]
    kinds = list(TYPES)
    weights = [w for _, w in TYPES.values()]
    return {
        "id": f"bench-{i:06d}", "published": published, "source": rng.choice(SOURCES),
        "title": f"{COUNTRIES[c1]} and {COUNTRIES[c2]}: {filler(rng, vocab, 5)}",
        "text": text, "paragraphs": paragraphs, "entities": entities,
        "quotes": [(span, key, name) for span, key, name in quotes],
        "timexes": timexes, "day": day,
        "events": [(rng.choices(kinds, weights)[0], a, r, span, rng.choice(STATUSES))
                   for a, r, span in events],
        "copy_of": f"bench-{rng.randrange(i):06d}" if i > 10 and rng.random() < 0.05 else None,
    }


def write(db: Any, batch: list[dict[str, Any]], run: int, stamp: tuple[str, str],
          clusters: dict[tuple[str, str, str, int], int], actor_ids: dict[str, int]) -> None:
    db.execute("BEGIN")
    for a in batch:
        db.execute(
            "INSERT INTO articles (id, content_hash, published, title, source, origin, text, "
            "n_paragraphs, near_duplicate_of, near_duplicate_similarity, run_id, version, "
            "model) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (a["id"], a["id"], a["published"], a["title"], a["source"], "bench", a["text"],
             len(a["paragraphs"]), a["copy_of"], 0.9 if a["copy_of"] else None, run, *stamp))
        db.executemany(
            'INSERT INTO paragraphs (article_id, idx, start, "end", duplicate_of, version, '
            "model) VALUES (?,?,?,?,?,?,?)",
            [(a["id"], k, s, e, None, *stamp) for k, (s, e) in enumerate(a["paragraphs"])])
        db.executemany(
            "INSERT INTO entities (article_id, entity_id, name, type, title, country, sector, "
            "wikidata, data, version, model) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(a["id"], e["id"], e["name"], e["type"], None, e["country"], e["sector"], None,
              json.dumps(e), *stamp) for e in a["entities"]])
        db.executemany(
            "INSERT OR IGNORE INTO entity_actors VALUES (?,?,?)",
            [(a["id"], e["id"], actor_ids[e["name"] if e["type"] == "PERSON" else e["country"]])
             for e in a["entities"]])
        countries = {e["id"]: e["country"] for e in a["entities"]}
        db.executemany(
            'INSERT INTO timexes VALUES (?,?,?,?,?,?,?,?,?)',
            [(a["id"], k, s[0], s[1], kind, value,
              json.dumps({"span": s, "type": kind, "value": value}), *stamp)
             for k, (s, kind, value) in enumerate(a["timexes"])])
        db.executemany(
            'INSERT INTO quotes (article_id, idx, start, "end", kind, content, speaker_entity, '
            "speaker_name, speaker_country, date, duplicate_of, data, version, model) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(a["id"], k, s[0], s[1], "direct", a["text"][s[0]:s[1]], key, name,
              countries.get(key), None, None,
              json.dumps({"content": s, "kind": "direct", "speaker": {"entity": key,
                                                                      "name": name}}), *stamp)
             for k, (s, key, name) in enumerate(a["quotes"])])
        for k, (kind, actor, recipient, span, status) in enumerate(a["events"]):
            sides = (actor, recipient)
            if kind in JOINT and actor > recipient:
                sides = (recipient, actor)
            key = (kind, *sides, a["day"])
            cluster = clusters.get(key)
            if cluster is None:
                cluster = db.execute(
                    "INSERT INTO events (event, actors, recipients, first_day, "
                    "last_day) VALUES (?,?,?,?,?)", (kind, *sides, a["day"], a["day"])).lastrowid
                clusters[key] = cluster
            chance = random.Random(a["day"] + k)
            mode = chance.choice(MODES.get(kind, [None]))
            confidence = round(chance.random(), 2)
            data = {"event": kind, "mode": mode, "cameo": TYPES[kind][0],
                    "actors": [{"entity": None, "name": COUNTRIES[actor], "country": actor}],
                    "recipients": [{"entity": None, "name": COUNTRIES[recipient],
                                    "country": recipient}],
                    "status": status, "date": a["published"], "evidence": span,
                    "confidence": confidence}
            db.execute(
                'INSERT INTO event_mentions (article_id, idx, cluster_id, event, mode, '
                'cameo, status, '
                'date, actors, recipients, start, "end", mentions, confidence, data, version, '
                "model) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (a["id"], k, cluster, kind, mode, TYPES[kind][0], status, a["published"],
                 actor, recipient, span[0], span[1], 1, confidence, json.dumps(data), *stamp))
            db.execute("UPDATE events SET confidence = ? WHERE id = ? AND "
                       "(confidence IS NULL OR confidence < ?)",
                       (confidence, cluster, confidence))
    db.execute("COMMIT")


def endpoints(rng: random.Random, surnames: list[str]) -> dict[str, Any]:
    """Each endpoint with a function giving a fresh query for every request."""
    codes = list(COUNTRIES)

    def pair() -> str:
        a, b = rng.sample(codes, 2)
        return f"{a},{b}"

    def period() -> str:
        first = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3300))
        return f"since={first}&until={first + dt.timedelta(days=rng.randrange(30, 365))}"

    def article_id() -> str:
        return f"bench-{rng.randrange(100_000):06d}"

    word = words(random.Random(7), 3000)
    return {
        "/api/overview": lambda: "/api/overview",
        "/api/articles": lambda: f"/api/articles?offset={rng.randrange(0, 1000)}",
        "/api/articles?search": lambda: f"/api/articles?search={rng.choice(word)}",
        "/api/articles?actor&type&since&until": lambda: (
            f"/api/articles?actor={rng.choice(codes)}&type=ACCUSE&{period()}"),
        "/api/articles/{id}": lambda: f"/api/articles/{article_id()}",
        "/api/quotes": lambda: "/api/quotes",
        "/api/quotes?speaker (a surname)": lambda: f"/api/quotes?speaker={rng.choice(surnames)}",
        "/api/quotes?speaker (a syllable)": lambda: (
            f"/api/quotes?speaker={rng.choice(word).title()}"),
        "/api/quotes?search": lambda: f"/api/quotes?search={rng.choice(word)}",
        "/api/quotes?since&until": lambda: f"/api/quotes?{period()}",
        "/api/quotes?between": lambda: f"/api/quotes?between={pair()}",
        "/api/events": lambda: "/api/events",
        "/api/events?actor&recipient": lambda: (
            "/api/events?actor={}&recipient={}".format(*pair().split(","))),
        "/api/events?type&status&since&until": lambda: (
            f"/api/events?type={rng.choice(list(TYPES))}&status=occurred&{period()}"),
        "/api/events?between": lambda: f"/api/events?between={pair()}",
        "/api/entities": lambda: "/api/entities",
        "/api/entities?name": lambda: f"/api/entities?name={rng.choice(word)}",
        "/api/speakers": lambda: "/api/speakers",
        "/api/pairs": lambda: f"/api/pairs?{period()}",
        "/api/timeline?between": lambda: f"/api/timeline?between={pair()}",
        "/api/network": lambda: f"/api/network?{period()}",
        "/api/network (all time)": lambda: "/api/network",
        "/api/actors/{code}": lambda: f"/api/actors/{rng.choice(codes)}",
        "page /": lambda: "/",
        "page /search": lambda: f"/search?q={rng.choice(word)}",
        "page /article": lambda: f"/article/{article_id()}",
        "page /pair": lambda: "/pair/{}/{}".format(*pair().split(",")),
        "page /actor": lambda: f"/actor/{rng.choice(codes)}",
        "page /network": lambda: "/network",
        # last, so the endpoints above get the same random requests as before
        "/api/events?min_confidence": lambda: (
            f"/api/events?min_confidence={rng.choice(['0.5', '0.9', '0.99'])}"),
        "/api/events?type&min_confidence": lambda: (
            f"/api/events?type={rng.choice(list(TYPES))}&min_confidence=0.9"),
    }


def measure(base: str, requests: int, url: str) -> list[tuple[str, float, float, float, int]]:
    rng = random.Random(11)
    store = open_store(url, read_only=True)
    surnames = [row["name"].split()[-1] for row in store.rows(
        "SELECT name FROM actors WHERE type = 'PERSON' ORDER BY id LIMIT 200")]
    store.close()
    results = []
    for name, make in endpoints(rng, surnames).items():
        times, errors = [], 0
        for k in range(requests + 2):
            url = base + make()
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
            except urllib.error.HTTPError:
                errors += 1
            if k >= 2:  # the first two warm the page cache
                times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        results.append((name, statistics.median(times), p95, times[-1], errors))
        print(f"{name:44s} p50 {results[-1][1]:7.1f} ms  p95 {p95:7.1f} ms  "
              f"max {times[-1]:7.1f} ms" + (f"  errors {errors}" if errors else ""), flush=True)
    return results


def _holds_articles(url: str) -> bool:
    try:
        store = open_store(url, read_only=True)
    except Exception:  # no tables yet: copy into it
        return False
    found = store.counts()["articles"] > 0
    store.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles to build")
    parser.add_argument("--db", default="/tmp/web-bench.db")
    parser.add_argument("--reuse", action="store_true", help="measure an existing store")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per endpoint")
    parser.add_argument("--serve", help="copy the store into this empty store URL (e.g. "
                        "postgresql://…) and measure that one")
    args = parser.parse_args()
    path = Path(args.db)
    if not (args.reuse and path.exists()):
        started = time.perf_counter()
        print(f"building {args.n:,} synthetic articles in {path}")
        build(path, args.n)
        print(f"built in {time.perf_counter() - started:.0f} s, "
              f"{path.stat().st_size / 1e6:.0f} MB")
    served = str(path)
    if args.serve and args.reuse and _holds_articles(args.serve):
        served = args.serve  # copied by an earlier run
    elif args.serve:
        from dragoman.store.copy import copy_store

        started = time.perf_counter()
        copied = copy_store(str(path), args.serve)
        print(f"copied {copied['articles']:,} articles into {args.serve.split('@')[-1]} in "
              f"{time.perf_counter() - started:.0f} s")
        served = args.serve
    import uvicorn

    from dragoman.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(served), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        rows = measure(f"http://127.0.0.1:{port}", args.requests, served)
    finally:
        server.should_exit = True
        thread.join()
    print("\n| endpoint | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|")
    for name, p50, p95, worst, _ in rows:
        print(f"| `{name}` | {p50:.1f} | {p95:.1f} | {worst:.1f} |")


if __name__ == "__main__":
    main()
