"""Build the event lexicon and the CAMEO → PLOVER 2.0 code table from ../shared/codebooks.

Run ``python -m dragoman.knowledge.build events [--shared ../shared]``; it writes
``data/event_codes.tsv`` and ``data/event_lexicon.tsv`` into the knowledge package. A test rebuilds
both and compares them with the committed copies.

Facts taken, no prose copied (see ../shared/codebooks/README.md):

- ``cameo/CAMEO.eventcodes.txt``: CAMEO codes and their short labels (GDELT lookup).
- ``plover/CAMEO2PLOVER-2021.txt``: code → PLOVER event, mode, context (OEDA, CC BY-SA 4.0;
  only the correspondence is used), corrected to the PLOVER 2.0 manual's mode and context
  names (``_MODE_2_0``, ``_CONTEXT_2_0``, ``_CODE_2_0``).
- ``cameo/CAMEO.2.0.txt``: PETRARCH-2 verb blocks, synonym sets and phrase patterns with their
  codes (MIT, © Open Event Data Alliance).
- ``EXTENSIONS`` below: dragoman's own triggers — event nouns, multiword expressions and a
  few verbs the CAMEO dictionary codes as plain statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# PLOVER 2.0 renamed or dropped modes the 2021 table still uses (see the codebooks README).
_MODE_2_0 = {("ASSAULT", "assassinate"): "targeted", ("ASSAULT", "massacre"): "targeted",
             ("ASSAULT", "cleansing"): "", ("ASSAULT", "seize"): "destroy",
             ("ASSAULT", "pro_autocracy"): "", ("COERCE", "ban"): "restrict",
             ("THREATEN", "ban"): "restrict", ("THREATEN", "political"): "restrict",
             ("RETREAT", "return"): "", ("RETREAT", "ease"): ""}
_CONTEXT_2_0 = {"democracy": "pro_democracy", "humanitarian": "human_security",
                "pro_autocracy": "repression"}
# Codes whose 2.0 reading differs from the 2021 table: announced future retreats and the
# easing of curfews and emergency rule (verbal concessions in 2.0) are CONCEDE;
# international sanctions are SANCTION 'discontinue'; resignations are RETREAT 'resign'.
_CODE_2_0 = {"0813": ("CONCEDE", ""), "0814": ("CONCEDE", ""),
             "035": ("CONCEDE", ""), "0351": ("CONCEDE", ""), "0352": ("CONCEDE", ""),
             "0353": ("CONCEDE", ""), "0354": ("CONCEDE", ""), "0355": ("CONCEDE", ""),
             "0356": ("CONCEDE", ""), "163": ("SANCTION", "discontinue"),
             "0831": ("RETREAT", "resign"), "175": ("ASSAULT", "crowd-control")}
# CAMEO 02 (appeals) is dropped by the 2021 table; dragoman codes an appeal as the REQUEST it
# is, with the mode of the matching CAMEO 10 demand.
_APPEALS = {"020": "", "021": "assist", "0211": "assist", "0212": "assist", "0213": "assist",
            "0214": "assist", "022": "assist", "023": "assist", "0231": "assist",
            "0232": "assist", "0233": "assist", "0234": "assist", "024": "change",
            "0241": "change", "0242": "change", "0243": "change", "0244": "change",
            "025": "yield", "0251": "yield", "0252": "yield", "0253": "yield", "0254": "yield",
            "0255": "yield", "0256": "yield", "026": "meet", "027": "meet", "028": "meet"}
PLOVER_CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election",
    "political_institutions", "pro_democracy", "pro_autocracy", "economic", "legal",
    "reparations", "human_rights", "rights_freedoms", "repression", "human_security",
    "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic", "territory",
    "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource",
    "environment", "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime",
    "corruption", "illegal_drugs", "trafficking"}

# dragoman's own triggers: (kind, trigger, argument, CAMEO code).
# kind: noun (an event nominal: "talks"), light (a nominal that needs a support verb: "aid"
# in "sent aid"), phrase (a lemma sequence: "off limit for discussion"), verb (a verb pattern
# as in CAMEO.2.0: argument obj:/pp:/any:/subj:).
EXTENSIONS: tuple[tuple[str, str, str, str], ...] = (
    # CONSULT
    ("noun", "talks", "", "040"), ("noun", "negotiation", "", "046"),
    ("noun", "meeting", "", "040"), ("noun", "summit", "", "040"),
    ("noun", "visit", "", "042"), ("noun", "trip", "", "042"),
    ("noun", "consultation", "", "040"), ("noun", "discussion", "", "040"),
    ("noun", "dialogue", "", "040"), ("noun", "conversation", "", "040"),
    ("noun", "call", "", "041"), ("noun", "videoconference", "", "041"),
    ("noun", "mediation", "", "045"), ("noun", "meet", "", "040"),
    ("phrase", "phone call", "", "041"), ("phrase", "telephone call", "", "041"),
    ("phrase", "phone conversation", "", "041"), ("phrase", "video call", "", "041"),
    ("phrase", "talk on the phone", "", "041"), ("phrase", "speak on the phone", "", "041"),
    ("phrase", "talk by phone", "", "041"), ("phrase", "speak by phone", "", "041"),
    ("phrase", "talk by telephone", "", "041"), ("phrase", "speak by telephone", "", "041"),
    ("phrase", "in contact with", "", "040"), ("phrase", "in close contact", "", "040"),
    ("phrase", "hold talk", "", "040"), ("phrase", "engage in talk", "", "040"),
    ("phrase", "pay a visit", "", "042"),
    ("verb", "talk", "pp:with:", "040"), ("verb", "speak", "pp:with:", "040"),
    ("verb", "engage", "pp:in:talks", "040"), ("verb", "engage", "pp:in:talk", "040"),
    ("verb", "engage", "pp:with:", "040"), ("verb", "negotiate", "", "046"),
    ("verb", "host", "", "043"), ("verb", "receive", "obj:delegation", "043"),
    # AGREE / SUPPORT / CONCEDE
    ("noun", "invitation", "", "036"), ("noun", "pledge", "", "030"),
    ("noun", "offer", "", "030"), ("noun", "proposal", "", "030"),
    ("noun", "apology", "", "055"), ("noun", "endorsement", "", "051"),
    ("phrase", "sign an agreement", "", "057"), ("phrase", "sign a deal", "", "057"),
    ("phrase", "reach an agreement", "", "057"), ("phrase", "reach a deal", "", "057"),
    ("phrase", "sign a treaty", "", "057"), ("phrase", "sign an accord", "", "057"),
    ("phrase", "ready to", "", "030"), ("phrase", "willing to", "", "030"),
    ("phrase", "prepared to", "", "030"),
    # COOPERATE / AID
    ("phrase", "joint exercise", "", "062"), ("phrase", "joint drill", "", "062"),
    ("phrase", "military exercise", "", "150"), ("phrase", "war game", "", "150"),
    ("light", "aid", "", "070"), ("light", "assistance", "", "070"),
    ("light", "loan", "", "071"), ("light", "grant", "", "071"),
    ("light", "donation", "", "070"), ("light", "weapon", "", "072"),
    ("light", "arms", "", "072"), ("light", "asylum", "", "075"),
    ("phrase", "humanitarian aid", "", "073"), ("phrase", "military aid", "", "072"),
    ("phrase", "economic aid", "", "071"), ("phrase", "financial aid", "", "071"),
    # RETREAT
    ("noun", "withdrawal", "", "0872"), ("noun", "ceasefire", "", "0871"),
    ("noun", "truce", "", "0871"), ("noun", "resignation", "", "0831"),
    ("noun", "release", "", "0841"),
    ("phrase", "step down", "", "0831"), ("phrase", "pull out", "", "0872"),
    # REQUEST
    ("noun", "demand", "", "100"), ("noun", "request", "", "100"),
    ("noun", "appeal", "", "020"), ("noun", "ultimatum", "", "139"),
    ("phrase", "call for", "", "020"), ("phrase", "call on", "", "020"),
    ("phrase", "call upon", "", "020"), ("verb", "urge", "", "020"),
    # ACCUSE
    ("noun", "accusation", "", "112"), ("noun", "allegation", "", "112"),
    ("noun", "criticism", "", "111"), ("noun", "condemnation", "", "111"),
    ("noun", "investigation", "", "090"), ("noun", "probe", "", "090"),
    ("noun", "inquiry", "", "090"), ("noun", "complaint", "", "114"),
    ("noun", "lawsuit", "", "115"), ("noun", "indictment", "", "1121"),
    # criticism the CAMEO dictionaries lack ("excoriated Mubarak", "took a swipe at X")
    ("verb", "excoriate", "", "111"), ("verb", "lambast", "", "111"),
    ("noun", "critique", "", "111"), ("noun", "denunciation", "", "111"),
    ("noun", "rebuke", "", "111"), ("phrase", "take a swipe at", "", "111"),
    # REJECT
    ("noun", "rejection", "", "120"), ("noun", "refusal", "", "120"),
    ("noun", "veto", "", "129"),
    ("phrase", "off limit for discussion", "", "125"), ("phrase", "off limit", "", "125"),
    ("phrase", "not negotiable", "", "125"), ("phrase", "non - negotiable", "", "125"),
    ("phrase", "rule out", "", "120"),
    # THREATEN
    ("noun", "threat", "", "130"), ("noun", "warning", "", "130"),
    # PROTEST
    ("noun", "protest", "", "140"), ("noun", "demonstration", "", "141"),
    ("noun", "rally", "", "141"), ("noun", "march", "", "141"),
    ("noun", "strike", "", "143"), ("noun", "sit", "", "141"),
    ("noun", "riot", "", "145"), ("noun", "boycott", "", "143"),
    ("noun", "walkout", "", "143"),
    ("phrase", "hunger strike", "", "142"), ("phrase", "general strike", "", "143"),
    ("phrase", "sit - in", "", "141"), ("verb", "heckle", "", "140"),
    # crowds in the streets: a demonstration, not the "hit" or "take" of an attack
    ("phrase", "take to the street", "", "141"), ("phrase", "hit the street", "", "141"),
    ("phrase", "go to the street", "", "141"), ("phrase", "pour into the street", "", "141"),
    # SANCTION
    ("noun", "sanction", "", "163"), ("noun", "embargo", "", "163"),
    ("noun", "expulsion", "", "166"),
    ("phrase", "impose sanction", "", "163"), ("phrase", "cut tie", "", "161"),
    ("phrase", "sever tie", "", "161"), ("phrase", "break off relation", "", "161"),
    ("phrase", "recall ambassador", "", "161"),
    ("verb", "expel", "obj:ambassador", "161"), ("verb", "expel", "obj:envoy", "161"),
    # MOBILIZE
    ("noun", "mobilization", "", "154"), ("noun", "mobilisation", "", "154"),
    ("noun", "deployment", "", "154"), ("phrase", "on alert", "", "152"),
    ("phrase", "high alert", "", "152"), ("verb", "deploy", "", "154"),
    ("verb", "mobilize", "", "154"), ("verb", "mobilise", "", "154"),
    # COERCE
    ("noun", "arrest", "", "173"), ("noun", "detention", "", "173"),
    ("noun", "deportation", "", "174"), ("noun", "raid", "", "171"),
    ("noun", "curfew", "", "1723"), ("noun", "crackdown", "", "170"),
    ("noun", "blockade", "", "191"), ("noun", "seizure", "", "1711"),
    ("noun", "censorship", "", "1721"), ("noun", "ban", "", "172"),
    ("phrase", "state of emergency", "", "1724"), ("phrase", "martial law", "", "1724"),
    ("verb", "detain", "", "173"), ("verb", "deport", "", "174"),
    ("verb", "jail", "", "173"), ("verb", "imprison", "", "173"),
    # ASSAULT
    ("noun", "attack", "", "190"), ("noun", "assault", "", "190"),
    ("noun", "offensive", "", "190"), ("noun", "clash", "", "190"),
    ("noun", "fighting", "", "190"), ("noun", "bombing", "", "183"),
    ("noun", "shelling", "", "194"), ("noun", "airstrike", "", "195"),
    ("noun", "bombardment", "", "195"), ("noun", "ambush", "", "190"),
    ("noun", "massacre", "", "202"), ("noun", "assassination", "", "186"),
    ("noun", "kidnapping", "", "181"), ("noun", "abduction", "", "181"),
    ("noun", "hijacking", "", "181"), ("noun", "torture", "", "1822"),
    ("noun", "invasion", "", "190"), ("noun", "shooting", "", "193"),
    ("noun", "killing", "", "1823"), ("noun", "onslaught", "", "190"),
    ("phrase", "air strike", "", "195"), ("phrase", "drone strike", "", "195"),
    ("phrase", "missile strike", "", "195"), ("phrase", "suicide bombing", "", "1831"),
    ("phrase", "suicide attack", "", "1831"), ("phrase", "car bomb", "", "1832"),
    ("phrase", "roadside bomb", "", "1833"), ("phrase", "tear gas", "", "175"),
    ("phrase", "water cannon", "", "175"), ("phrase", "open fire", "", "193"),
    # PLOVER reads "agree to" as AGREE (CAMEO files it under diplomatic cooperation, 050)
    ("verb", "agree", "", "030"), ("verb", "agree", "pp:on:", "030"),
    # refusals: the CAMEO REFUSE block codes these only through patterns
    ("verb", "refuse", "", "120"), ("verb", "reject", "", "120"), ("verb", "veto", "", "129"),
    ("verb", "renege", "", "120"), ("verb", "spurn", "", "120"), ("verb", "rebuff", "", "120"),
    ("verb", "oppose", "", "120"), ("verb", "dismiss", "obj:appeal", "120"),
    ("verb", "dismiss", "obj:call", "120"), ("verb", "dismiss", "obj:proposal", "120"),
    ("verb", "dismiss", "obj:demand", "120"), ("verb", "dismiss", "obj:offer", "120"),
    ("verb", "dismiss", "obj:plan", "120"), ("verb", "dismiss", "obj:request", "120"),
    ("phrase", "opposed to", "", "120"), ("phrase", "out of the question", "", "120"),
    ("verb", "demand", "", "100"), ("verb", "insist", "pp:on:", "100"),
    ("verb", "visit", "", "042"), ("verb", "tour", "", "042"),
    ("verb", "accept", "", "030"), ("verb", "accept", "obj:demand", "083"),
    *(("phrase", p, "", "030") for p in ("committed to", "commit to", "pledge to")),
    # CAMEO 062 cooperate militarily: PLOVER 2.0 COOPERATE names joint military games
    ("phrase", "joint military exercise", "", "062"), ("phrase", "joint military drill", "", "062"),
    ("phrase", "war game", "", "062"),
    # RETREAT (CAMEO 083x/084/086/087): resign, surrender, demobilise, withdraw forces,
    # evacuate positions, open borders, release
    ("verb", "resign", "", "0831"), ("verb", "quit", "obj:post", "0831"),
    ("verb", "surrender", "", "0874"), ("verb", "capitulate", "", "0874"),
    ("verb", "demobilize", "", "0873"), ("verb", "demobilise", "", "0873"),
    ("verb", "disarm", "", "0873"), ("phrase", "lay down arm", "", "0873"),
    ("verb", "disband", "", "0873"), ("noun", "concession", "", "080"),
    *(("verb", v, f"obj:{o}", "0871") for v in ("halt", "cease", "stop", "end", "suspend")
      for o in ("hostility", "fighting", "offensive", "bombardment", "shelling")),
    *(("verb", "dismantle", f"obj:{o}", "0874") for o in ("checkpoint", "settlement",
                                                           "outpost", "barrier", "base")),
    ("phrase", "lay down weapon", "", "0873"), ("verb", "free", "", "0841"),
    *(("verb", v, f"obj:{o}", "0874") for v in ("withdraw", "pull", "evacuate", "remove")
      for o in ("troop", "force", "soldier", "army", "unit", "contingent", "settlement",
                "base", "position", "outpost", "garrison")),
    *(("verb", v, f"obj:{o}", "1661") for v in ("withdraw", "pull") for o in ("peacekeeper",)),
    *(("verb", v, f"obj:{o}", "1662") for v in ("withdraw", "pull") for o in ("inspector",)),
    *(("verb", v, f"obj:{o}", "086") for v in ("open", "reopen", "re-open")
      for o in ("border", "frontier", "crossing", "airspace", "corridor")),
    *(("verb", "allow", f"obj:{o}", "086") for o in ("access", "entry", "inspector",
                                                       "observer", "peacekeeper")),
    # CONCEDE (CAMEO 081/082): easing restrictions, curfews, emergency rule; calling off
    # protests (PLOVER 2.0 CONCEDE: removing curfews, suspending protests)
    *(("verb", v, f"obj:{o}", c) for v in ("lift", "ease", "relax", "shorten", "end",
                                            "cancel", "abolish", "repeal", "rescind")
      for o, c in (("curfew", "0813"), ("restriction", "081"), ("ban", "0812"),
                   ("emergency", "0814"), ("state", "0814"))),
    *(("verb", v, f"obj:{o}", "082") for v in ("postpone", "suspend", "cancel", "end", "halt")
      for o in ("demonstration", "protest", "strike", "rally", "march", "boycott")),
    ("phrase", "call off", "", "082"),
    # MOBILIZE (CAMEO 15x): reinforcing or stationing forces, raising alert
    *(("verb", v, f"obj:{o}", "154") for v in ("strengthen", "reinforce", "boost", "bolster",
                                                 "increase", "station", "mass", "amass")
      for o in ("force", "troop", "presence", "army", "garrison", "deployment", "unit")),
    *(("verb", v, f"obj:{o}", "153") for v in ("order", "increase", "step", "strengthen")
      for o in ("patrol", "police")),
    ("phrase", "put on alert", "", "152"), ("phrase", "state of alert", "", "152"),
    ("noun", "reinforcement", "", "154"),
    # SANCTION (CAMEO 16x): stopping aid, mediation, negotiations, links
    *(("verb", v, f"obj:{o}", c) for v in ("suspend", "halt", "stop", "end", "cut", "reduce",
                                            "freeze", "withhold")
      for o, c in (("aid", "162"), ("assistance", "162"), ("delivery", "162"),
                   ("supply", "162"), ("shipment", "162"), ("program", "162"),
                   ("programme", "162"), ("mediation", "165"), ("negotiation", "164"),
                   ("link", "161"), ("tie", "161"), ("relation", "161"))),
    ("noun", "suspension", "", "160"),
    # PROTEST (CAMEO 144 obstruct passage, block): blocking roads and bridges
    *(("verb", v, f"obj:{o}", "144") for v in ("block", "barricade", "blockade")
      for o in ("road", "street", "highway", "bridge", "transport", "railway", "entrance",
                "traffic", "access", "motorway", "port")),
    ("phrase", "stop work", "", "143"), ("phrase", "down tool", "", "143"),
    # REJECT (CAMEO 12x): denying or dismissing an accusation rejects it
    *(("verb", v, f"obj:{o}", "120") for v in ("deny", "dismiss", "reject", "refute",
                                               "rebuff", "contest", "dispute")
      for o in ("allegation", "accusation", "charge", "claim", "report")),
    # ACCUSE (CAMEO 11x; PLOVER 2.0 ACCUSE allege: sue, indict, charge)
    ("verb", "sue", "", "115"), ("verb", "indict", "", "1121"),
    # ASSAULT (CAMEO 18x-20x)
    ("phrase", "rocket fire", "", "194"), ("phrase", "artillery fire", "", "194"),
    ("phrase", "mortar fire", "", "194"), ("noun", "gunfire", "", "190"),
    ("phrase", "ethnic cleansing", "", "203"), ("phrase", "human shield", "", "184"),
    ("verb", "deface", "", "176"), ("verb", "hack", "pp:into:", "176"),
    # COERCE (CAMEO 1724): emergency rule
    ("phrase", "state of siege", "", "1724"),
    # AID: reparations and compensation (PLOVER 2.0 AID), relief goods
    ("light", "compensation", "", "070"), ("light", "reparation", "", "070"),
    ("light", "food", "", "073"), ("light", "medicine", "", "073"),
)
# Everyday verbs whose CAMEO.2.0 default code fires on their ordinary senses ("held a press
# conference", "think", "lead"): only their specific patterns code them.
STOP_VERBS = ("take", "give", "go", "come", "leave", "consider", "think", "lead", "expect",
              "want", "need", "hope", "express", "face", "engage", "hold", "pass", "make",
              "get", "see", "find", "keep", "put", "run", "move", "bring", "turn", "remain",
              "begin", "start", "set", "open", "close", "show", "follow", "include", "reach",
              "raise", "work", "play", "call", "look", "stand", "seek", "try", "receive",
              "continue", "mark", "feel", "join", "know", "become", "report", "say",
              # everyday senses outnumber the CAMEO one: "serves as", "people died",
              # "gathered in front of", "paying attention", "break the record", "wrestling
              # with a dilemma", "heard what happened", "deal with", "officials admit that"
              "serve", "control", "issue", "relate", "escalate", "establish", "provide",
              "grant", "pay", "gather", "die", "break", "wrestle", "hear", "examine", "deal",
              "admit")


@dataclass
class Block:
    """One CAMEO.2.0 verb block: its verbs (with their own codes) and phrase patterns."""

    name: str
    code: str
    verbs: list[tuple[str, str, str]] = field(default_factory=list)  # lemma, any:, code
    # (verbs the pattern was written for, argument, code); no verbs = the whole block
    patterns: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)


# -- code table ---------------------------------------------------------------------------------
def read_labels(codebooks: Path) -> dict[str, str]:
    labels: dict[str, str] = {}
    lines = (codebooks / "cameo" / "CAMEO.eventcodes.txt").read_text(encoding="utf-8")
    for line in lines.splitlines()[1:]:
        code, _, label = line.partition("\t")
        if code.strip():
            labels[code.strip()] = label.strip()
    labels["044"] = "Meet at a 'third' location"  # mis-encoded in the source file
    return labels


def read_plover(codebooks: Path) -> dict[str, tuple[str, str, str]]:
    """CAMEO code → (event, mode, contexts) with the 2.0 corrections applied."""
    table: dict[str, tuple[str, str, str]] = {}
    text = (codebooks / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        body = line.split("#", 1)[0]
        code, sep, rest = body.partition(":")
        if not sep or not code.strip().isdigit() or code.strip() in table:
            continue
        parts = [p.strip() for p in rest.split(",")] + ["", ""]
        event, mode, contexts = parts[0], parts[1], parts[2]
        mode = _MODE_2_0.get((event, mode), mode)
        table[code.strip()] = (event, mode, _contexts(contexts))
    for code, (event, mode) in _CODE_2_0.items():
        table[code] = (event, mode, table.get(code, ("", "", ""))[2])
    for code, mode in _APPEALS.items():
        table[code] = ("REQUEST", mode, "")
    return table


def _contexts(text: str) -> str:
    names = [_CONTEXT_2_0.get(c.strip(), c.strip()) for c in text.split(";")]
    return ";".join(n for n in names if n in PLOVER_CONTEXTS)


def code_rows(codebooks: Path) -> list[tuple[str, ...]]:
    labels, plover = read_labels(codebooks), read_plover(codebooks)
    rows: list[tuple[str, ...]] = []
    for code in sorted(labels, key=lambda c: (c.ljust(4, " "))):
        event, mode, contexts = plover.get(code) or plover.get(code[:3]) or ("", "", "")
        if len(code) == 2:
            continue  # the cue categories: every used code has three or four digits
        rows.append((code, event, mode, contexts, labels[code]))
    return rows


# -- CAMEO.2.0 verb patterns ------------------------------------------------------------------
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")


def read_verb_blocks(codebooks: Path) -> tuple[list[Block], dict[str, list[str]]]:
    text = (codebooks / "cameo" / "CAMEO.2.0.txt").read_text(encoding="utf-8")
    head, _, body = text.partition("####### VERB PATTERNS #######")
    synsets = _synsets(head)
    blocks: list[Block] = []
    for raw in body.splitlines():
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if not line.strip():
            continue
        if m := _HEADER.match(line):
            blocks.append(Block(m[1].lower(), _primary(m[2])[0]))
        elif blocks and line.startswith("-"):
            verbs = _comment_verbs(comment)
            blocks[-1].patterns.extend((verbs, arg, code)
                                       for arg, code in _pattern_args(line, synsets))
        elif blocks:
            verb = _verb_line(line)
            if verb:
                blocks[-1].verbs.append(verb)
    return blocks, synsets


def _comment_verbs(comment: str) -> tuple[str, ...]:
    """The verbs a pattern was written for, from its comment ("# FORGE , SET_UP"); empty when
    the comment is a coder's note instead ("# OY 14 Mar 2006")."""
    words = [w for w in re.split(r"[\s,]+", comment.strip()) if w]
    if not words or not all(re.fullmatch(r"[A-Z][A-Z_'-]*", w) for w in words):
        return ()
    return tuple(sorted({w.lower().split("_")[0] for w in words}))


