"""Countries, sectors and Wikidata ids of entities, from the text and from dated actor knowledge."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from dragoman.knowledge.keys import key
from dragoman.knowledge.sectors import TOPIC_WORDS
from dragoman.records import Entity, Span
from dragoman.stages.entities.knowledge import ActorKnowledge
from dragoman.stages.entities.mentions import Group, country_name_code


def family_countries(entities: list[Entity]) -> list[Entity]:
    """A person the text and knowledge place nowhere takes the country of the one other
    person of the article with the same family name ("Saif al-Islam Gaddafi" beside
    "Muammar Gaddafi", "his brother Hazem Ghonim" beside "Wael Ghonim")."""
    by_surname: dict[str, set[str]] = {}
    for e in entities:
        if e.type == "PERSON" and e.country and len(e.name.split()) > 1:
            by_surname.setdefault(key(e.name.split()[-1]), set()).add(e.country)
    result = []
    for e in entities:
        countries = by_surname.get(key(e.name.split()[-1]), set()) if e.name else set()
        if e.type == "PERSON" and e.country is None and len(e.name.split()) > 1 and \
                len(countries) == 1:
            e = replace(e, country=next(iter(countries)))
        result.append(e)
    return result


# -- records ---------------------------------------------------------------------------------
def to_entity(number: int, group: Group, knowledge: ActorKnowledge | None,
               published: str | None) -> Entity:
    votes = group.genders.most_common(2)
    gender = votes[0][0] if votes else None
    if len(votes) == 2 and votes[0][1] == votes[1][1]:
        gender = None  # as many votes each way: the article does not say
    honorifics = {m.gender for m in group.mentions if m.gender}
    if len(honorifics) == 1:
        gender = honorifics.pop()  # "Mr", "Ms": surer than a pronoun's vote
    facts = _Facts()
    if knowledge is not None:
        facts = _facts(group, knowledge, published)
    mentions: tuple[Span, ...] = tuple((m.start_char, m.end_char) for m in group.mentions)
    return Entity(id=f"e{number}", name=facts.name or group.name, type=group.label,
                  mentions=mentions, title=group.title or facts.title,
                  affiliation=group.affiliation, country=facts.country, sector=facts.sector,
                  wikidata=facts.wikidata, gender=gender)


@dataclass
class _Facts:
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    title: str | None = None
    name: str | None = None


def _facts(group: Group, knowledge: ActorKnowledge, published: str | None) -> _Facts:
    """Country and sector from the text first (title, affiliation, the name itself), then
    from actor knowledge dated by the article."""
    name = group.name
    if group.label in ("ORG", "LOC", "FAC") and country_name_code(name, knowledge):
        group.label = "GPE"  # "the Democratic People's Republic of Korea" tagged ORG
    if group.label == "PERSON" and _place_not_person(group, knowledge):
        group.label = "GPE"  # "Kyiv" tagged as a person
    if group.label in ("LOC", "FAC") and not knowledge.government(name):
        org = knowledge.organisation(name)
        if org is not None:  # "the South China Morning Post" tagged as a place
            group.label = "ORG"
            return _Facts(country=org.code, sector=org.sector)
    if group.label in ("GPE", "LOC", "FAC", "NORP"):
        government = knowledge.government(name) if group.label != "NORP" else None
        country = place_country(knowledge, name) or government
        if group.label == "FAC" and government:  # "the White House", "the Kremlin"
            return _Facts(country=government, sector="GOV")
        return _Facts(country=country)
    if group.label == "ORG" and _known_person(name, knowledge):
        group.label = "PERSON"  # "Moody Awori" tagged ORG
    if group.label == "PERSON":
        return _person_facts(group, knowledge, published)
    government = knowledge.government(name)
    if government:
        return _Facts(country=government, sector="GOV")
    org = knowledge.organisation(name)
    if org is not None:  # a group known without a state ("Palestinian Islamic Jihad")
        return _Facts(country=org.code or _country_in(knowledge, [name]), sector=org.sector)
    return _Facts(country=_country_in(knowledge, [name]), sector=knowledge.sector(name))


def _place_not_person(group: Group, knowledge: ActorKnowledge) -> bool:
    """A one-word "person" with no title or honorific that is a country, capital or known
    place and nobody's name in actor knowledge."""
    name = group.name
    if len(name.split()) != 1 or group.title or group.genders:
        return False
    if not (country_name_code(name, knowledge) or knowledge.place_country(name)):
        return False
    return not any(key(t.name).split()[-1:] == key(name).split() for t in knowledge.people(name))


def _known_person(name: str, knowledge: ActorKnowledge) -> bool:
    """Whether an organisation-tagged name is the full name of a known person and of no known
    organisation."""
    if len(name.split()) < 2 or knowledge.organisation(name) is not None:
        return False
    return any(key(t.name) == key(name) for t in knowledge.people(name))


