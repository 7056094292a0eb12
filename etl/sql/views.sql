-- Views the dashboard reads. They use the tables of schema.sql, `mentions_base` (base.sql) and
-- `corrections` (the store's valid lines, read by etl/corrections.py: copied into the published
-- file by the ETL, loaded again by etl.warehouse.open_reader). Corrections are applied on top of mentions_base at read time:
-- the store is small, so each query pays one cheap join on hash(mention_key) (a 64-bit hash:
-- two keys of a warehouse sharing one has odds of about keys x corrections / 2^64).

-- The correction in force for each mention: the last line of the store for its key, unless
-- that line is a `restore` (which withdraws earlier corrections).
CREATE OR REPLACE VIEW corrections_current AS
SELECT * EXCLUDE (rn)
FROM (
    SELECT *, row_number() OVER (PARTITION BY mention_key ORDER BY line_no DESC) AS rn
    FROM corrections
)
WHERE rn = 1 AND action <> 'restore';

-- The mentions that have a correction in force (rejected ones included), corrections applied.
CREATE OR REPLACE VIEW mentions_with_correction AS
WITH joined AS (
    SELECT m.*,
           c.action AS correction_action,
           c.value AS c_value, c.unit AS c_unit, c.year AS c_year,
           c.indicator AS c_indicator, c.subject AS c_subject
    FROM mentions_base m
    JOIN corrections_current c ON m.key_hash = hash(c.mention_key)
)
SELECT j.mention_key,
       j.doc_id,
       j.doc,
       j.doc_path,
       j.article_index,
       j.headline,
       j.published_on,
       j.span_start,
       j.span_end,
       j.text,
       coalesce(j.c_value, j.value) AS value,
       coalesce(j.c_unit, j.unit) AS unit,
       j.qualifier,
       j.measure,
       CASE WHEN j.c_year IS NOT NULL AND j.c_year IS DISTINCT FROM j.year
            THEN CAST(j.c_year AS VARCHAR) ELSE j.period END AS period,
       coalesce(j.c_year, j.year) AS year,
       coalesce(j.c_indicator, j.indicator) AS indicator,
       CASE WHEN j.c_indicator IS NULL OR j.c_indicator = j.indicator THEN j.indicator_en
            ELSE coalesce(i.name_en, j.c_indicator) END AS indicator_en,
       CASE WHEN j.c_indicator IS NULL OR j.c_indicator = j.indicator THEN j.indicator_id
            ELSE i.indicator_id END AS indicator_id,
       (CASE WHEN j.c_indicator IS NULL OR j.c_indicator = j.indicator THEN j.indicator_id
             ELSE i.indicator_id END) IS NOT NULL AS catalogued,
       coalesce(j.c_subject, j.subject) AS subject,
       CASE WHEN j.c_indicator IS NULL OR j.c_indicator = j.indicator OR i.topic IS NULL
            THEN j.topic ELSE i.topic END AS topic,
       j.context,
       j.confidence,
       j.run_id,
       (j.c_value IS NOT NULL AND j.c_value IS DISTINCT FROM j.value)
           OR (j.c_unit IS NOT NULL AND j.c_unit IS DISTINCT FROM j.unit)
           OR (j.c_year IS NOT NULL AND j.c_year IS DISTINCT FROM j.year)
           OR (j.c_indicator IS NOT NULL AND j.c_indicator IS DISTINCT FROM j.indicator)
           OR (j.c_subject IS NOT NULL AND j.c_subject IS DISTINCT FROM j.subject) AS corrected,
       j.value AS original_value,
       j.correction_action = 'accept' AS confirmed,
       j.kind, j.kind_rank, j.whole_year,
       j.is_chosen AS base_is_chosen, j.is_latest_of_kind AS base_is_latest_of_kind,
       j.conflict AS base_conflict,
       j.correction_action,
       j.indicator AS base_indicator, j.subject AS base_subject, j.unit AS base_unit,
       j.year AS base_year,
       j.obs_hash AS base_obs_hash,
       hash(coalesce(j.c_indicator, j.indicator), coalesce(j.c_subject, j.subject), j.measure,
            coalesce(j.c_unit, j.unit), coalesce(j.c_year, j.year)) AS obs_hash
