-- mentions_base: every mention with its publication date and headline, ranked as if no
-- correction existed (ranking.sql), sorted by observation. The ETL writes it when it publishes,
-- so the dashboard neither joins documents and articles nor ranks a million reports per query;
-- a reader of a warehouse without it builds it in memory (etl.warehouse.open_reader).
CREATE OR REPLACE VIEW mentions_dated AS
SELECT m.*, d.published_on, a.headline, d.path AS doc_path
FROM mentions m
JOIN documents d ON d.doc_id = m.doc_id
LEFT JOIN articles a ON a.doc_id = m.doc_id AND a.article_index = m.article_index;

-- key_hash: hash(mention_key), so the join with the (small) corrections store reads a number
-- column instead of a million keys; obs_hash and grp_hash: the hashes of the observation and of
-- its conflict group (the observation, and the period of a part-year report), for the same reason.
CREATE OR REPLACE TABLE mentions_base AS
SELECT *, hash(mention_key) AS key_hash,
       hash(indicator, subject, measure, unit, year) AS obs_hash,
       hash(indicator, subject, measure, unit, year,
            CASE WHEN whole_year THEN '' ELSE period END) AS grp_hash
FROM (
    SELECT * FROM series_ranked('mentions_dated')
    UNION ALL BY NAME
    SELECT * FROM mentions_dated WHERE year IS NULL
)
ORDER BY indicator, subject, measure, unit, year, published_on;