def _person_facts(group: Group, knowledge: ActorKnowledge, published: str | None) -> _Facts:
    described = " ".join(t for t in (group.title, group.affiliation) if t)
    sector = knowledge.sector(described) if described else None
    country = None
    if group.affiliation:
        orgs = knowledge.organisations_in(group.affiliation)
        country = next((o.code for o in orgs if o.code and len(o.code) == 3), None)
    if not country and group.title:  # "Arab League chief": an international body's code
        orgs = knowledge.organisations_in(group.title)
        country = next((o.code for o in orgs if o.code and len(o.code) > 3), None)
    country = country or _country_in(knowledge, [group.affiliation, group.title])
    facts = _Facts(country=country, sector=sector)
    terms = _known_terms(group, knowledge, published)
    countries = {t.country for t in terms}
    if len(countries) == 1 and country in (None, *countries):
        # one country, even when several people share the name ("Bush")
        known = terms[0]
        facts.country = known.country
        if published is None or known.in_office(published):
            facts.sector = facts.sector or known.sector
        if len({t.name for t in terms}) == 1 and (len(group.name.split()) > 1 or
                                                  len({t.id for t in terms}) == 1):
            facts.wikidata = known.wikidata
            facts.name = known.name if len(known.name) > len(group.name) else None
            if published is not None and known.in_office(published):
                facts.title = known.title
    elif not terms and facts.country is None:
        facts.country = nationality(knowledge, group.name)  # "Bosnian Serbs" tagged PERSON
    return facts


def _known_terms(group: Group, knowledge: ActorKnowledge, published: str | None) -> list[Any]:
    """The terms of office in actor knowledge the article's name can mean: those in office
    that day if any; when they span several countries, the title in the text picks the
    office ("President Bush", not a co-prince of Andorra). A lone name counts only people
    whose office its title names, or untitled, leaders and curated or Wikidata people."""
    terms = knowledge.people(group.name, on=published)
    if len(group.name.split()) == 1:
        # a lone name is a known person only if the title in the text is theirs ("King
        # Edward" is no commerce secretary Edward Yau) or, untitled ("Kurd", "Bush"), if a
        # leader goes by it: a minor official of that name is more likely someone else
        terms = [t for t in terms if _same_office(group.title, t.title or t.role or "")
                 ] if group.title else [t for t in terms if t.role or t.source != "phoenix"]
    current = [t for t in terms if published is not None and t.in_office(published)]
    terms = current or terms
    if group.title and len({t.country for t in terms}) > 1:
        terms = [t for t in terms if _same_office(group.title, t.title or t.role or "")]
    return terms


HEAD_WORDS = {"president", "king", "queen", "emir", "sultan", "monarch"}


def _same_office(title: str, office: str) -> bool:
    """Whether a title read from the text ("President", "Prime Minister") names an office
    ("president", "head_of_state" for a president or king, "prime_minister")."""
    said = set(title.lower().replace("-", " ").split())
    held = set(office.lower().replace("_", " ").replace("-", " ").split())
    if said & HEAD_WORDS and held & {"head", "president", "king", "state"}:
        return True
    return bool(said & held - {"of", "the", "minister", "state"}) or said == held


DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
              "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
              "northwestern", "southeastern", "southwestern", "upper", "lower"}


FEATURES = {"strip", "region", "province", "district", "valley", "peninsula", "heights",
            "state", "enclave", "territory", "territories"}


def place_country(knowledge: ActorKnowledge, name: str) -> str | None:
    """A place's country; a part named by its direction ("South Lebanon", "southern
    Serbia") or by a kind of land ("the Gaza Strip") lies in the whole."""
    words = name.split()
    if len(words) > 1 and words[0].lower() in DIRECTIONS:
        words = words[1:]
    if len(words) > 1 and words[-1].lower() in FEATURES:
        words = words[:-1]
    for candidate in dict.fromkeys((name, " ".join(words))):
        code = knowledge.country(candidate) or knowledge.place_country(candidate)
        if code:
            return code
    return None


def nationality(knowledge: ActorKnowledge, name: str) -> str | None:
    """The country of a nationality or country name the recogniser took for something else
    ("Ugandan", "Sri Lanka", "Bosnian Serbs"): a country's name, or a name led by its
    demonym."""
    code = knowledge.country(name)
    info = knowledge.country_info(code) if code else None
    if info is None:
        return None
    first = name.split()[0].lower()
    if first in {d.lower() for d in info.demonyms} or name.lower() in {
            n.lower() for n in (info.name, *info.aliases)}:
        return code
    return None


def _country_in(knowledge: ActorKnowledge, texts: Iterable[str | None]) -> str | None:
    """The first country named by a word or two of the texts ("US" in "US Secretary of
    State", "Chinese" in "Chinese Academy of Social Sciences"), unless it names a topic."""
    for text in texts:
        if not text:
            continue
        words = text.replace("’s", "").replace("'s", "").split()
        for i in range(len(words)):
            for size in (3, 2, 1):
                phrase = words[i:i + size]
                after = words[i + size].lower() if i + size < len(words) else ""
                if len(phrase) < size or after in TOPIC_WORDS:
                    continue
                if i > 0 and words[i - 1].lower() in ("for", "on"):
                    continue  # "Centre for American Studies", "envoy on Syria"
                code = knowledge.country(" ".join(phrase))
                if code:
                    return code
    return None
