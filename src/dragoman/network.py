"""The actor network for Gephi, networkx or igraph: ``dragoman export network``.

Nodes are the parties of merged events — a country or organisation code (``LBY``,
``IGOUNO``), or the name key of a party whose country is unknown — with the name the store
mostly uses for the code. Edges are directed, actor → recipient, one per PLOVER event type:
``weight`` is the number of merged events of that type from the one to the other; a party
acting on itself (LBY → LBY: government against rebels) is a self-loop. The joint types
(CONSULT, COOPERATE, AGREE: both sides act) are stored with their sides in code order, so
their edges carry ``joint`` and their direction means nothing. GraphML
(the format Gephi, networkx and igraph read) holds both; CSV holds the edges, each with both
ends' names.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from xml.etree import ElementTree as ET

from dragoman.errors import ConfigError
from dragoman.knowledge.cameo import JOINT
from dragoman.knowledge.scores import load_scores
from dragoman.store.base import Store
from dragoman.store.queries import CODE, EventQuery

FORMATS = ("graphml", "csv")
EDGE_COLUMNS = ("source", "source_name", "target", "target_name", "type", "joint", "weight",
                "score", "last")
GRAPHML = "http://graphml.graphdrawing.org/xmlns"
# GraphML keys: (id, for, attr.name, attr.type)
KEYS = (("name", "node", "name", "string"), ("label", "node", "label", "string"),
        ("kind", "node", "kind", "string"), ("events", "node", "events", "int"),
        ("type", "edge", "type", "string"), ("joint", "edge", "joint", "boolean"),
        ("weight", "edge", "weight", "double"),
        ("score", "edge", "score", "double"), ("last", "edge", "last", "string"))


def actor_network(store: Store, query: EventQuery | None = None
                  ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(nodes, edges)`` of the merged events ``query`` selects (all by default)."""
    edges = _edges(store.side_pairs(query or EventQuery()))
    degree: dict[str, int] = defaultdict(int)
    for edge in edges:
        degree[edge["source"]] += edge["weight"]
        degree[edge["target"]] += edge["weight"]
    codes = sorted(p for p in degree if CODE.fullmatch(p))
    names = store.country_names(codes)
    nodes = [{"id": p, "name": names.get(p) or p, "kind": _kind(p), "events": degree[p]}
             for p in sorted(degree)]
    named = {n["id"]: n["name"] for n in nodes}
    for edge in edges:
        edge["source_name"], edge["target_name"] = named[edge["source"]], named[edge["target"]]
    return nodes, edges


def _edges(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One edge per (actor party, recipient party, type): the events, the type's PLOVER
    score and the last day; a side of several parties links each of them."""
    scores = load_scores()
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        for source in _parties(row["actors"]):
            for target in _parties(row["recipients"]):
                edge = found.setdefault((source, target, row["event"]), {
                    "source": source, "target": target, "type": row["event"],
                    "joint": row["event"] in JOINT, "weight": 0,
                    "score": scores.score(row["event"], None, None), "last": None})
                edge["weight"] += int(row["events"])
                edge["last"] = max(filter(None, (edge["last"], row["last"])), default=None)
    return [found[key] for key in sorted(found)]


def _parties(side: str) -> list[str]:
    return [p for p in side.split("|") if p]


def _kind(party: str) -> str:
    """``country`` (ISO-3), ``organisation`` (a longer CAMEO code) or ``name``."""
    if not CODE.fullmatch(party):
        return "name"
    return "country" if len(party) == 3 else "organisation"


def export_network(store: Store, fmt: str, output: str,
                   min_confidence: float | None = None) -> tuple[int, int]:
    """Write the network to ``output`` (``-`` for standard output) as GraphML or CSV;
    returns the numbers of nodes and edges."""
    from dragoman.export import output_file

    if fmt not in FORMATS:
        raise ConfigError(f"unknown network format {fmt!r}; choose from {', '.join(FORMATS)}")
    nodes, edges = actor_network(store, EventQuery(min_confidence=min_confidence))
    with output_file(output) as out:
        if fmt == "graphml":
            out.write(graphml(nodes, edges))
        else:
            import csv

            writer = csv.DictWriter(out, fieldnames=EDGE_COLUMNS)
            writer.writeheader()
            writer.writerows({c: e.get(c) for c in EDGE_COLUMNS} for e in edges)
    return len(nodes), len(edges)


def graphml(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> str:
    """A directed GraphML document; ``label`` repeats the name (Gephi shows node labels)."""
    ET.register_namespace("", GRAPHML)
    root = ET.Element(f"{{{GRAPHML}}}graphml")
    for key, where, name, kind in KEYS:
        ET.SubElement(root, f"{{{GRAPHML}}}key", {"id": key, "for": where, "attr.name": name,
                                                  "attr.type": kind})
    graph = ET.SubElement(root, f"{{{GRAPHML}}}graph", {"id": "dragoman",
                                                       "edgedefault": "directed"})
    for node in nodes:
        element = ET.SubElement(graph, f"{{{GRAPHML}}}node", {"id": node["id"]})
        _data(element, {**node, "label": node["name"]}, ("name", "label", "kind", "events"))
    for index, edge in enumerate(edges):
        element = ET.SubElement(graph, f"{{{GRAPHML}}}edge", {
            "id": f"e{index}", "source": edge["source"], "target": edge["target"]})
        _data(element, {**edge, "joint": str(edge["joint"]).lower()},
              ("type", "joint", "weight", "score", "last"))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _data(element: ET.Element, values: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if values.get(key) is not None:
            ET.SubElement(element, f"{{{GRAPHML}}}data", {"key": key}).text = str(values[key])
