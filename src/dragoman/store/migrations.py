"""Named schema migrations, applied in order and recorded in ``migrations``.

Never edit a migration that has shipped: add a new one. Every data row carries the dragoman
version and the model that produced it, and the run that wrote it.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_articles_paragraphs_errors_runs", """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    inputs TEXT NOT NULL,          -- JSON list
    settings TEXT NOT NULL,        -- JSON object
    started TEXT NOT NULL,
    finished TEXT,
    summary TEXT,                  -- JSON object, set when the run ends
    version TEXT NOT NULL,
    model TEXT NOT NULL
);
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,       -- ingest order: "first seen" for near-duplicates
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    published TEXT,
    title TEXT,
    url TEXT,
    source TEXT,
    origin TEXT NOT NULL,
    text TEXT NOT NULL,
    n_paragraphs INTEGER NOT NULL,
    near_duplicate_of TEXT,
    near_duplicate_similarity REAL,
    minhash BLOB,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    version TEXT NOT NULL,
    model TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_near_duplicate_of ON articles(near_duplicate_of);
CREATE TABLE paragraphs (
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    duplicate_of INTEGER,
    version TEXT NOT NULL,
    model TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    article_id TEXT,
    kind TEXT NOT NULL,
    stage TEXT NOT NULL,
    message TEXT NOT NULL,
    first_run INTEGER NOT NULL REFERENCES runs(id),
    last_run INTEGER NOT NULL REFERENCES runs(id),
    version TEXT NOT NULL,
    model TEXT NOT NULL,
    UNIQUE (origin, kind, message)
);
"""),
]

# Annotations: a few columns to query by, and `data`, the item's CONTRACT dict as JSON, so the
# store gives back exactly the record `extract` wrote.
MIGRATIONS.append(("0002_entities_timexes_quotes", """
CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id),
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    title TEXT,
    country TEXT,
    sector TEXT,
    wikidata TEXT,
    data TEXT NOT NULL,
    version TEXT NOT NULL,
    model TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX entities_name ON entities(name);
CREATE INDEX entities_wikidata ON entities(wikidata);
CREATE TABLE timexes (
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    data TEXT NOT NULL,
    version TEXT NOT NULL,
    model TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX timexes_value ON timexes(value);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    speaker_entity TEXT,
    speaker_name TEXT,
    date TEXT,
    duplicate_of INTEGER,
    data TEXT NOT NULL,
    version TEXT NOT NULL,
    model TEXT NOT NULL,
    UNIQUE (article_id, idx)
);
CREATE INDEX quotes_speaker_name ON quotes(speaker_name);
CREATE INDEX quotes_date ON quotes(date);
CREATE VIRTUAL TABLE quotes_fts USING fts5(content, speaker_name, content='quotes',
                                           content_rowid='id');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, content, speaker_name)
    VALUES (new.id, new.content, new.speaker_name);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker_name)
    VALUES ('delete', old.id, old.content, old.speaker_name);
END
"""))

MIGRATIONS.append(("0003_actors", """
CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    wikidata TEXT,
    surname TEXT,
    version TEXT NOT NULL,
    model TEXT NOT NULL
);
CREATE INDEX actors_name_key ON actors(name_key);
CREATE INDEX actors_wikidata ON actors(wikidata);
CREATE INDEX actors_surname ON actors(surname);
CREATE TABLE actor_aliases (
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    alias TEXT NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (actor_id, alias)
);
CREATE INDEX actor_aliases_alias ON actor_aliases(alias COLLATE NOCASE);
CREATE TABLE entity_actors (
    article_id TEXT NOT NULL REFERENCES articles(id),
    entity_id TEXT NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX entity_actors_actor ON entity_actors(actor_id)
"""))

MIGRATIONS.append(("0004_events", """
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    event TEXT NOT NULL,
    actors TEXT NOT NULL,
    recipients TEXT NOT NULL,
    first_day INTEGER,
    last_day INTEGER
);
CREATE INDEX event_clusters_key ON events(event, actors, recipients);
CREATE TABLE event_mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx INTEGER NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES events(id),
    event TEXT NOT NULL,
    mode TEXT,
    cameo TEXT,
    status TEXT,
    date TEXT,
    actors TEXT NOT NULL,
    recipients TEXT NOT NULL,
    location TEXT,
    start INTEGER,
    "end" INTEGER,
    mentions INTEGER NOT NULL,
    data TEXT NOT NULL,
    version TEXT NOT NULL,
    model TEXT NOT NULL,
    UNIQUE (article_id, idx)
);
CREATE INDEX event_mentions_cluster ON event_mentions(cluster_id);
CREATE INDEX event_mentions_date ON event_mentions(date);
CREATE INDEX event_mentions_event ON event_mentions(event);
"""))

# For the web UI and JSON API (dragoman.web): full-text search over articles, kept in step by
# triggers like quotes_fts, and the indexes its filters and orderings need on 100,000 articles.
MIGRATIONS.append(("0005_web_indexes", """
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',
                                             content_rowid='seq');
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE INDEX articles_source ON articles(source, published);
CREATE INDEX entities_country ON entities(country);
CREATE INDEX quotes_speaker_repeats ON quotes(speaker_name, duplicate_of);
CREATE INDEX event_clusters_first_day ON events(first_day);
CREATE INDEX event_clusters_sides ON events(actors, recipients, event, first_day,
                                                  last_day);
