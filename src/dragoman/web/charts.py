"""The numbers behind the charts: timelines by PLOVER type with a cooperation–conflict line,
the most active actor pairs, and a laid-out network of actors linked by events.

Pure functions over rows from the store (store/sql/reader.py); the page's own JavaScript
only draws them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import Any

import numpy as np

from dragoman.knowledge.actor_codes import split_code
from dragoman.knowledge.scores import load_scores
from dragoman.web.filters import CODE

Rows = list[dict[str, Any]]


def bulk(days: list[int]) -> tuple[int, int] | None:
    """First and last day of the bulk of the dates (5th to 95th percentile), so that one
    historical date ("in 1790") does not stretch a timeline of last month over centuries."""
    if not days:
        return None
    ordered = sorted(days)
    last = len(ordered) - 1
    return ordered[int(last * 0.05)], ordered[min(last, round(last * 0.95))]


def bucket_of(days: list[int], bucket: str) -> str:
    """``auto`` picks days for up to two months, months for up to six years, else years
    (over the bulk of the dates)."""
    if bucket != "auto":
        return bucket
    span = bulk(days)
    width = span[1] - span[0] if span else 0
    return "day" if width <= 62 else "month" if width <= 6 * 366 else "year"


def _label(day_number: int, bucket: str) -> str:
    iso = dt.date.fromordinal(day_number).isoformat()
    return {"day": iso, "month": iso[:7], "year": iso[:4]}[bucket]


def _periods(first: str, last: str, bucket: str) -> list[str]:
    """Every period from the first to the last label, so gaps in time show as gaps."""
    if bucket == "day":
        start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        return [(start + dt.timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]
    if bucket == "month":
        y, m = int(first[:4]), int(first[5:7])
        out = []
        while f"{y:04d}-{m:02d}" <= last:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    return [f"{y:04d}" for y in range(int(first), int(last) + 1)]


def period_start(label: str) -> str:
    """The first day of a period label: ``2011`` → ``2011-01-01``, ``2011-03`` →
    ``2011-03-01``; the chart places each period on a real time axis from it."""
    return (label + "-01-01")[:10] if len(label) == 4 else (label + "-01")[:10]


def _view(periods: list[str], span: tuple[int, int] | None, unit: str) -> list[str]:
    """The axis range first shown: the bulk's periods, half a period beyond each end, so an
    outlier ("in 1790") stays one zoom away instead of squeezing the bulk into a sliver."""
    if not periods:
        return []
    first, last = (_label(span[0], unit), _label(span[1], unit)) if span else \
        (periods[0], periods[-1])
    half = {"day": dt.timedelta(hours=12), "month": dt.timedelta(days=15),
            "year": dt.timedelta(days=182)}[unit]
    start = dt.datetime.fromisoformat(period_start(first)) - half
    end = dt.datetime.fromisoformat(period_start(last)) + 3 * half  # past the last period
    return [start.isoformat(sep=" "), end.isoformat(sep=" ")]


def timeline(points: Rows, bucket: str = "auto", scale: str = "plover",
             quote_days: Rows | None = None) -> dict[str, Any]:
    """Events per period and PLOVER type, and the mean cooperation–conflict score of the
    period's events (−10 conflict … +10 cooperation) on the chosen scale."""
    scores = load_scores()
    days = [p["day_number"] for p in points]
    for q in quote_days or []:
        try:
            days.append(dt.date.fromisoformat(q["day"]).toordinal())
        except ValueError:
            continue
    unit = bucket_of(days, bucket)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, list[float]] = defaultdict(list)
    for p in points:
        label = _label(p["day_number"], unit)
        counts[p["event"]][label] += 1
        value = scores.score(p["event"], p["mode"], p["cameo"], scale)
        if value is not None:
            totals[label].append(value)
    quotes: dict[str, int] = defaultdict(int)
    for q in quote_days or []:
        try:
            quotes[_label(dt.date.fromisoformat(q["day"]).toordinal(), unit)] += q["quotes"]
        except ValueError:
            continue
    # every period of the bulk (gaps in time show as gaps), and any period with data
    seen = {label for series in counts.values() for label in series} | set(quotes)
    span = bulk(days)
    filled = _periods(_label(span[0], unit), _label(span[1], unit), unit) if span else []
    periods = sorted(seen | set(filled))
    view = _view(periods, span, unit)
    shown = [p for p in periods if view and view[0] <= period_start(p) <= view[1]]
    return {
        "bucket": unit, "scale": scale, "periods": periods,
        "starts": [period_start(x) for x in periods], "view": view,
        "outside": sum(sum(counts[t].get(x, 0) for t in counts)
                       for x in periods if x not in shown),
        "types": {t: [counts[t].get(x, 0) for x in periods] for t in sorted(counts)},
        "score": [round(sum(totals[x]) / len(totals[x]), 2) if totals[x] else None
                  for x in periods],
        "quotes": [quotes.get(x) for x in periods] if quote_days is not None else None,
    }


LEVELS = ("actor", "country")