def _synsets(text: str) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            current = sets.setdefault(line[1:].rstrip("_").lower(), [])
        elif line.startswith("+") and current is not None:
            word = line[1:].split()[0].rstrip("_").lower()
            current.append(word.replace("_", " "))
        elif not line:
            current = None
    return sets


def _primary(code: str) -> tuple[str, bool]:
    """``[040]`` → ("040", False); ``[042:043]`` → ("042", False) (actor's side);
    ``[:020]`` → ("020", True): only the recipient acts, so the roles swap."""
    code = code.strip()
    if code in ("", "---"):
        return "", False
    first, _, second = code.partition(":")
    first, second = first.strip(), second.strip()
    if first and first != "---":
        return first, False
    return (second, True) if second and second != "---" else ("", False)


def _verb_line(line: str) -> tuple[str, str, str] | None:
    code_match = _CODE.search(line)
    code = _primary(code_match[1])[0] if code_match else ""
    name = line.split()[0]
    multi = name.startswith("+")
    words = name.lstrip("+").rstrip("_").lower().split("_")
    if not words[0].isalpha() or "and" in words or len(words) > 3:
        return None
    particle = words[-1] if multi and len(words) > 1 else ""
    return words[0], particle, code


def _pattern_args(line: str, synsets: dict[str, list[str]]) -> Iterator[tuple[str, str]]:
    code_match = _CODE.search(line)
    if not code_match:
        return
    code, reverse = _primary(code_match[1])
    text = line[1:code_match.start()].strip()
    before, star, after = text.partition("*")
    if not star:
        return
    marker = "~" if reverse else ""
    for arg in _args(before.split(), after.strip(), synsets):
        yield marker + arg, code


