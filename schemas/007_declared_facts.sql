-- 007_declared_facts.sql: an agency's own facts, and its own grades.  Not every agency grades with the
-- national four factors: one scores a questionnaire 0-9, another rates the likelihood of
-- a point on a scale of its own, another notes whether a post handles cash.  Such a fact
-- is declared once, in fact_definitions (imported like any other sheet: `riskgrade
-- import DB fact_definitions defs.csv`), with its name, its Chinese label, the sheet it
-- belongs to (风险点, 职权 or 岗位), its type and its range or allowed values.  From then
-- on the sheets of points, powers and posts accept a column by that name or label, the
-- importer checks every cell of it against the definition, and packs read it as
-- p.facts.NAME, p.power.facts.NAME or p.post.facts.NAME.
--
-- Where the values live: one table per sheet, a row per value, (point, fact, value),
-- rather than a column added to points for each definition or a JSON text in each row:
--   * a definition is data, not schema: declaring a fact changes no table, so the
--     importer's reading of the schema (the columns of points are the columns a points
--     sheet has) and the audit log's digest of an imported table stay as they are;
--   * value is a column of type ANY in a STRICT table: a whole number stays an INTEGER,
--     a 数值 a REAL, a text or a date a TEXT, and a pack gets the Lua type it expects;
--   * the foreign keys keep every value tied to a point (power, post) and to a
--     definition that exist: a definition still in use cannot be deleted behind
--     riskgrade's back, and `riskgrade facts DB remove NAME` counts its values to say so;
--   * an absent value is no row: nothing is ever stored as a stand-in;
--   * the batch run reads them like the ratings, one cursor ordered by point.
-- The values of a fact belong to the sheet its definition names (a 风险点 fact's to
-- point_facts); the importer keeps it so, and refuses a definition edited so that values
-- already imported no longer fit it (another type, a narrower range, fewer choices,
-- another sheet), naming how many.
--
-- The grade such a method gives is its own too (at the end of this file): a method that
-- does not use the national four factors leaves them out, and they are stored as absent
-- (NULL), not as numbers; it may name factors of its own (grades.method_factors) and its
-- own name for the grade (grades.level: 重大, 极其危险…).  The tier stays 一级/二级/三级
-- for every method.

