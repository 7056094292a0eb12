-- How the reports of an observation are ranked (FRED-like vintages). An observation is
-- (indicator, subject, measure, unit, year). The value charted for it (is_chosen):
--   1. a whole-year report (period NULL, a year or a span of years such as 2021-2025) beats a
--      part-year one (2026-01..02, 2023-Q1..Q3, 2025-春节);
--   2. an actual (exact, approx, at_least) beats a forecast, a forecast beats a target;
--   3. a later report (publication date) beats an earlier one;
--   4. ties: the later file name, then the later path (uploads of one name: the later upload,
--      its folder being named by time), then the later position in the text.
-- conflict: actual whole-year reports of an observation (or actual reports of the same part-year
-- period) differ by more than 1 % of the largest of them in absolute value.
-- series_reports(src): the rows of relation `src` that have a year, with kind, kind_rank and
-- whole_year; series_ranked(src): the same with the three flags and each report's place in the
-- two orders (chosen_pos: 1 is the chosen report of its observation; kind_pos: 1 is the latest of
-- its kind). The ETL ranks every mention once when it publishes (base.sql); the reader finds the
-- new flags of the observations a correction touches from those places (views.sql).
CREATE OR REPLACE MACRO series_reports(src) AS TABLE
SELECT e.*,
       CASE WHEN e.qualifier IN ('exact', 'approx', 'at_least') THEN 'actual'
            ELSE e.qualifier END AS kind,
       CASE WHEN e.qualifier IN ('exact', 'approx', 'at_least') THEN 3
            WHEN e.qualifier = 'forecast' THEN 2 ELSE 1 END AS kind_rank,
       (e.period IS NULL OR regexp_full_match(e.period, '\d{4}(\s*[-–—~]\s*\d{4})?'))
           AS whole_year
FROM query_table(src) e
WHERE e.year IS NOT NULL;

CREATE OR REPLACE MACRO series_ranked(src) AS TABLE
SELECT * EXCLUDE (chosen_pos, kind_pos), chosen_pos = 1 AS is_chosen,
       kind_pos = 1 AS is_latest_of_kind, chosen_pos, kind_pos
FROM (
    SELECT *,
           row_number() OVER (
               PARTITION BY indicator, subject, measure, unit, year
               ORDER BY whole_year DESC, kind_rank DESC, published_on DESC NULLS LAST,
                        doc DESC, doc_path DESC, span_start DESC
           ) AS chosen_pos,
           row_number() OVER (
               PARTITION BY indicator, subject, measure, unit, year, kind
               ORDER BY whole_year DESC, published_on DESC NULLS LAST, doc DESC, doc_path DESC,
                        span_start DESC
           ) AS kind_pos,
           kind = 'actual' AND (
               max(value) FILTER (WHERE kind = 'actual') OVER observation
               - min(value) FILTER (WHERE kind = 'actual') OVER observation
           ) > 0.01 * greatest(abs(max(value) FILTER (WHERE kind = 'actual') OVER observation),
                               abs(min(value) FILTER (WHERE kind = 'actual') OVER observation))
               AS conflict
    FROM series_reports(src)
    WINDOW observation AS (PARTITION BY indicator, subject, measure, unit, year,
                                   CASE WHEN whole_year THEN '' ELSE period END)
);
