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
-- kind, whole_year, obs_hash and grp_hash follow the corrected values (a year given by an analyst
-- becomes the period, a whole year); base_* keep the mention as published.
CREATE OR REPLACE VIEW mentions_with_correction AS
WITH joined AS (
    SELECT m.*,
           c.action AS correction_action,
           c.value AS c_value, c.unit AS c_unit, c.year AS c_year,
           c.indicator AS c_indicator, c.subject AS c_subject
    FROM mentions_base m
    JOIN corrections_current c ON m.key_hash = hash(c.mention_key)
),
corrected AS (
    SELECT j.*,
           coalesce(j.c_value, j.value) AS new_value,
           coalesce(j.c_unit, j.unit) AS new_unit,
           CASE WHEN j.c_year IS NOT NULL AND j.c_year IS DISTINCT FROM j.year
                THEN CAST(j.c_year AS VARCHAR) ELSE j.period END AS new_period,
           coalesce(j.c_year, j.year) AS new_year,
           coalesce(j.c_indicator, j.indicator) AS new_indicator,
           coalesce(j.c_subject, j.subject) AS new_subject
    FROM joined j
),
ranked AS (
    SELECT c.*,
           (new_period IS NULL OR regexp_full_match(new_period, '\d{4}(\s*[-–—~]\s*\d{4})?'))
               AS new_whole_year
    FROM corrected c
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
       j.new_value AS value,
       j.new_unit AS unit,
       j.qualifier,
       j.measure,
       j.new_period AS period,
       j.new_year AS year,
       j.new_indicator AS indicator,
       CASE WHEN j.c_indicator IS NULL OR j.c_indicator = j.indicator THEN j.indicator_en
            ELSE coalesce(i.name_en, j.c_indicator) END AS indicator_en,
       CASE WHEN j.c_indicator IS NULL OR j.c_indicator = j.indicator THEN j.indicator_id
            ELSE i.indicator_id END AS indicator_id,
       (CASE WHEN j.c_indicator IS NULL OR j.c_indicator = j.indicator THEN j.indicator_id
             ELSE i.indicator_id END) IS NOT NULL AS catalogued,
       j.new_subject AS subject,
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
       CASE WHEN j.qualifier IN ('exact', 'approx', 'at_least') THEN 'actual'
            ELSE j.qualifier END AS kind,
       CASE WHEN j.qualifier IN ('exact', 'approx', 'at_least') THEN 3
            WHEN j.qualifier = 'forecast' THEN 2 ELSE 1 END AS kind_rank,
       j.new_whole_year AS whole_year,
       j.is_chosen AS base_is_chosen, j.is_latest_of_kind AS base_is_latest_of_kind,
       j.conflict AS base_conflict,
       j.key_hash,
       hash(j.new_indicator, j.new_subject, j.measure, j.new_unit, j.new_year) AS obs_hash,
       hash(j.new_indicator, j.new_subject, j.measure, j.new_unit, j.new_year,
            CASE WHEN j.new_whole_year THEN '' ELSE j.new_period END) AS grp_hash,
       j.correction_action,
       j.year AS base_year, j.kind AS base_kind,
       j.obs_hash AS base_obs_hash, j.grp_hash AS base_grp_hash
FROM ranked j
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
       conflict AS base_conflict, key_hash, obs_hash, grp_hash
FROM mentions_base
WHERE key_hash NOT IN (SELECT hash(mention_key) FROM corrections_current)
UNION ALL
SELECT * EXCLUDE (correction_action, base_year, base_kind, base_obs_hash, base_grp_hash)
FROM mentions_with_correction
WHERE correction_action <> 'reject';

-- One row per mention with corrections applied; rejected mentions are left out.
CREATE OR REPLACE VIEW mentions_effective AS
SELECT * EXCLUDE (doc_path, kind, kind_rank, whole_year, base_is_chosen, base_is_latest_of_kind,
                  base_conflict, key_hash, obs_hash, grp_hash)
FROM mentions_corrected;

-- Ranking with corrections (ranking.sql). A correction changes the flags of the observations it
-- touches only: a rejected or overridden report leaves its observation (removed), an overridden
-- one joins the observation of its corrected values (added). In a touched observation the chosen
-- report is the first, in the ranking order, of the reports that stay and those that join; the
-- first that stays is among the first (reports removed + 1) places of the published ranking
-- (chosen_pos, kind_pos), so no observation is ranked again whole. One row per touched
-- observation (level 'obs': its chosen report and the latest of each kind) and per touched
-- conflict group (level 'grp': the range of its actual values). The store is read once.
CREATE OR REPLACE VIEW series_touched_flags AS
WITH changed AS MATERIALIZED (
    SELECT key_hash, correction_action, base_year, base_obs_hash, base_grp_hash, base_kind,
           year, obs_hash, grp_hash, kind, kind_rank, whole_year, published_on, doc, doc_path,
           span_start, value
    FROM mentions_with_correction WHERE correction_action IN ('reject', 'override')),
removed AS MATERIALIZED (
    SELECT key_hash, base_obs_hash AS obs_hash, base_grp_hash AS grp_hash, base_kind AS kind
    FROM changed WHERE base_year IS NOT NULL),
added AS MATERIALIZED (
    SELECT key_hash, obs_hash, grp_hash, kind, kind_rank, whole_year, published_on, doc,
           doc_path, span_start, value
    FROM changed WHERE correction_action = 'override' AND year IS NOT NULL),
touched AS MATERIALIZED (
    SELECT DISTINCT obs_hash, grp_hash
    FROM (SELECT obs_hash, grp_hash FROM removed UNION ALL SELECT obs_hash, grp_hash FROM added)),
removed_in_obs AS (SELECT obs_hash, count(*) AS n FROM removed GROUP BY obs_hash),
removed_in_kind AS (SELECT obs_hash, kind, count(*) AS n FROM removed GROUP BY obs_hash, kind),
candidates AS (
    SELECT b.key_hash, b.obs_hash, b.kind, b.kind_rank, b.whole_year, b.published_on, b.doc,
           b.doc_path, b.span_start,
           b.chosen_pos <= coalesce(o.n, 0) + 1 AS may_be_chosen,
           b.kind_pos <= coalesce(k.n, 0) + 1 AS may_be_latest
    FROM mentions_base b
    LEFT JOIN removed_in_obs o ON o.obs_hash = b.obs_hash
    LEFT JOIN removed_in_kind k ON k.obs_hash = b.obs_hash AND k.kind = b.kind
    WHERE b.obs_hash IN (SELECT obs_hash FROM touched)
      AND b.year IS NOT NULL
      AND (b.chosen_pos <= coalesce(o.n, 0) + 1 OR b.kind_pos <= coalesce(k.n, 0) + 1)
      AND b.key_hash NOT IN (SELECT key_hash FROM removed)
    UNION ALL
    SELECT key_hash, obs_hash, kind, kind_rank, whole_year, published_on, doc, doc_path, span_start,
           TRUE, TRUE
    FROM added),
placed AS (
    SELECT *,
           CASE WHEN may_be_chosen THEN row_number() OVER (
               PARTITION BY obs_hash, may_be_chosen
               ORDER BY whole_year DESC, kind_rank DESC, published_on DESC NULLS LAST,
                        doc DESC, doc_path DESC, span_start DESC) END AS chosen_rn,
           CASE WHEN may_be_latest THEN row_number() OVER (
               PARTITION BY obs_hash, kind, may_be_latest
               ORDER BY whole_year DESC, published_on DESC NULLS LAST, doc DESC, doc_path DESC,
                        span_start DESC) END AS latest_rn
    FROM candidates),
actual_values AS (
    SELECT grp_hash, value FROM mentions_base
    WHERE grp_hash IN (SELECT grp_hash FROM touched) AND year IS NOT NULL AND kind = 'actual'
      AND key_hash NOT IN (SELECT key_hash FROM removed)
    UNION ALL
    SELECT grp_hash, value FROM added WHERE kind = 'actual')
SELECT 'obs' AS level, obs_hash AS hash,
       max(CASE WHEN chosen_rn = 1 THEN key_hash END) AS chosen_key,
       max(CASE WHEN latest_rn = 1 AND kind = 'actual' THEN key_hash END) AS latest_actual,
       max(CASE WHEN latest_rn = 1 AND kind = 'forecast' THEN key_hash END) AS latest_forecast,
       max(CASE WHEN latest_rn = 1 AND kind = 'target' THEN key_hash END) AS latest_target,
       NULL::DOUBLE AS high, NULL::DOUBLE AS low
FROM placed GROUP BY obs_hash
UNION ALL
SELECT 'grp', grp_hash, NULL, NULL, NULL, NULL, max(value), min(value)
FROM actual_values GROUP BY grp_hash;

-- Every mention with corrections applied and its flags (ranking.sql; NULL without a year): the
-- published flags, or, in the observations a correction touches, the flags found above.
CREATE OR REPLACE VIEW mentions_ranked AS
SELECT m.*,
       CASE WHEN m.year IS NULL THEN NULL
            WHEN f.obs_hash IS NULL THEN m.base_is_chosen
            ELSE m.key_hash IS NOT DISTINCT FROM f.chosen_key END AS is_chosen,
       CASE WHEN m.year IS NULL THEN NULL
            WHEN f.obs_hash IS NULL THEN m.base_is_latest_of_kind
            ELSE m.key_hash IS NOT DISTINCT FROM (CASE m.kind WHEN 'actual' THEN f.latest_actual
                                                   WHEN 'forecast' THEN f.latest_forecast
                                                   ELSE f.latest_target END) END
           AS is_latest_of_kind,
       CASE WHEN m.year IS NULL THEN NULL
            WHEN r.grp_hash IS NULL THEN coalesce(m.base_conflict, FALSE)
            ELSE m.kind = 'actual' AND r.high - r.low > 0.01 * greatest(abs(r.high), abs(r.low))
       END AS conflict
FROM mentions_corrected m
LEFT JOIN (SELECT hash AS obs_hash, chosen_key, latest_actual, latest_forecast, latest_target
           FROM series_touched_flags WHERE level = 'obs') f ON f.obs_hash = m.obs_hash
LEFT JOIN (SELECT hash AS grp_hash, high, low
           FROM series_touched_flags WHERE level = 'grp') r ON r.grp_hash = m.grp_hash;

-- Every report of an observation: the mentions that have a year, with their flags.
-- confirmed: an analyst accepted the report as extracted.
CREATE OR REPLACE VIEW series AS
SELECT indicator, indicator_en, indicator_id, subject, measure, unit, year, period, kind, value,
       qualifier, topic, published_on AS reported_on, mention_key, doc, headline, context,
       is_chosen, is_latest_of_kind, conflict, confirmed
FROM mentions_ranked
WHERE year IS NOT NULL;

-- Each subject that is a place of the gazetteer, with the adcode the ETL gave it: the dashboard
-- looks up the few subjects it shows (a subject an analyst corrected is looked up by name).
CREATE OR REPLACE VIEW subject_places AS
SELECT subject, any_value(subject_adcode) AS subject_adcode
FROM mentions_base WHERE subject_adcode IS NOT NULL
GROUP BY subject;
