-- 003_import_keys.sql: the natural key of every importable table without a code, so that
-- importing a spreadsheet again updates the rows it already imported instead of adding
-- them twice.  Tables with a code (agencies, departments, posts, persons, powers, points)
-- are keyed by it already, and oversight by (department, person).  The keys, as a
-- supervisor names a row of the spreadsheet:
--   ratings   a point rated by one source on one factor on one day (风险点编号, 评议主体,
--             评定因素, 评议日期); the value (分值) is what an edited row changes
--   measures  a point's measure by its text (风险点编号, 防控措施); an edit changes who is
--             responsible, the due date or the status (落实情况)
--   signals   one piece of risk information: its source, the point or post, the day it was
--             received and its summary (信息来源, 风险点编号, 岗位代码, 收到日期, 内容摘要)
--   changes   one change: its kind, the power or post, its date and text (变更类别, 职权编码,
--             岗位代码, 变更日期, 变更内容)
-- A signal names a point or a post and a change a power or a post, the other one is
-- NULL; NULLs are never equal in a UNIQUE index, so those columns are keyed as
-- ifnull(column, '') (no code is empty: every code has a CHECK (code <> '')).  The
-- importer's ON CONFLICT targets repeat these expressions exactly.
--
-- A database imported into before this migration may hold a row twice: the importer had
-- no key and added the rows of a file imported again.  Rows that agree in every column
-- but id are the same row: all but the one with the lowest id are removed (nothing refers
-- to these ids).  Rows that share a key but differ elsewhere are a conflict a person must
-- settle (which rating, which status is right?): the migration then fails, naming the
-- table, and leaves the database as it was; `riskgrade init` reports it.

DELETE FROM ratings WHERE id NOT IN
  (SELECT min(id) FROM ratings GROUP BY point, source, factor, value, rated_on);
DELETE FROM measures WHERE id NOT IN
  (SELECT min(id) FROM measures GROUP BY point, text, responsible, due, status);
DELETE FROM signals WHERE id NOT IN
  (SELECT min(id) FROM signals
   GROUP BY source, point, post, received_on, severity, substantiated, text, complainant);
DELETE FROM changes WHERE id NOT IN
  (SELECT min(id) FROM changes GROUP BY kind, power, post, changed_on, text);

-- One CHECK per table, named as the message the migration fails with.  (changes has no
-- column outside its key: once its exact duplicates are gone, no two rows share a key.)
CREATE TEMP TABLE import_keys_conflicts (
  ratings  INTEGER CONSTRAINT "ratings: some rows have the same 风险点编号, 评议主体, 评定因素 and 评议日期 but a different 分值; keep one of each (SELECT * FROM ratings WHERE (point, source, factor, rated_on) IN (SELECT point, source, factor, rated_on FROM ratings GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)), then run riskgrade init again"
           CHECK (ratings = 0),
  measures INTEGER CONSTRAINT "measures: some rows have the same 风险点编号 and 防控措施 but a different 责任人, 完成时限 or 落实情况; keep one of each (SELECT * FROM measures WHERE (point, text) IN (SELECT point, text FROM measures GROUP BY 1, 2 HAVING count(*) > 1)), then run riskgrade init again"
           CHECK (measures = 0),
  signals  INTEGER CONSTRAINT "signals: some rows have the same 信息来源, 风险点编号, 岗位代码, 收到日期 and 内容摘要 but a different 严重程度, 是否属实 or 举报人; keep one of each, then run riskgrade init again"
           CHECK (signals = 0)
);
INSERT INTO import_keys_conflicts SELECT
  (SELECT count(*) FROM (SELECT 1 FROM ratings GROUP BY point, source, factor, rated_on
                         HAVING count(*) > 1)),
  (SELECT count(*) FROM (SELECT 1 FROM measures GROUP BY point, text HAVING count(*) > 1)),
  (SELECT count(*) FROM (SELECT 1 FROM signals
                         GROUP BY source, ifnull(point, ''), ifnull(post, ''), received_on, text
                         HAVING count(*) > 1));
DROP TABLE import_keys_conflicts;

CREATE UNIQUE INDEX ratings_key ON ratings (point, source, factor, rated_on);
CREATE UNIQUE INDEX measures_key ON measures (point, text);
CREATE UNIQUE INDEX signals_key
  ON signals (source, ifnull(point, ''), ifnull(post, ''), received_on, text);
CREATE UNIQUE INDEX changes_key
  ON changes (kind, ifnull(power, ''), ifnull(post, ''), changed_on, text);
