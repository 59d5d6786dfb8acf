WITH
"rv_cells" AS (
  SELECT row_number() OVER () AS "_ord",
         NULLIF(CAST("id" AS VARCHAR), '') AS "t_id",
         NULLIF(CAST("patient" AS VARCHAR), '') AS "t_patient",
         NULLIF(CAST("datum" AS VARCHAR), '') AS "t_datum",
         NULLIF(CAST("tid" AS VARCHAR), '') AS "t_tid",
         NULLIF(CAST("typ" AS VARCHAR), '') AS "t_typ",
         NULLIF(CAST("klar" AS VARCHAR), '') AS "t_klar"
  FROM records
),
"rv_values" AS (
  SELECT s.*,
         "t_id" AS "f_id",
         (CASE WHEN regexp_full_match("t_patient", '([0-9]{6}|[0-9]{8})[-+]?[0-9]{4}') THEN substr(replace(replace("t_patient", '-', ''), '+', ''), length(replace(replace("t_patient", '-', ''), '+', '')) - 9, 10) END) AS "f_patient",
         (CASE WHEN regexp_full_match("t_datum", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN (CASE WHEN CAST(substr("t_datum", 1, 4) AS BIGINT) >= 1 AND CAST(substr("t_datum", 6, 2) AS BIGINT) BETWEEN 1 AND 12 AND CAST(substr("t_datum", 9, 2) AS BIGINT) BETWEEN 1 AND (CASE WHEN CAST(substr("t_datum", 6, 2) AS BIGINT) = 2 THEN (CASE WHEN (CAST(substr("t_datum", 1, 4) AS BIGINT) % 4 = 0 AND (CAST(substr("t_datum", 1, 4) AS BIGINT) % 100 <> 0 OR CAST(substr("t_datum", 1, 4) AS BIGINT) % 400 = 0)) THEN 29 ELSE 28 END) WHEN CAST(substr("t_datum", 6, 2) AS BIGINT) IN (4, 6, 9, 11) THEN 30 ELSE 31 END) THEN CAST("t_datum" AS DATE) END) END) AS "f_datum",
         (CASE WHEN regexp_full_match("t_tid", '[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?') THEN (CASE WHEN CAST(substr("t_tid", 1, (CASE WHEN substr("t_tid", 2, 1) = ':' THEN 1 ELSE 2 END)) AS BIGINT) <= 23 AND CAST(substr("t_tid", (CASE WHEN substr("t_tid", 2, 1) = ':' THEN 1 ELSE 2 END) + 2, 2) AS BIGINT) <= 59 AND (length("t_tid") <= 5 OR CAST(substr("t_tid", (CASE WHEN substr("t_tid", 2, 1) = ':' THEN 1 ELSE 2 END) + 5, 2) AS BIGINT) <= 59) THEN CAST(substr("t_tid", 1, (CASE WHEN substr("t_tid", 2, 1) = ':' THEN 1 ELSE 2 END)) AS BIGINT) * 60 + CAST(substr("t_tid", (CASE WHEN substr("t_tid", 2, 1) = ':' THEN 1 ELSE 2 END) + 2, 2) AS BIGINT) END) END) AS "f_tid",
         (CASE WHEN "t_typ" IN ('BES', 'TE') THEN "t_typ" END) AS "f_typ",
         (CASE WHEN lower("t_klar") IN ('ja', 'j', '1', 'true') THEN TRUE WHEN lower("t_klar") IN ('nej', 'n', '0', 'false') THEN FALSE END) AS "f_klar"
  FROM "rv_cells" s
),
"rv_records" AS (
  SELECT v.*,
         (("t_id" IS NOT NULL AND "f_id" IS NULL) OR "t_id" IS NULL) AS "b_id",
         (("t_patient" IS NOT NULL AND "f_patient" IS NULL) OR "t_patient" IS NULL) AS "b_patient",
         (("t_datum" IS NOT NULL AND "f_datum" IS NULL) OR "t_datum" IS NULL) AS "b_datum",
         ("t_tid" IS NOT NULL AND "f_tid" IS NULL) AS "b_tid",
         (("t_typ" IS NOT NULL AND "f_typ" IS NULL) OR "t_typ" IS NULL) AS "b_typ",
         (("t_klar" IS NOT NULL AND "f_klar" IS NULL) OR "t_klar" IS NULL) AS "b_klar",
         COALESCE("t_id", 'line ' || CAST("_ord" + 1 AS VARCHAR)) AS "_record",
         ("f_datum" IS NOT NULL AND "f_datum" >= DATE '2024-01-01') AS "_judged",
         ("f_datum" IS NULL) AS "_undated"
  FROM "rv_values" v
),
"rv_search_0" AS (
  SELECT c."_ord", TRUE AS "a_0"
  FROM "rv_records" c
  JOIN "rv_records" o ON o."f_patient" = c."f_patient"
    AND o."f_datum" = c."f_datum"
    AND o."f_typ" = 'BES'
    AND o."_ord" <> c."_ord"
  GROUP BY c."_ord"
),
"rv_base" AS (
  SELECT c.*, a0."a_0"
  FROM "rv_records" c
  LEFT JOIN "rv_search_0" a0 ON a0."_ord" = c."_ord"
),
"rv_findings" AS (
SELECT c."_ord" AS "_ord", -1 AS "_pos", (CASE WHEN "t_id" IS NULL THEN 1000 ELSE 0 END) AS "_sub", 'besok-prov' AS "ruleset", '1' AS "version", 'cell' AS "rule", 'error' AS "severity", c."_record" AS "record", c."_ord" + 1 AS "line", 'id' AS "column", COALESCE("t_id", '') AS "value", (CASE WHEN "t_id" IS NULL THEN 'column `id` is empty, but the ruleset requires a value (text)' || '; rules that need it were skipped for this record' ELSE 'column `id`: "' || "t_id" || '" — ' || 'cannot be read from data' || '' || '; rules that need it were skipped for this record' END) AS "message"
  FROM "rv_records" c WHERE (c."_judged" OR (c."_undated")) AND c."b_id"
UNION ALL
SELECT c."_ord" AS "_ord", -1 AS "_pos", (CASE WHEN "t_patient" IS NULL THEN 1001 ELSE 1 END) AS "_sub", 'besok-prov' AS "ruleset", '1' AS "version", 'cell' AS "rule", 'error' AS "severity", c."_record" AS "record", c."_ord" + 1 AS "line", 'patient' AS "column", COALESCE("t_patient", '') AS "value", (CASE WHEN "t_patient" IS NULL THEN 'column `patient` is empty, but the ruleset requires a value (personnummer)' || '; rules that need it were skipped for this record' ELSE 'column `patient`: "' || "t_patient" || '" — ' || 'expected a personnummer YYYYMMDD-NNNN, YYYYMMDDNNNN or YYMMDD-NNNN' || '' || '; rules that need it were skipped for this record' END) AS "message"
  FROM "rv_records" c WHERE (c."_judged" OR (c."_undated")) AND c."b_patient"
UNION ALL
SELECT c."_ord" AS "_ord", -1 AS "_pos", (CASE WHEN "t_datum" IS NULL THEN 1002 ELSE 2 END) AS "_sub", 'besok-prov' AS "ruleset", '1' AS "version", 'cell' AS "rule", 'error' AS "severity", c."_record" AS "record", c."_ord" + 1 AS "line", 'datum' AS "column", COALESCE("t_datum", '') AS "value", (CASE WHEN "t_datum" IS NULL THEN 'column `datum` is empty, but the ruleset requires a value (date)' || '; rules that need it were skipped for this record' ELSE 'column `datum`: "' || "t_datum" || '" — ' || 'expected a date YYYY-MM-DD' || (CASE WHEN length("t_datum") = 10 AND substr("t_datum", 5, 1) = '-' AND substr("t_datum", 8, 1) = '-' THEN ' (the date does not exist in the calendar)' ELSE '' END) || '; rules that need it were skipped for this record' END) AS "message"
  FROM "rv_records" c WHERE (c."_judged" OR (c."_undated")) AND c."b_datum"
UNION ALL
SELECT c."_ord" AS "_ord", -1 AS "_pos", (CASE WHEN "t_tid" IS NULL THEN 1003 ELSE 3 END) AS "_sub", 'besok-prov' AS "ruleset", '1' AS "version", 'cell' AS "rule", 'error' AS "severity", c."_record" AS "record", c."_ord" + 1 AS "line", 'tid' AS "column", COALESCE("t_tid", '') AS "value", ('column `tid`: "' || "t_tid" || '" — ' || 'expected a time HH:MM (00:00–23:59)' || '' || '; rules that need it were skipped for this record') AS "message"
  FROM "rv_records" c WHERE (c."_judged" OR (c."_undated")) AND c."b_tid"
UNION ALL
SELECT c."_ord" AS "_ord", -1 AS "_pos", (CASE WHEN "t_typ" IS NULL THEN 1004 ELSE 4 END) AS "_sub", 'besok-prov' AS "ruleset", '1' AS "version", 'cell' AS "rule", 'error' AS "severity", c."_record" AS "record", c."_ord" + 1 AS "line", 'typ' AS "column", COALESCE("t_typ", '') AS "value", (CASE WHEN "t_typ" IS NULL THEN 'column `typ` is empty, but the ruleset requires a value (one of "BES", "TE")' || '; rules that need it were skipped for this record' ELSE 'column `typ`: "' || "t_typ" || '" — ' || 'expected one of BES, TE' || COALESCE(' (did you mean ' || (list_sort(list_filter([{'d': damerau_levenshtein(lower("t_typ"), 'bes'), 'c': 'BES', 'm': 1}, {'d': damerau_levenshtein(lower("t_typ"), 'te'), 'c': 'TE', 'm': 1}], lambda x: x.d <= x.m))[1]).c || '? (codes are case-sensitive))', '') || '; rules that need it were skipped for this record' END) AS "message"
  FROM "rv_records" c WHERE (c."_judged" OR (c."_undated")) AND c."b_typ"
UNION ALL
SELECT c."_ord" AS "_ord", -1 AS "_pos", (CASE WHEN "t_klar" IS NULL THEN 1005 ELSE 5 END) AS "_sub", 'besok-prov' AS "ruleset", '1' AS "version", 'cell' AS "rule", 'error' AS "severity", c."_record" AS "record", c."_ord" + 1 AS "line", 'klar' AS "column", COALESCE("t_klar", '') AS "value", (CASE WHEN "t_klar" IS NULL THEN 'column `klar` is empty, but the ruleset requires a value (bool)' || '; rules that need it were skipped for this record' ELSE 'column `klar`: "' || "t_klar" || '" — ' || 'expected ja/nej, true/false, j/n or 1/0' || '' || '; rules that need it were skipped for this record' END) AS "message"
  FROM "rv_records" c WHERE (c."_judged" OR (c."_undated")) AND c."b_klar"
UNION ALL
SELECT c."_ord" AS "_ord", 0 AS "_pos", 0 AS "_sub", 'besok-prov' AS "ruleset", '1' AS "version", 'klar_besok' AS "rule", 'error' AS "severity", c."_record" AS "record", c."_ord" + 1 AS "line", CAST(NULL AS VARCHAR) AS "column", CAST(NULL AS VARCHAR) AS "value", ('Besök ' || COALESCE(c."f_id", '(saknas)') || ' den ' || COALESCE(CAST(c."f_datum" AS VARCHAR), '(saknas)') || ' kl ' || COALESCE((lpad(CAST(CAST(trunc(CAST(c."f_tid" AS DOUBLE) / (60)) AS BIGINT) AS VARCHAR), 2, '0') || ':' || lpad(CAST((c."f_tid") % 60 AS VARCHAR), 2, '0')), '(saknas)') || ' är inte klart (morgon: ' || COALESCE((CASE WHEN (((c."f_tid" IS NOT NULL) AND (c."f_tid" < CAST(720 AS BIGINT)))) THEN 'ja' WHEN NOT (((c."f_tid" IS NOT NULL) AND (c."f_tid" < CAST(720 AS BIGINT)))) THEN 'nej' END), '(saknas)') || ').') AS "message"
  FROM "rv_base" c
  WHERE c."_judged"
    AND NOT (c."b_typ" OR c."b_klar")
    AND COALESCE((c."f_typ" IN ('BES')), FALSE)
    AND NOT COALESCE(c."f_klar", TRUE)
UNION ALL
SELECT c."_ord" AS "_ord", 1 AS "_pos", 0 AS "_sub", 'besok-prov' AS "ruleset", '1' AS "version", 'samtal_utan_besok' AS "rule", 'warning' AS "severity", c."_record" AS "record", c."_ord" + 1 AS "line", CAST(NULL AS VARCHAR) AS "column", CAST(NULL AS VARCHAR) AS "value", ('Samtal ' || COALESCE(c."f_id", '(saknas)') || ' för ' || COALESCE(c."t_patient", '(saknas)') || ' har inget besök samma dag.') AS "message"
  FROM "rv_base" c
  WHERE c."_judged"
    AND NOT (c."b_patient" OR c."b_datum" OR c."b_typ")
    AND COALESCE((c."f_typ" = 'TE'), FALSE)
    AND NOT COALESCE((c."a_0" IS NOT NULL), TRUE)
),
"rv_all_findings" AS (
SELECT * FROM "rv_findings"
)
SELECT "ruleset", "version", "rule", "severity", "record", "line", "column", "value", "message"
FROM "rv_all_findings"
ORDER BY "_ord", "_pos", "_sub"