def _args(before: list[str], after: str, synsets: dict[str, list[str]]) -> list[str]:
    if after:
        return _after_args(after, synsets)
    if len(before) == 1:
        return [f"subj:{w}" for w in _words(before[0], synsets)]
    return []


def _after_args(after: str, synsets: dict[str, list[str]]) -> list[str]:
    if after.startswith("("):
        inner = after[1:].split(")", 1)[0].split()
        if not inner or not inner[0].isalpha():
            return []
        prep = inner[0].lower().split("/")[0]
        if len(inner) == 1:
            return [f"pp:{prep}:"]
        return [f"pp:{prep}:{w}" for w in _words(_head_item(inner[1:]), synsets)]
    if after.startswith("{"):
        inner = after[1:].split("}", 1)[0].split()
        return [f"obj:{w}" for w in _words(inner[-1], synsets)] if inner else []
    first = after.split()[0]
    return [f"obj:{w}" for w in _words(first, synsets)]


def _head_item(items: list[str]) -> str:
    """The noun of a prepositional group: the last word of a ``{…}`` compound, else the first
    word."""
    if items[0].startswith("{"):
        group = " ".join(items).lstrip("{").split("}", 1)[0].split()
        return group[-1] if group else ""
    return items[0]


def _words(item: str, synsets: dict[str, list[str]]) -> list[str]:
    item = item.strip("{}()$%^+|")
    if item.startswith("&"):
        return [w for w in synsets.get(item[1:].rstrip("_").lower(), []) if " " not in w]
    word = item.rstrip("_").lower()
    return [word] if re.fullmatch(r"[a-z][a-z'-]*", word) else []


