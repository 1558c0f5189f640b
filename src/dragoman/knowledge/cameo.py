"""CAMEO actor codes -> (country or organisation code, sector).

CAMEO codes are strings of 3-letter segments: a country (``USAGOVLEG``) or an international
prefix (``IGOUNOHLHWHO``), then regions, role codes, religions and organisation codes. The
code lists below are facts from the CAMEO manual 1.1b3 (actor chapter: primary, secondary and
tertiary role codes; international region codes; the organisation table) and from the PLOVER
2.0 manual (sector codes, KOS for Kosovo). Only the codes are used, none of the manuals' text.
"""

from __future__ import annotations

from collections.abc import Collection

# CAMEO manual, "Generic role codes": primary, secondary and tertiary roles.
# PLOVER event types whose sides act together ("A and B agreed"): which side is the actor and
# which the recipient is arbitrary, so extraction, merging and evaluation treat them as
# symmetric.
JOINT = frozenset({"CONSULT", "COOPERATE", "AGREE"})
PRIMARY_ROLES = frozenset({"COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY",
                           "UAF"})
SECONDARY_ROLES = frozenset({"AGR", "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH",
                             "HRI", "LAB", "LEG", "MED", "REF"})
TERTIARY_ROLES = frozenset({"MOD", "RAD"})
# Used by the Phoenix dictionaries beside the manual's roles (parties, religious bodies, ...).
OTHER_ROLES = frozenset({"PTY", "REL", "IGO", "NGO", "PPL", "SOC", "PRE", "PRM", "UNK"})
ROLES = PRIMARY_ROLES | SECONDARY_ROLES | TERTIARY_ROLES | OTHER_ROLES

# CAMEO manual, "International Region Codes" table.
REGIONS = frozenset({"AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF",
                     "EEU", "EUR", "LAM", "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM",
                     "SAS", "SEA", "SAF", "WAF", "WST", "WEU", "NEU", "SEU", "CAM"})
# CAMEO religion codes as they occur inside Phoenix organisation codes (IMGMUSALQ = al-Qaeda).
RELIGIONS = frozenset({"MUS", "MOS", "CHR", "JEW", "HIN", "BUD", "SHI", "SUN", "CTH", "PRO",
                       "ORT", "DOX", "SIK", "JAN", "BAH", "TAO", "CON", "ZRO", "LDS", "ATH",
                       "PAG", "SHA", "ALE", "SFI", "DRZ", "CPT", "MRN", "MAR", "JHW", "ITH"})
# Prefixes of actors that belong to no state (CAMEO manual, "International actors").
INTERNATIONAL = {"IGO": "IGO", "NGO": "NGO", "NGM": "NGO", "IMG": "REB", "MNC": "BUS",
                 "ISM": "CVL", "INT": None}
# Codes the sources use where ISO 3166 (and PLOVER) use another one.
# countrynames.txt / CountryInfo: East Timor TMP -> ISO TLS; Kosovo KSV -> KOS, the code the
# PLOVER 2.0 manual uses (Kosovo has no ISO 3166 code); FRN is a typo for FRA in FRNWLF.
CODE_FIXES = {"TMP": "TLS", "KSV": "KOS", "FRN": "FRA", "ROM": "ROU", "ZAR": "COD",
              "ANG": "AGO"}
# Sector codes the PLOVER agents file uses where CAMEO has another (PLOVER manual, sector
# code note 4: JRN is CAMEO's MED, and PLOVER's MED is CAMEO's HLH).
PLOVER_TO_CAMEO = {"JRN": "MED", "MED": "HLH", "CVLOPP": "OPP", "SOC": "CVL"}
CAMEO_TO_PLOVER = {"MED": "JRN", "HLH": "MED"}


def segments(code: str) -> list[str]:
    """``"USAGOVLEG"`` -> ``["USA", "GOV", "LEG"]`` (a trailing fragment is dropped)."""
    code = code.strip().upper().replace("~", "")
    return [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]


def fix_country(code: str) -> str:
    """The ISO 3166 alpha-3 form of a source's country code (TMP -> TLS, KSV -> KOS)."""
    return CODE_FIXES.get(code, code)


def role_sector(roles: list[str]) -> str | None:
    """The sector of a run of role codes: the primary role, as PLOVER's single sector field
    wants (GOVMIL, a defence ministry, is GOV; MILGOV is MIL). INS and SEP are REB (PLOVER
    sector note 3); a religion alone is REL."""
    for role in roles:
        if role in {"INS", "SEP"}:
            return "REB"
        if role in ROLES and role not in TERTIARY_ROLES:
            return role
    if any(r in RELIGIONS for r in roles):
        return "REL"
    return None


def organisation_code(prefix: str, rest: list[str], countries: Collection[str] = ()) -> str:
    """The organisation's code as the CAMEO manual's organisation table writes it: the prefix,
    UNO for bodies of the UN system, then the organisation's own code; regions, roles,
    religions and countries are dropped (IGOUNOHLHWHO -> IGOUNOWHO, IGOWSTNAT -> IGONAT)."""
    un = "UNO" if "UNO" in rest else ""
    own = [s for s in rest if s != "UNO" and s not in ROLES and s not in REGIONS
           and s not in RELIGIONS and fix_country(s) not in countries]
    return prefix + un + (own[-1] if own else "")


def parse_code(code: str, countries: Collection[str]) -> tuple[str | None, str | None]:
    """``(country or organisation code, sector)`` of a CAMEO actor code.

    ``countries`` are the known ISO-3 codes. A national code gives its country and the
    sector of its roles; an international one gives its organisation code and IGO/NGO/REB/BUS
    (a company or NGO with a home country and no code of its own, MNCUSA, gives the country:
    the CAMEO manual says such actors combine with that country's); a region code (MEAREB)
    gives no country.
    """
    segs = segments(code)
    if not segs:
        return None, None
    head, rest = segs[0], segs[1:]
    if head in INTERNATIONAL:
        sector = INTERNATIONAL[head] or role_sector(rest)
        if head == "INT":
            return None, sector
        org = organisation_code(head, rest, countries)
        home = [fix_country(s) for s in rest if fix_country(s) in countries]
        if org == head and home and head in {"MNC", "NGO", "NGM"}:
            return home[0], sector
        return org, sector
    country = fix_country(head)
    if country in countries:
        rest = [r for r in rest if r in ROLES or r in RELIGIONS or r in {"INS", "SEP"}]
        return country, role_sector(rest)
    return None, role_sector(rest)