CREATE INDEX event_clusters_recipients ON events(recipients, actors);
CREATE INDEX event_clusters_multiparty ON events(first_day)
    WHERE (instr(actors, '|') > 0 OR instr(recipients, '|') > 0);
"""))

# Actor listings count the distinct articles an actor is in (dragoman actors, /api/entities)
# off this index alone.
MIGRATIONS.append(("0006_actor_article_index", """
CREATE INDEX entity_actors_actor_article ON entity_actors(actor_id, article_id);
"""))

# Event confidence (CONTRACT events[].confidence): each mention's, and each merged event's —
# the highest of its mentions' (corpus/events.py says why). Stores written before keep
# working: their events have no confidence (NULL), which only a minimum of 0 keeps; a
# confidence already in a mention's record is copied into the column.
MIGRATIONS.append(("0007_event_confidence", """
ALTER TABLE event_mentions ADD COLUMN confidence REAL;
ALTER TABLE events ADD COLUMN confidence REAL;
UPDATE event_mentions SET confidence = json_extract(data, '$.confidence')
    WHERE json_type(data, '$.confidence') IN ('real', 'integer');
UPDATE events SET confidence = (SELECT max(m.confidence) FROM event_mentions m
                                WHERE m.cluster_id = events.id);
"""))

# What part of the page each paragraph is (stages/paragraphs/zones.py), so `dragoman show` and the
# article page can mark comments, captions and boilerplate. Paragraphs stored before it
# read as body.
MIGRATIONS.append(("0008_paragraph_zones", """
ALTER TABLE paragraphs ADD COLUMN zone TEXT NOT NULL DEFAULT 'body';
"""))

# Speakers carry a country and a sector (issue 12): stored beside the name so that quotes
# can be filtered by the speaker's country whether the speaker is an entity ("Syria" speaking
# as the Syrian government) or a description ("the Syrian authorities"). Rows stored before
# take their speaker entity's country and sector.
MIGRATIONS.append(("0009_quote_speaker_country", """
ALTER TABLE quotes ADD COLUMN speaker_country TEXT;
ALTER TABLE quotes ADD COLUMN speaker_sector TEXT;
UPDATE quotes SET
    speaker_country = coalesce(json_extract(data, '$.speaker.country'),
        (SELECT e.country FROM entities e WHERE e.article_id = quotes.article_id
         AND e.entity_id = quotes.speaker_entity)),
    speaker_sector = coalesce(json_extract(data, '$.speaker.sector'),
        (SELECT e.sector FROM entities e WHERE e.article_id = quotes.article_id
         AND e.entity_id = quotes.speaker_entity));