-- 事实类型: what a declared fact holds.  整数 a whole number, 数值 any finite number,
-- 文本 a text, 日期 a date YYYY-MM-DD, 是否 yes or no (是/否, 1/0; a boolean for packs),
-- 枚举 one of the values the definition lists.
CREATE TABLE enum_fact_type (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_fact_type VALUES
  ('整数', 1), ('数值', 2), ('文本', 3), ('日期', 4), ('是否', 5), ('枚举', 6);

-- 所属: the sheet (table) a declared fact is a column of, and where packs read it.
CREATE TABLE enum_fact_sheet (
  name  TEXT PRIMARY KEY,
  ord   INTEGER NOT NULL UNIQUE,
  tbl   TEXT NOT NULL UNIQUE,     -- the table: points, powers, posts
  store TEXT NOT NULL UNIQUE      -- the table of its values
) STRICT;
INSERT INTO enum_fact_sheet VALUES
  ('风险点', 1, 'points', 'point_facts'), ('职权', 2, 'powers', 'power_facts'),
  ('岗位', 3, 'posts', 'post_facts');

-- A declared fact.  name is what packs read (p.facts.NAME): a Lua name.  label is its
-- header in the sheet, unique among the columns of that sheet.  min and max bound a 整数
-- or 数值 (either may be left out); choices lists the values of an 枚举, separated by 、.
CREATE TABLE fact_definitions (
  name       TEXT PRIMARY KEY
             CONSTRAINT "name: a name of letters, digits and _ that does not start with a digit (packs read it as p.facts.NAME)"
             CHECK (name GLOB '[A-Za-z_]*' AND name NOT GLOB '*[^A-Za-z0-9_]*'
                    AND length(name) <= 64),
  label      TEXT NOT NULL
             CONSTRAINT "label: a non-empty label (the column's header)" CHECK (label <> ''),
  belongs_to TEXT NOT NULL REFERENCES enum_fact_sheet(name),
  type       TEXT NOT NULL REFERENCES enum_fact_type(name),
  min        REAL
             CONSTRAINT "min: empty unless the type is 整数 or 数值"
             CHECK (min IS NULL OR type IN ('整数', '数值')),
  max        REAL
             CONSTRAINT "max: empty unless the type is 整数 or 数值"
             CHECK (max IS NULL OR type IN ('整数', '数值')),
  choices    TEXT
             CONSTRAINT "choices: empty unless the type is 枚举"
             CHECK (choices IS NULL OR type = '枚举'),
  note       TEXT,                                   -- 说明: what it is, where it comes from
  CONSTRAINT "max: a number not below min" CHECK (min IS NULL OR max IS NULL OR max >= min),
  CONSTRAINT "min: a whole number for a 整数"
    CHECK (type <> '整数' OR min IS NULL OR min = CAST(min AS INTEGER)),
  CONSTRAINT "max: a whole number for a 整数"
    CHECK (type <> '整数' OR max IS NULL OR max = CAST(max AS INTEGER)),
  CONSTRAINT "choices: the values of an 枚举, separated by 、"
    CHECK (type <> '枚举' OR (choices IS NOT NULL AND choices <> ''))
) STRICT;
CREATE UNIQUE INDEX fact_definitions_label ON fact_definitions (belongs_to, label);

-- The values: a row per point (power, post) and fact that has one.
CREATE TABLE point_facts (
  point TEXT NOT NULL REFERENCES points(code),
  fact  TEXT NOT NULL REFERENCES fact_definitions(name),
  value ANY NOT NULL,
  PRIMARY KEY (point, fact)
) STRICT, WITHOUT ROWID;
CREATE INDEX point_facts_fact ON point_facts (fact);

CREATE TABLE power_facts (
  power TEXT NOT NULL REFERENCES powers(code),
  fact  TEXT NOT NULL REFERENCES fact_definitions(name),
  value ANY NOT NULL,
  PRIMARY KEY (power, fact)
) STRICT, WITHOUT ROWID;
CREATE INDEX power_facts_fact ON power_facts (fact);

CREATE TABLE post_facts (
  post  TEXT NOT NULL REFERENCES posts(code),
  fact  TEXT NOT NULL REFERENCES fact_definitions(name),
  value ANY NOT NULL,
  PRIMARY KEY (post, fact)
) STRICT, WITHOUT ROWID;
CREATE INDEX post_facts_fact ON post_facts (fact);

INSERT INTO labels VALUES
  ('fact_definitions', 'name', '事实名称'), ('fact_definitions', 'label', '中文名称'),
  ('fact_definitions', 'belongs_to', '所属'), ('fact_definitions', 'type', '类型'),
  ('fact_definitions', 'min', '最小值'), ('fact_definitions', 'max', '最大值'),
  ('fact_definitions', 'choices', '可选值'), ('fact_definitions', 'note', '说明');

-- ---------------------------------------------------------------------------------------
-- The grades of any method
-- ---------------------------------------------------------------------------------------

-- grades, rebuilt so that a national factor a method does not use is NULL (the CHECKs
-- allowed 1-5 only), with two columns more:
--   level           the method's own name for the grade, or NULL;
--   method_factors  the method's own factors, a JSON object of name -> number with the
--                   names in order (e.g. {"C（后果）":15,"E（频繁程度）":10,"L（可能性）":3}),
--                   or NULL: one text, so a run compares, stores and digests a result's
--                   factors as it does its reasons, and readers list them with json_each.
-- The views of 006 read grades: they are made again, run_grades with the two columns.
DROP VIEW point_latest;
DROP VIEW run_traces;
DROP VIEW run_flags;
DROP VIEW run_grades;

CREATE TABLE grades_new (
  run            INTEGER NOT NULL REFERENCES runs(id),
  point          TEXT NOT NULL REFERENCES points(code),
  pack           TEXT NOT NULL,
  importance     INTEGER CHECK (importance IS NULL OR importance BETWEEN 1 AND 5),
  discretion     INTEGER CHECK (discretion IS NULL OR discretion BETWEEN 1 AND 5),
  likelihood     INTEGER CHECK (likelihood IS NULL OR likelihood BETWEEN 1 AND 5),
  harm           INTEGER CHECK (harm IS NULL OR harm BETWEEN 1 AND 5),
  score          REAL NOT NULL,
  tier           TEXT NOT NULL REFERENCES enum_tier(name),
  reasons        TEXT NOT NULL,
  level          TEXT CHECK (level IS NULL OR level <> ''),
  method_factors TEXT CHECK (method_factors IS NULL OR json_valid(method_factors)),
  PRIMARY KEY (point, run)
) STRICT;
INSERT INTO grades_new (run, point, pack, importance, discretion, likelihood, harm, score,
                        tier, reasons)
  SELECT run, point, pack, importance, discretion, likelihood, harm, score, tier, reasons
  FROM grades;
DROP TABLE grades;
ALTER TABLE grades_new RENAME TO grades;

-- As in 006, with level and method_factors.
CREATE VIEW run_grades AS
SELECT r.id AS run, g.point, g.pack, g.importance, g.discretion, g.likelihood, g.harm,
       g.score, g.tier, g.reasons, g.run AS version, g.level, g.method_factors
FROM runs r JOIN grades g
  ON g.run <= r.id
 AND g.run = (SELECT max(x.run) FROM grades x WHERE x.point = g.point AND x.run <= r.id)
WHERE g.run = r.id
   OR EXISTS (SELECT 1 FROM run_scopes s WHERE s.run = r.id AND s.agency =
               (SELECT c.agency FROM coverage c WHERE c.point = g.point AND c.run <= r.id
                ORDER BY c.run DESC LIMIT 1));

-- The method's own factors of run `run`, one row each: what explain and the tests read.
CREATE VIEW run_factors AS
SELECT g.run, g.point, f.key AS name, f.value
FROM run_grades g JOIN json_each(g.method_factors) f;

-- As in 006.
CREATE VIEW run_flags AS
SELECT r.id AS run, f.point, f.code, f.label, f.evidence, f.cleared_by, f.run AS version
FROM runs r JOIN flags f
  ON f.run <= r.id
 AND f.run = (SELECT max(x.run) FROM flags x WHERE x.point = f.point AND x.run <= r.id)
 AND NOT EXISTS (SELECT 1 FROM grades x
                 WHERE x.point = f.point AND x.run > f.run AND x.run <= r.id)
WHERE f.run = r.id
   OR EXISTS (SELECT 1 FROM run_scopes s WHERE s.run = r.id AND s.agency =
               (SELECT c.agency FROM coverage c WHERE c.point = f.point AND c.run <= r.id
                ORDER BY c.run DESC LIMIT 1));

CREATE VIEW run_traces AS
SELECT g.run, t.point, t.seq, t.reason, t.source
FROM run_grades g JOIN runs r ON r.id = g.run
JOIN traces t ON t.run = g.version AND t.point = g.point
WHERE r.traced OR g.version = g.run;

CREATE VIEW point_latest AS
SELECT v.point,
       max(v.version, coalesce(
         (SELECT CASE WHEN c.agency IS NOT NULL
                   THEN (SELECT max(s.run) FROM run_scopes s
                         WHERE s.agency = c.agency AND s.run >= c.run)
                   ELSE (SELECT max(rg.run) FROM run_grades rg
                         WHERE rg.point = v.point AND rg.run < c.run) END
          FROM coverage c WHERE c.point = v.point ORDER BY c.run DESC LIMIT 1), 0)) AS run,
       v.version
FROM (SELECT p.code AS point,
             (SELECT max(g.run) FROM grades g WHERE g.point = p.code) AS version
      FROM points p) v
WHERE v.version IS NOT NULL;