FROM joined j
LEFT JOIN indicators i ON i.name_zh = j.c_indicator;

-- Every mention with corrections applied and its uncorrected ranking (base_*); rejected
-- mentions are left out. `confirmed`: an analyst accepted the mention as extracted. The
-- mentions without a correction are read as published, so filters reach the table's scan.
CREATE OR REPLACE VIEW mentions_corrected AS
SELECT mention_key, doc_id, doc, doc_path, article_index, headline, published_on, span_start,
       span_end, text, value, unit, qualifier, measure, period, year, indicator, indicator_en, indicator_id,
       indicator_id IS NOT NULL AS catalogued, subject, topic, context, confidence, run_id,
       FALSE AS corrected, value AS original_value, FALSE AS confirmed,
       kind, kind_rank, whole_year,
       is_chosen AS base_is_chosen, is_latest_of_kind AS base_is_latest_of_kind,
       conflict AS base_conflict, obs_hash
FROM mentions_base
WHERE key_hash NOT IN (SELECT hash(mention_key) FROM corrections_current)
UNION ALL
SELECT * EXCLUDE (correction_action, base_indicator, base_subject, base_unit, base_year,
                  base_obs_hash)
FROM mentions_with_correction
WHERE correction_action <> 'reject';

-- One row per mention with corrections applied; rejected mentions are left out.
CREATE OR REPLACE VIEW mentions_effective AS
SELECT * EXCLUDE (doc_path, kind, kind_rank, whole_year, base_is_chosen, base_is_latest_of_kind,
                  base_conflict, obs_hash)
FROM mentions_corrected;

-- Observations (indicator, subject, measure, unit, year) whose ranking a correction may change:
-- those of every rejected or overridden mention, before and after its correction, by hash (a
-- hash shared with another observation only makes that one ranked again, to the same result).
CREATE OR REPLACE VIEW series_touched AS
SELECT DISTINCT unnest([base_obs_hash, obs_hash]) AS obs_hash
FROM mentions_with_correction
WHERE correction_action IN ('reject', 'override');

-- The reports of the touched observations, corrections applied, to be ranked again.
CREATE OR REPLACE VIEW series_touched_reports AS
SELECT * EXCLUDE (kind, kind_rank, whole_year, base_is_chosen, base_is_latest_of_kind,
                  base_conflict, obs_hash)
FROM mentions_corrected
WHERE year IS NOT NULL AND obs_hash IN (SELECT obs_hash FROM series_touched);

-- Every report of an observation (ranking: ranking.sql). Observations no correction touches keep
-- the ranking computed at publish time; the touched ones are ranked again.
-- confirmed: an analyst accepted the report as extracted.
CREATE OR REPLACE VIEW series AS
SELECT indicator, indicator_en, indicator_id, subject, measure, unit, year, period,
       kind, value, qualifier, topic,
       published_on AS reported_on,
       mention_key, doc, headline, context,
       base_is_chosen AS is_chosen, base_is_latest_of_kind AS is_latest_of_kind,
       base_conflict AS conflict, confirmed
FROM mentions_corrected
WHERE year IS NOT NULL AND obs_hash NOT IN (SELECT obs_hash FROM series_touched)
UNION ALL
SELECT indicator, indicator_en, indicator_id, subject, measure, unit, year, period,
       kind, value, qualifier, topic,
       published_on AS reported_on,
       mention_key, doc, headline, context,
       is_chosen, is_latest_of_kind, conflict, confirmed
FROM series_ranked('series_touched_reports');

-- Each subject that is a place of the gazetteer, with the adcode the ETL gave it: the dashboard
-- looks up the few subjects it shows (a subject an analyst corrected is looked up by name).
CREATE OR REPLACE VIEW subject_places AS
SELECT subject, any_value(subject_adcode) AS subject_adcode
FROM mentions_base WHERE subject_adcode IS NOT NULL
GROUP BY subject;