CREATE INDEX quotes_speaker_country ON quotes(speaker_country);
"""))

# Transliterations of one person ("Gaddafi", "Gadhafi", "Qadhafi") are one actor: a person
# actor keeps the consonant skeleton of its surname (corpus/actors.py sound_key) to find
# the other spellings by. Actors stored before have none and are found by name as before.
MIGRATIONS.append(("0010_actor_sound", """
ALTER TABLE actors ADD COLUMN sound TEXT;
CREATE INDEX actors_sound ON actors(sound);
"""))

# A period filter on merged events (since … until: last_day >= since AND first_day <= until)
# had only first_day to start from, so a recent period read every older event; with
# last_day indexed too, the two ranges are intersected (pairs, network, timeline).
MIGRATIONS.append(("0011_event_last_day", """
CREATE INDEX event_clusters_last_day ON events(last_day);
"""))


def _code_sql(country: str, sector: str) -> str:
    """SQL of knowledge/actor_codes.py ``actor_code``: a state's code followed by a sector
    code, else the country (or organisation) code alone."""
    return (f"CASE WHEN {country} GLOB '[A-Z][A-Z][A-Z]' AND {sector} GLOB '[A-Z][A-Z][A-Z]' "
            f"THEN {country} || {sector} ELSE {country} END")


def _side_sql(key: str) -> str:
    """SQL of corpus/events.py ``side`` for the ``key`` list of an event mention's data: its
    parties' actor codes, and the name keys the stored side holds for parties without a
    country (stored sides hold upper-case codes and lower-case name keys)."""
    party = "json_extract(p.value, '$.{}')"
    code = (f"coalesce({party.format('code')}, "
            f"{_code_sql(party.format('country'), party.format('sector'))})")
    return (
        "coalesce((SELECT group_concat(c, '|') FROM (SELECT DISTINCT c FROM ("
        f"SELECT {code} AS c FROM json_each(event_mentions.data, '$.{key}') p "
        "UNION SELECT t.value FROM json_each('[\"' || replace(event_mentions." + key
        + ", '|', '\",\"') || '\"]') t WHERE t.value NOT GLOB '[A-Z][A-Z][A-Z]*') "
        "WHERE c IS NOT NULL AND c != '' ORDER BY c)), '')")


# Actors below the state (issue 15): event sides and speakers carry CAMEO-style actor codes,
# country then sector (knowledge/actor_codes.py). Quotes keep the speaker's code; event sides
# (events and event_mentions ``actors``/``recipients``) hold actor codes where they held
# country codes, so merging keys on them (corpus/events.py). Rows stored before are rewritten
# from their stored country and sector; each merged event takes the sides of its first
# mention, and `dragoman merge-events` merges the mentions again on the codes. A mention's
# ``score`` says how well its sentence tells the event (corpus/events.py ``mention_score``);
# the merged event shows its best-scored mention. Mentions stored before score 0 (so the
# first stored is shown, as before) until `dragoman merge-events` scores them.
MIGRATIONS.append(("0012_actor_codes", f"""
ALTER TABLE quotes ADD COLUMN speaker_code TEXT;
UPDATE quotes SET speaker_code = {_code_sql('speaker_country', 'speaker_sector')};
CREATE INDEX quotes_speaker_code ON quotes(speaker_code);
UPDATE event_mentions SET actors = {_side_sql('actors')},
    recipients = {_side_sql('recipients')};
UPDATE events SET (actors, recipients) = (
    SELECT CASE WHEN events.event IN ('AGREE', 'CONSULT', 'COOPERATE')
                AND m.actors > m.recipients THEN m.recipients ELSE m.actors END,
           CASE WHEN events.event IN ('AGREE', 'CONSULT', 'COOPERATE')
                AND m.actors > m.recipients THEN m.actors ELSE m.recipients END
    FROM event_mentions m WHERE m.cluster_id = events.id ORDER BY m.id LIMIT 1)
    WHERE EXISTS (SELECT 1 FROM event_mentions m WHERE m.cluster_id = events.id);
ALTER TABLE event_mentions ADD COLUMN score INTEGER NOT NULL DEFAULT 0;
CREATE INDEX event_mentions_best ON event_mentions(cluster_id, score DESC, id);
"""))

# Quotations across articles (corpus/quotations.py): each quote points at its quotation (the
# id of the quotation's first quote) and keeps who said it and its words as merging compares
# them. Quotes stored before are each a quotation of their own (no speaker key: later quotes
# do not merge into them).
MIGRATIONS.append(("0013_quotations", """
ALTER TABLE quotes ADD COLUMN quotation_id INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_key TEXT;
ALTER TABLE quotes ADD COLUMN content_key TEXT;
UPDATE quotes SET quotation_id = id WHERE duplicate_of IS NULL;
CREATE INDEX quotes_quotation ON quotes(quotation_id);
CREATE INDEX quotes_speaker_key ON quotes(speaker_key);
"""))

# Merged events of one type, newest first (a page of `/api/events?type=…`, `dragoman events
# --type`): walked in day order off this index and stopped at the page's end, where the index
# on type and sides gathered every event of the type to sort them (54,000 CONSULT events on
# 100,000 articles).
MIGRATIONS.append(("0014_event_type_day", """
CREATE INDEX event_clusters_type_day ON events(event, first_day);
"""))

# A merged event's counts (mentions, articles, sources; store/sql/writer.py EVENT_COUNTS) are
# kept on the event, so that a list sorted by them reads an index instead of counting every
# event's mentions (3.7 s a page sorted by mentions on 100,000 articles).
MIGRATIONS.append(("0015_event_counts", """
ALTER TABLE events ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN sources INTEGER NOT NULL DEFAULT 0;
UPDATE events SET
    mentions = (SELECT coalesce(sum(e.mentions), 0) FROM event_mentions e
                WHERE e.cluster_id = events.id),
    articles = (SELECT count(DISTINCT e.article_id) FROM event_mentions e
                WHERE e.cluster_id = events.id),
    sources = (SELECT count(DISTINCT coalesce(r.source, r.id)) FROM event_mentions e
               JOIN articles a ON a.id = e.article_id
               JOIN articles r ON r.id = coalesce(a.near_duplicate_of, a.id)
               WHERE e.cluster_id = events.id);
CREATE INDEX event_clusters_mentions ON events(mentions, first_day);
CREATE INDEX event_clusters_sources ON events(sources, first_day);
"""))
