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