def _members(side: str, level: str = "actor") -> list[str]:
    """The parties of a stored side: actor codes (``LBYREB``; at ``level`` "country" their
    country, LBY), or the name key of a party whose country is unknown."""
    found = [c for c in side.split("|") if c]
    if level == "country":
        found = list(dict.fromkeys(split_code(c)[0] if is_code(c) else c for c in found))
    return found


def is_code(member: str) -> bool:
    return bool(CODE.fullmatch(member))


def links(rows: Rows, level: str = "actor") -> dict[tuple[str, str], dict[str, Any]]:
    """Undirected links between parties (actor codes, or countries at ``level``
    "country"): events, per-type counts, mean PLOVER score, last day. A year of a large
    store gives tens of thousands of rows, so the loop keeps to lookups: each side is split
    once and each type scored once."""
    scores = load_scores()
    score_of: dict[str, float] = {}
    members: dict[str, list[str]] = {}
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        event, events, last = row["event"], row["events"], row["last"]
        score = score_of.get(event)
        if score is None:
            score = score_of[event] = scores.score(event, None, None) or 0
        actors, recipients = row["actors"], row["recipients"]
        firsts = members.get(actors) or members.setdefault(actors, _members(actors, level))
        seconds = members.get(recipients) or members.setdefault(
            recipients, _members(recipients, level))
        for a in firsts:
            for b in seconds:
                if a == b:
                    continue
                key = (a, b) if a < b else (b, a)
                link = out.get(key)
                if link is None:
                    link = out[key] = {"a": key[0], "b": key[1], "events": 0, "types": {},
                                       "score_sum": 0.0, "last": None}
                link["events"] += events
                types = link["types"]
                types[event] = types.get(event, 0) + events
                link["score_sum"] += score * events
                if last is not None and (link["last"] is None or last > link["last"]):
                    link["last"] = last
    return out


def _public(link: dict[str, Any]) -> dict[str, Any]:
    return {"a": link["a"], "b": link["b"], "codes": is_code(link["a"]) and is_code(link["b"]),
            "events": link["events"],
            "score": round(link["score_sum"] / link["events"], 2), "last": link["last"],
            "types": dict(sorted(link["types"].items(), key=lambda kv: -kv[1]))}


def top_pairs(rows: Rows, limit: int, level: str = "actor") -> Rows:
    ranked = sorted(links(rows, level).values(),
                    key=lambda k: (-k["events"], k["a"], k["b"]))
    return [_public(link) for link in ranked[:limit]]


def network(rows: Rows, max_nodes: int = 60, names: dict[str, str] | None = None,
            max_edges: int = 150, level: str = "actor") -> dict[str, Any]:
    """The most connected parties (actor codes, or countries at ``level`` "country") and the
    strongest links among them, laid out (x, y in [-1, 1]); more links than ``max_edges``
    would hide the structure."""
    found = links(rows, level)
    degree: dict[str, int] = defaultdict(int)
    for (a, b), link in found.items():
        degree[a] += link["events"]
        degree[b] += link["events"]
    kept = sorted(degree, key=lambda c: (-degree[c], c))[:max_nodes]
    index = {c: i for i, c in enumerate(kept)}
    kept_links = sorted(((a, b) for a, b in found if a in index and b in index),
                        key=lambda ab: (-found[ab]["events"], ab))[:max_edges]
    edges = [_public(found[ab]) for ab in sorted(kept_links)]
    xy = layout(len(kept), [(index[e["a"]], index[e["b"]], e["events"]) for e in edges])
    nodes = [{"id": c, "code": is_code(c), "name": (names or {}).get(c), "events": degree[c],
              "x": round(float(xy[i, 0]), 4), "y": round(float(xy[i, 1]), 4)}
             for i, c in enumerate(kept)]
    return {"nodes": nodes, "edges": edges}


def layout(n: int, edges: list[tuple[int, int, int]], steps: int = 150) -> np.ndarray:
    """Fruchterman–Reingold force layout (1991), deterministic: nodes start on a circle in
    order of degree; links pull with a weight growing with the log of their event count."""
    if n == 0:
        return np.zeros((0, 2))
    angle = np.linspace(0, 2 * math.pi, n, endpoint=False)
    pos = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    if n == 1:
        return pos * 0
    k = math.sqrt(4.0 / n)
    weight = np.zeros((n, n))
    for a, b, events in edges:
        weight[a, b] = weight[b, a] = math.log1p(events)
    temperature = 0.2
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    for _ in range(steps):
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        dist = np.maximum(np.sqrt(dx * dx + dy * dy), 1e-3)
        # repulsion k²/d between all pairs, attraction d²/k (weighted) along links
        pull = k * k / (dist * dist) - weight * dist / k
        fx = (pull * dx).sum(axis=1) - x * 0.05 * n  # gravity keeps unlinked nodes in view
        fy = (pull * dy).sum(axis=1) - y * 0.05 * n
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-9)
        step = np.minimum(length, temperature) / length
        x += fx * step
        y += fy * step
        temperature *= 0.97
    pos = np.stack([x, y], axis=1)
    pos -= pos.mean(axis=0)
    return pos / max(float(np.abs(pos).max()), 1e-9)
