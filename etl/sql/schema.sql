-- The warehouse: one table per concept. Every loaded row carries the run that loaded it.
-- A change to this file changes the schema hash kept in `meta`: the next run rebuilds the
-- warehouse (from the input files and the stored text of every other document, etl/upgrade.py)
-- instead of copying an incompatible one.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,                    -- schema_hash, views_hash, extractor_version ...
    value VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
    run_id          VARCHAR PRIMARY KEY,          -- e.g. 20261122T223000Z-1a2b
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    extractor_version VARCHAR NOT NULL,
    files_seen      INTEGER NOT NULL DEFAULT 0 CHECK (files_seen >= 0),
    files_new       INTEGER NOT NULL DEFAULT 0 CHECK (files_new >= 0),
    files_changed   INTEGER NOT NULL DEFAULT 0 CHECK (files_changed >= 0),
    files_unchanged INTEGER NOT NULL DEFAULT 0 CHECK (files_unchanged >= 0),
    files_failed    INTEGER NOT NULL DEFAULT 0 CHECK (files_failed >= 0),
    files_pruned    INTEGER NOT NULL DEFAULT 0 CHECK (files_pruned >= 0),
    articles        INTEGER NOT NULL DEFAULT 0 CHECK (articles >= 0),
    mentions        INTEGER NOT NULL DEFAULT 0 CHECK (mentions >= 0),
    seconds         DOUBLE,
    workers         VARCHAR                       -- "1", "4 processes", "dask tcp://..."
);

CREATE TABLE IF NOT EXISTS run_errors (
    run_id   VARCHAR NOT NULL REFERENCES runs (run_id),
    path     VARCHAR NOT NULL,
    stage    VARCHAR NOT NULL CHECK (stage IN ('ingest', 'segment', 'extract', 'load')),
    message  VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id              VARCHAR PRIMARY KEY CHECK (length(doc_id) = 64),   -- sha256 of the file's bytes
    path                VARCHAR NOT NULL,         -- absolute path of the file when it was loaded
    name                VARCHAR NOT NULL,
    encoding            VARCHAR NOT NULL,
    format              VARCHAR NOT NULL CHECK (format IN ('text', 'html', 'pdf')),
    published_on        DATE,
    published_on_source VARCHAR,
    url                 VARCHAR,
    source              VARCHAR,                  -- the outlet or publisher a manifest names
    extractor_version   VARCHAR NOT NULL,
    options_key         VARCHAR NOT NULL,         -- hash of --published-on / --manifest given
    run_id              VARCHAR NOT NULL REFERENCES runs (run_id)
);

-- A document's decoded text, in the parts it was extracted in (etl/windows.py: one part for a
-- page, consecutive windows for a long text). Every offset of articles and mentions points
-- into the whole text: part k holds text[span_start : span_start + length(text)].
CREATE TABLE IF NOT EXISTS document_parts (
    doc_id      VARCHAR NOT NULL REFERENCES documents (doc_id),
    part_index  INTEGER NOT NULL CHECK (part_index >= 0),
    span_start  BIGINT NOT NULL CHECK (span_start >= 0),
    text        VARCHAR NOT NULL,
    run_id      VARCHAR NOT NULL REFERENCES runs (run_id),
    PRIMARY KEY (doc_id, part_index)
);

CREATE TABLE IF NOT EXISTS articles (
    doc_id        VARCHAR NOT NULL REFERENCES documents (doc_id),
    article_index INTEGER NOT NULL CHECK (article_index >= 0),
    headline      VARCHAR NOT NULL,
    byline        VARCHAR,
    span_start    INTEGER NOT NULL CHECK (span_start >= 0),
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
    mention_key   VARCHAR PRIMARY KEY,            -- etl.models.mention_key(doc_id, span_start, text)
    doc_id        VARCHAR NOT NULL REFERENCES documents (doc_id),
    article_index INTEGER NOT NULL CHECK (article_index >= 0),
    doc           VARCHAR NOT NULL,               -- file name
    span_start    INTEGER NOT NULL CHECK (span_start >= 0),
    span_end      INTEGER NOT NULL,
    text          VARCHAR NOT NULL CHECK (length(text) = span_end - span_start),
    value         DOUBLE NOT NULL CHECK (isfinite(value)),
    unit          VARCHAR NOT NULL,
    qualifier     VARCHAR NOT NULL CHECK (qualifier IN ('exact', 'approx', 'at_least', 'target', 'forecast')),
    measure       VARCHAR NOT NULL CHECK (measure IN ('level', 'yoy_growth', 'growth', 'share', 'progress')),
    period        VARCHAR,
    year          INTEGER CHECK (year BETWEEN 1900 AND 2200),
    indicator     VARCHAR NOT NULL,
    indicator_en  VARCHAR NOT NULL,
    indicator_id  VARCHAR,                         -- NULL when uncatalogued
    subject       VARCHAR NOT NULL,
    subject_adcode VARCHAR CHECK (length(subject_adcode) = 12),  -- when the subject is a place of the gazetteer
    topic         VARCHAR NOT NULL CHECK (topic IN ('economy', 'agriculture', 'industry', 'investment', 'tourism_culture',
                      'consumption', 'construction_housing', 'energy_environment', 'education',
                      'labor_employment', 'innovation_tech', 'market_entities', 'governance', 'other')),
    context       VARCHAR NOT NULL,               -- the source sentence
    confidence    DOUBLE NOT NULL DEFAULT 1.0 CHECK (confidence BETWEEN 0 AND 1),
    extractor_version VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL REFERENCES runs (run_id),
    CHECK (span_start < span_end)
);

-- Mention keys of an earlier derivation (the file name and the span), each with the key its
-- mention has now: a correction saved under the old key still applies. Filled when a warehouse
-- is rebuilt for a new schema (etl/upgrade.py).
CREATE TABLE IF NOT EXISTS key_aliases (
    old_key     VARCHAR PRIMARY KEY,
    mention_key VARCHAR NOT NULL
);

-- The valid lines of the analyst corrections store (data/corrections.jsonl) as of the run, old
-- keys replaced by their aliases; the reader loads the store again when it opens
-- (etl.warehouse.open_reader).
CREATE TABLE IF NOT EXISTS corrections (
    line_no     INTEGER PRIMARY KEY,              -- line in the store: the last line for a key wins
    mention_key VARCHAR NOT NULL,
    created_at  VARCHAR,
    action      VARCHAR NOT NULL CHECK (action IN ('reject', 'override', 'accept', 'restore')),
    value       DOUBLE,
    unit        VARCHAR,
    year        INTEGER,
    indicator   VARCHAR,
    subject     VARCHAR,
    note        VARCHAR
);
