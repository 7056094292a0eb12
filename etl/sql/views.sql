-- Views the dashboard reads. They use only the tables of schema.sql and `corrections` (a table
-- in the published file; a live view of the corrections store in etl.warehouse.open_reader).

-- The correction in force for each mention: the last line of the store for its key, unless
-- that line is a `restore` (which withdraws earlier corrections).
CREATE OR REPLACE VIEW corrections_current AS
SELECT * EXCLUDE (rn)
FROM (
    SELECT *, row_number() OVER (PARTITION BY mention_key ORDER BY line_no DESC) AS rn
    FROM corrections
)
WHERE rn = 1 AND action <> 'restore';

-- One row per mention with corrections applied; rejected mentions are left out.
CREATE OR REPLACE VIEW mentions_effective AS
WITH joined AS (
    SELECT m.*,
           c.action AS correction_action,
           c.value AS c_value, c.unit AS c_unit, c.year AS c_year,
           c.indicator AS c_indicator, c.subject AS c_subject
    FROM mentions m
    LEFT JOIN corrections_current c USING (mention_key)
)
SELECT j.mention_key,
       j.doc_id,
       j.doc,
       j.article_index,
       a.headline,
       d.published_on,
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
       j.value AS original_value
FROM joined j
JOIN documents d ON d.doc_id = j.doc_id
LEFT JOIN articles a ON a.doc_id = j.doc_id AND a.article_index = j.article_index
LEFT JOIN indicators i ON i.name_zh = j.c_indicator
WHERE j.correction_action IS DISTINCT FROM 'reject';

-- Every report of an observation (FRED-like vintages). An observation is
-- (indicator, subject, measure, unit, year). The value charted for it (is_chosen):
--   1. a whole-year report (period NULL, a year or a span of years such as 2021-2025) beats a
--      part-year one (2026-01..02, 2023-Q1..Q3, 2025-春节);
--   2. an actual (exact, approx, at_least) beats a forecast, a forecast beats a target;
--   3. a later report (publication date) beats an earlier one;
--   4. ties: the later file name, then the later position in the text.
-- conflict: actual whole-year reports of an observation (or actual reports of the same part-year
-- period) differ by more than 1 % of the largest of them in absolute value.
CREATE OR REPLACE VIEW series AS
WITH reports AS (
    SELECT e.*,
           CASE WHEN e.qualifier IN ('exact', 'approx', 'at_least') THEN 'actual'
                ELSE e.qualifier END AS kind,
           CASE WHEN e.qualifier IN ('exact', 'approx', 'at_least') THEN 3
                WHEN e.qualifier = 'forecast' THEN 2 ELSE 1 END AS kind_rank,
           (e.period IS NULL OR regexp_full_match(e.period, '\d{4}(\s*[-–—~]\s*\d{4})?'))
               AS whole_year
    FROM mentions_effective e
    WHERE e.year IS NOT NULL
)
SELECT indicator, indicator_en, indicator_id, subject, measure, unit, year, period,
       kind, value, qualifier, topic,
       published_on AS reported_on,
       mention_key, doc, headline, context,
       row_number() OVER (
           PARTITION BY indicator, subject, measure, unit, year
           ORDER BY whole_year DESC, kind_rank DESC, published_on DESC NULLS LAST,
                    doc DESC, span_start DESC
       ) = 1 AS is_chosen,
       row_number() OVER (
           PARTITION BY indicator, subject, measure, unit, year, kind
           ORDER BY whole_year DESC, published_on DESC NULLS LAST, doc DESC, span_start DESC
       ) = 1 AS is_latest_of_kind,
       kind = 'actual' AND (
           max(value) FILTER (WHERE kind = 'actual') OVER observation
           - min(value) FILTER (WHERE kind = 'actual') OVER observation
       ) > 0.01 * greatest(abs(max(value) FILTER (WHERE kind = 'actual') OVER observation),
                           abs(min(value) FILTER (WHERE kind = 'actual') OVER observation))
           AS conflict
FROM reports
WINDOW observation AS (PARTITION BY indicator, subject, measure, unit, year,
                               CASE WHEN whole_year THEN '' ELSE period END);
