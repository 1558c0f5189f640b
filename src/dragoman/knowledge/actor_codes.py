"""CAMEO-style actor codes: a state's ISO-3 code followed by the party's sector ("LBYREB",
"USAGOV", "LBYMIL"), as CAMEO's actor dictionaries and the ICEWS and POLECAT event data code
actors below the state (CAMEO manual, ch. 1 "Actor codes": country, then role).

An international organisation's code (``IGOUNO``, ``IGOARL``) is already a whole actor code
and stays as it is; a state without a known sector is its bare code (``LBY``). A code covers
every code it begins: ``LBY`` covers ``LBYGOV`` and ``LBYREB``, ``LBYGOV`` only ``LBYGOV``
(and longer CAMEO codes such as ``LBYGOVMIL``), so filtering by a country finds every actor
of that country.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from dragoman.knowledge.cameo import INTERNATIONAL

SECTOR = re.compile(r"[A-Z]{3}")
STATE = re.compile(r"[A-Z]{3}")


def actor_code(country: str | None, sector: str | None) -> str | None:
    """The actor code of a party of ``country`` (ISO-3 or a CAMEO organisation code) and
    ``sector`` (a CAMEO agent code); None when the country is unknown — a sector alone
    ("rebels" of no known state) names no actor an analyst can place."""
    if not country:
        return None
    if STATE.fullmatch(country) and sector and SECTOR.fullmatch(sector):
        return country + sector
    return country


def party_code(party: Mapping[str, Any]) -> str | None:
    """The actor code of a CONTRACT party or speaker dict: its ``code``, else computed from
    its ``country`` and ``sector`` (records written before parties carried codes)."""
    return party.get("code") or actor_code(party.get("country"), party.get("sector"))


def covers(given: str, code: str | None) -> bool:
    """Whether the filter code ``given`` (``LBY``, ``LBYREB``) covers the actor ``code``."""
    return code is not None and code.startswith(given)


# What the sector part of a code stands for (CAMEO manual, "Domestic role codes"), to label
# codes in the UI.
SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition",
    "COP": "police", "JUD": "judiciary", "LEG": "legislature", "SPY": "intelligence",
    "BUS": "business", "MED": "media", "EDU": "education", "CVL": "civilians",
    "REL": "religious", "CRM": "criminals", "HLH": "health", "HRI": "human rights",
    "LAB": "labour", "AGR": "agriculture", "ENV": "environment", "REF": "refugees",
    "ELI": "elites", "PTY": "political party", "UAF": "armed forces (unaligned)",
    "NGO": "non-governmental organisation", "IGO": "international organisation",
    "INS": "insurgents", "SEP": "separatists",
}


def split_code(code: str) -> tuple[str, str]:
    """An actor code's country (or organisation) and sector: (LBY, REB) of LBYREB, (LBY, "")
    of LBY, (IGOUNO, "") of IGOUNO: an organisation's code is whole."""
    if code[:3] in INTERNATIONAL or not (STATE.fullmatch(code[:3])
                                         and SECTOR.fullmatch(code[3:])):
        return code, ""
    return code[:3], code[3:]


def code_label(code: str, names: Mapping[str, str]) -> str:
    """A code in words, ``names`` giving the country's ("Libya, rebels" for LBYREB); the
    code itself where nothing is known of it."""
    country, sector = split_code(code)
    name = names.get(country) or country
    return f"{name}, {SECTOR_NAMES.get(sector, sector)}" if sector else name