def lexicon_rows(codebooks: Path) -> list[tuple[str, ...]]:
    """``kind, trigger, argument, code, source`` rows: CAMEO.2.0 verbs and patterns, then
    the extensions."""
    blocks, _ = read_verb_blocks(codebooks)
    rows: set[tuple[str, ...]] = set()
    for block in blocks:
        rows.update(_block_rows(block))
    for kind, trigger, arg, code in EXTENSIONS:
        rows.add((kind, trigger, arg, code, "dragoman"))
    for verb in STOP_VERBS:
        rows.add(("stop", verb, "", "", "dragoman"))
    return sorted(rows)


# CAMEO.2.0 blocks of everyday verbs ("add", "lead", "rule", "improve", "increase", "link",
# "buy") whose block code (06x, material cooperation) holds only with the block's patterns:
# alone, such a verb codes nothing.
GENERIC_BLOCKS = {"facilitate", "grant", "oversee_manage", "allocate", "boost", "link", "merge",
                  "enact", "enlist", "purchase", "import"}


def _block_rows(block: Block) -> Iterable[tuple[str, ...]]:
    source = f"CAMEO.2.0:{block.name}"
    for lemma, particle, code in block.verbs:
        arg = f"any:{particle}" if particle else ""
        own = code or (block.code if block.name not in GENERIC_BLOCKS else "")
        if own:
            yield ("verb", lemma, arg, own, source)
        yield ("member", lemma, arg, block.name, source)
    members = {lemma for lemma, _, _ in block.verbs}
    for verbs, arg, code in block.patterns:
        if not code:
            continue
        named = [v for v in verbs if v in members]
        if named:
            for verb in named:  # the pattern names its verb: it holds for that verb only
                yield ("verb", verb, arg, code, source)
        else:
            yield ("pattern", block.name, arg, code, source)


