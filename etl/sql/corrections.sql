-- The analyst corrections store (append-only JSON Lines) parsed into rows, one per valid line.
-- {store} is replaced by the quoted path of the store. A missing store reads as empty.
-- A line is kept only when it is a JSON object with a non-empty mention_key, an action in
-- (reject, override, accept, restore) and, for override, a non-empty `fields` object whose keys
-- are among value (number), year (integer), unit, indicator, subject (non-empty strings).
-- Only an override's fields change a mention; the other actions ignore them.
-- etl.corrections.validate_line applies the same rule and names the lines it skips.
-- The store is read as bytes: when it is not valid UTF-8 (a hand edit), the bytes are shown as
-- text with \xNN escapes, which turns every line holding a non-ASCII byte into invalid JSON
-- (skipped) and keeps the ASCII lines (etl.corrections writes ASCII-only JSON).
WITH content AS (
    SELECT coalesce(TRY(decode(content)), replace(replace(replace(replace(replace(replace(
               CAST(content AS VARCHAR), '\x22', '"'), '\x27', ''''), '\x0A', chr(10)),
               '\x0D', chr(13)), '\x09', chr(9)), '\x5C', '\')) AS text
    FROM read_blob({store})
),
lines AS (
    SELECT i AS line_no, trim(l[i], ' ' || chr(9) || chr(13)) AS line
    FROM (SELECT string_split(text, chr(10)) AS l FROM content) s,
         range(1, len(l) + 1) t(i)
),
objects AS (
    SELECT line_no, line::JSON AS j
    FROM lines
    WHERE line <> '' AND json_valid(line) AND json_type(line::JSON) = 'OBJECT'
),
parsed AS (
    SELECT line_no,
           json_extract_string(j, '$.mention_key') AS mention_key,
           json_type(j, '$.mention_key') AS key_type,
           json_extract_string(j, '$.created_at') AS created_at,
           json_extract_string(j, '$.action') AS action,
           json_type(j, '$.fields') AS fields_type,
           coalesce(json_keys(j, '$.fields'), []) AS field_keys,
           json_type(j, '$.fields.value') AS value_type,
           json_type(j, '$.fields.year') AS year_type,
           json_type(j, '$.fields.unit') AS unit_type,
           json_type(j, '$.fields.indicator') AS indicator_type,
           json_type(j, '$.fields.subject') AS subject_type,
           json_type(j, '$.note') AS note_type,
           j
    FROM objects
)
SELECT line_no,
       mention_key,
       created_at,
       action,
       CASE WHEN action = 'override' THEN TRY_CAST(json_extract_string(j, '$.fields.value') AS DOUBLE) END AS value,
       CASE WHEN action = 'override' THEN nullif(json_extract_string(j, '$.fields.unit'), '') END AS unit,
       CASE WHEN action = 'override' THEN TRY_CAST(json_extract_string(j, '$.fields.year') AS INTEGER) END AS year,
       CASE WHEN action = 'override' THEN nullif(json_extract_string(j, '$.fields.indicator'), '') END AS indicator,
       CASE WHEN action = 'override' THEN nullif(json_extract_string(j, '$.fields.subject'), '') END AS subject,
       json_extract_string(j, '$.note') AS note
FROM parsed
WHERE key_type = 'VARCHAR' AND mention_key <> ''
  AND action IN ('reject', 'override', 'accept', 'restore')
  AND (note_type IS NULL OR note_type IN ('VARCHAR', 'NULL'))
  AND (fields_type IS NULL OR fields_type IN ('NULL', 'OBJECT'))
  AND list_has_all(['value', 'year', 'unit', 'indicator', 'subject'], field_keys)
  AND (action <> 'override' OR len(field_keys) > 0)
  AND (value_type IS NULL OR value_type IN ('NULL', 'BIGINT', 'UBIGINT', 'DOUBLE'))
  AND (year_type IS NULL OR year_type = 'NULL' OR (year_type IN ('BIGINT', 'UBIGINT')
       AND TRY_CAST(json_extract_string(j, '$.fields.year') AS INTEGER) BETWEEN 1900 AND 2200))
  AND (unit_type IS NULL OR unit_type = 'NULL' OR (unit_type = 'VARCHAR' AND json_extract_string(j, '$.fields.unit') <> ''))
  AND (indicator_type IS NULL OR indicator_type = 'NULL' OR (indicator_type = 'VARCHAR' AND json_extract_string(j, '$.fields.indicator') <> ''))
  AND (subject_type IS NULL OR subject_type = 'NULL' OR (subject_type = 'VARCHAR' AND json_extract_string(j, '$.fields.subject') <> ''))
