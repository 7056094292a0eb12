-- The warehouse: one table per concept. Every loaded row carries the run that loaded it.

CREATE TABLE IF NOT EXISTS runs (
    run_id          VARCHAR PRIMARY KEY,          -- e.g. 20261122T223000Z-1a2b
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    extractor_version VARCHAR NOT NULL,
    files_seen      INTEGER NOT NULL DEFAULT 0,
    files_new       INTEGER NOT NULL DEFAULT 0,
    files_changed   INTEGER NOT NULL DEFAULT 0,
    files_unchanged INTEGER NOT NULL DEFAULT 0,
    files_failed    INTEGER NOT NULL DEFAULT 0,
    files_pruned    INTEGER NOT NULL DEFAULT 0,
    articles        INTEGER NOT NULL DEFAULT 0,
    mentions        INTEGER NOT NULL DEFAULT 0,
    seconds         DOUBLE
);

CREATE TABLE IF NOT EXISTS run_errors (
    run_id   VARCHAR NOT NULL REFERENCES runs (run_id),
    path     VARCHAR NOT NULL,
    stage    VARCHAR NOT NULL,                    -- ingest | segment | extract | load
    message  VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id              VARCHAR PRIMARY KEY,      -- sha256 of the file's bytes
    path                VARCHAR NOT NULL,
    name                VARCHAR NOT NULL,
    encoding            VARCHAR NOT NULL,
    format              VARCHAR NOT NULL CHECK (format IN ('text', 'html', 'pdf')),
    published_on        DATE,
    published_on_source VARCHAR,
    url                 VARCHAR,
    text                VARCHAR NOT NULL,         -- decoded text; all offsets point into it
    run_id              VARCHAR NOT NULL REFERENCES runs (run_id)
);

CREATE TABLE IF NOT EXISTS articles (
    doc_id        VARCHAR NOT NULL REFERENCES documents (doc_id),
    article_index INTEGER NOT NULL CHECK (article_index >= 0),
    headline      VARCHAR NOT NULL,
    byline        VARCHAR,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    run_id        VARCHAR NOT NULL REFERENCES runs (run_id),
    PRIMARY KEY (doc_id, article_index),
    CHECK (span_start <= span_end)
);

CREATE TABLE IF NOT EXISTS indicators (
    indicator_id VARCHAR PRIMARY KEY,
    name_zh      VARCHAR NOT NULL UNIQUE,
    name_en      VARCHAR NOT NULL,
    unit         VARCHAR NOT NULL,
    topic        VARCHAR NOT NULL,
    aliases      VARCHAR[]
);

CREATE TABLE IF NOT EXISTS mentions (
    mention_key   VARCHAR PRIMARY KEY,            -- Mention.mention_key: stable across re-runs
    doc_id        VARCHAR NOT NULL REFERENCES documents (doc_id),
    article_index INTEGER NOT NULL,
    doc           VARCHAR NOT NULL,               -- file name
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    value         DOUBLE NOT NULL,
    unit          VARCHAR NOT NULL,
    qualifier     VARCHAR NOT NULL CHECK (qualifier IN ('exact', 'approx', 'at_least', 'target', 'forecast')),
    measure       VARCHAR NOT NULL CHECK (measure IN ('level', 'yoy_growth', 'growth', 'share', 'progress')),
    period        VARCHAR,
    year          INTEGER,
    indicator     VARCHAR NOT NULL,
    indicator_en  VARCHAR NOT NULL,
    indicator_id  VARCHAR,                         -- NULL when uncatalogued
    subject       VARCHAR NOT NULL,
    topic         VARCHAR NOT NULL,
    context       VARCHAR NOT NULL,               -- the source sentence
    confidence    DOUBLE NOT NULL DEFAULT 1.0,
    extractor_version VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL REFERENCES runs (run_id),
    CHECK (span_start < span_end)
);