# -- writing ------------------------------------------------------------------------------------
CODES_HEADER = (
    "# CAMEO code -> PLOVER 2.0 event, mode, contexts (';'-separated), CAMEO label.\n"
    "# Generated by `python -m dragoman.knowledge.build events` from ../shared/codebooks:\n"
    "# cameo/CAMEO.eventcodes.txt (labels; GDELT lookup, CAMEO by Gerner, Schrodt, Yilmaz) and\n"
    "# plover/CAMEO2PLOVER-2021.txt (the correspondence only; OEDA, CC BY-SA 4.0), with the\n"
    "# PLOVER 2.0 manual's renamed modes and contexts; 02x appeals coded as REQUEST.\n"
    "code\tevent\tmode\tcontext\tlabel\n")
LEXICON_HEADER = (
    "# Event triggers. kind: verb (lemma, optional argument, code), member (verb lemma ->\n"
    "# its CAMEO.2.0 block), pattern (block, argument, code; '~' = the recipient acts),\n"
    "# noun / light / phrase (dragoman's own triggers), stop (a verb coded only by its patterns).\n"
    "# Arguments: obj:<noun>, subj:<noun>, pp:<prep>:<noun>, any:<word>.\n"
    "# Generated by `python -m dragoman.knowledge.build events` from\n"
    "# ../shared/codebooks/cameo/CAMEO.2.0.txt (PETRARCH-2 verb dictionary, MIT, (c) 2015 Open\n"
    "# Event Data Alliance) and dragoman's EXTENSIONS (source 'dragoman').\n"
    "kind\ttrigger\targument\tcode\tsource\n")


def render(header: str, rows: Iterable[tuple[str, ...]]) -> str:
    return header + "".join("\t".join(row) + "\n" for row in rows)


def build(codebooks: Path) -> dict[str, str]:
    """File name → content, for writing or for the regenerate-and-compare test."""
    return {"event_codes.tsv": render(CODES_HEADER, code_rows(codebooks)),
            "event_lexicon.tsv": render(LEXICON_HEADER, lexicon_rows(codebooks))}
