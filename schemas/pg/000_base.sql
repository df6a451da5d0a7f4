-- 000_base.sql: the whole schema of ../001_method.sql to ../008_warnings_by_person.sql,
-- for PostgreSQL 15, at the version those six files give (the engine applies this file to
-- an empty database and records schema version 6).  Each table, column, view, index and
-- constraint is the SQLite one (same names, same column order, same CHECKs with the same
-- names, the same reference data); the comments of the SQLite files say what each is
-- for and are not repeated here.  Only what differs is explained:
--
--   * types: TEXT -> text, INTEGER -> bigint, REAL -> double precision; booleans stay
--     bigint 0/1 with their CHECKs; dates stay text 'YYYY-MM-DD', checked by rg_is_date();
--   * `id INTEGER PRIMARY KEY` (and audit's `seq`) -> an identity column;
--   * every table that has a rowid in SQLite (all but the WITHOUT ROWID ones) ends with a
--     column rowid: the id itself (GENERATED ... (id) STORED) where the table has an
--     integer key, else an identity of its own, so the engine's `rowid` keeps working;
--     the engine hides a column named rowid when it lists a table's columns;
--   * the value of a declared fact (point_facts, power_facts, post_facts), of type ANY in
--     SQLite, is text here: its definition (fact_definitions.type) says how to read it;
--   * the SQLite functions the schema and the engine's queries use are defined first.
-- Future migrations come in pairs: ../NNN_x.sql for SQLite and NNN_x.sql here.

-- ---------------------------------------------------------------------------------------
-- SQLite's functions
-- ---------------------------------------------------------------------------------------

-- ifnull(a, b): coalesce(a, b), as SQLite's; anycompatible so that ifnull(bigint, 0)
-- resolves.  Used in the unique indexes signals_key and changes_key, which the
-- importer's ON CONFLICT targets repeat, so it must be IMMUTABLE.
CREATE FUNCTION ifnull(a anycompatible, b anycompatible) RETURNS anycompatible
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT coalesce(a, b)';

-- instr(haystack, needle): the 1-based place of needle, 0 when absent, as SQLite's.
CREATE FUNCTION instr(haystack text, needle text) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN strpos(haystack, needle);

-- group_concat(x, sep) and group_concat(x): SQLite's aggregate, string_agg's semantics:
-- NULL values are skipped, the values are joined in the order fed (each after the
-- separator given with it), NULL when none is left; sep is ',' in the one-argument form.
-- (string_agg's own transition functions keep an internal state, which only a superuser
-- may declare; the groups the engine joins are a point's flags, so short.)
CREATE FUNCTION rg_group_concat_step(state text, value text, sep text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN value IS NULL THEN state
              WHEN state IS NULL THEN value
              ELSE state || coalesce(sep, '') || value END;

CREATE FUNCTION rg_group_concat_step(state text, value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN rg_group_concat_step(state, value, ',');

CREATE AGGREGATE group_concat(text, text) (SFUNC = rg_group_concat_step, STYPE = text);

CREATE AGGREGATE group_concat(text) (SFUNC = rg_group_concat_step, STYPE = text);

-- sum(boolean): SQLite's sum() of a comparison (sum(g.tier = '一级')), which counts the
-- rows where it holds, as a bigint; NULL over no rows (or only NULLs), as SQLite's.
CREATE FUNCTION rg_sum_step(state bigint, value boolean) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN value IS NULL THEN state
              ELSE coalesce(state, 0) + CASE WHEN value THEN 1 ELSE 0 END END;

CREATE AGGREGATE sum(boolean) (SFUNC = rg_sum_step, STYPE = bigint);

-- rg_julian_day(year, month, day): the Julian day number at midnight of that date of the
-- proleptic Gregorian calendar, computed as SQLite's computeJD() does (year 0 included).
CREATE FUNCTION rg_julian_day(y integer, m integer, d integer) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (SELECT (36525 * (yy + 4716) / 100) + (306001 * (mm + 1) / 10000) + d
                 + (2 - yy / 100 + (yy / 100) / 4) - 1524.5::double precision
          FROM (SELECT CASE WHEN m <= 2 THEN y - 1 ELSE y END AS yy,
                       CASE WHEN m <= 2 THEN m + 12 ELSE m END AS mm) x);

-- julianday(t): SQLite's, for a text 'YYYY-MM-DD' optionally followed by ' HH:MM',
-- ' HH:MM:SS' or ' HH:MM:SS.SSS' (or with 'T'); NULL for anything else (SQLite's 'now'
-- and modifiers are not supported).  julianday('2000-01-01') = 2451544.5.
CREATE FUNCTION julianday(t text) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE
    WHEN t !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-2][0-9]:[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?)?$'
      THEN NULL
    WHEN substr(t, 6, 2)::integer NOT BETWEEN 1 AND 12
         OR substr(t, 9, 2)::integer NOT BETWEEN 1 AND 31
         OR (length(t) > 10 AND substr(t, 12, 2)::integer > 23)
      THEN NULL
    ELSE rg_julian_day(substr(t, 1, 4)::integer, substr(t, 6, 2)::integer,
                       substr(t, 9, 2)::integer)
         + CASE WHEN length(t) > 10
             THEN extract(epoch FROM substr(t, 12)::time)::double precision / 86400
             ELSE 0 END
  END;

-- rg_is_date(t): SQLite's `date(t) IS t`: true when t is a date of the calendar written
-- exactly YYYY-MM-DD (years 0000-9999, proleptic Gregorian), false for any other text,
-- NULL for NULL (so that `t IS NULL OR rg_is_date(t)` reads as in SQLite).  Stricter
-- than SQLite 3.40's date(), which takes any day 01-31 in any month ('2023-02-30').
CREATE FUNCTION rg_is_date(t text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE
    WHEN t IS NULL THEN NULL
    WHEN t !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN false
    ELSE substr(t, 6, 2)::integer BETWEEN 1 AND 12
         AND substr(t, 9, 2)::integer BETWEEN 1 AND
           CASE substr(t, 6, 2)
             WHEN '02' THEN
               CASE WHEN substr(t, 1, 4)::integer % 4 = 0
                         AND (substr(t, 1, 4)::integer % 100 <> 0
                              OR substr(t, 1, 4)::integer % 400 = 0)
                    THEN 29 ELSE 28 END
             WHEN '04' THEN 30 WHEN '06' THEN 30 WHEN '09' THEN 30 WHEN '11' THEN 30
             ELSE 31
           END
  END;

-- json_valid(t): SQLite's, for the CHECK on grades.method_factors: true when t is
-- well-formed JSON, NULL for NULL.
CREATE FUNCTION json_valid(t text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
  PERFORM t::json;
  RETURN true;
EXCEPTION WHEN invalid_text_representation THEN
  RETURN false;
END
$$;

-- ---------------------------------------------------------------------------------------
-- Enumerations (001, 002, 007)
-- ---------------------------------------------------------------------------------------

CREATE TABLE enum_level (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_level VALUES ('岗位', 1), ('科室', 2), ('单位', 3);

CREATE TABLE enum_category (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_category VALUES
  ('思想道德', 1), ('岗位职责', 2), ('业务流程', 3), ('制度机制', 4), ('外部环境', 5);

CREATE TABLE enum_power_kind (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  scope text NOT NULL CONSTRAINT "scope: 对外 or 内部" CHECK (scope IN ('对外', '内部')),
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_power_kind VALUES
  ('行政许可', 1, '对外'), ('行政审批', 2, '对外'), ('行政处罚', 3, '对外'),
  ('行政强制', 4, '对外'), ('行政征收', 5, '对外'), ('行政给付', 6, '对外'),
  ('监督检查', 7, '对外'), ('行政确认', 8, '对外'), ('其他', 9, '对外'),
  ('人事管理', 10, '内部'), ('财务管理', 11, '内部'), ('资产管理', 12, '内部'),
  ('采购管理', 13, '内部'),
  ('重大事项决策', 14, '内部'), ('重要人事任免', 15, '内部'),
  ('重大项目安排', 16, '内部'), ('大额资金使用', 17, '内部');

CREATE TABLE enum_risk_type (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_risk_type VALUES ('廉政风险', 1), ('监管风险', 2);

CREATE TABLE enum_consequence (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_consequence VALUES ('追究刑事责任', 1), ('党纪政纪处分', 2), ('批评教育', 3);

CREATE TABLE enum_role (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_role VALUES
  ('主要领导', 1), ('分管领导', 2), ('科室负责人', 3), ('工作人员', 4);

CREATE TABLE enum_rating_source (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_rating_source VALUES
  ('岗位自评', 1), ('部室互评', 2), ('群众点评', 3), ('集体评议', 4), ('党组审核', 5);

CREATE TABLE enum_factor (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_factor VALUES
  ('权力重要程度', 1), ('自由裁量权', 2), ('发生概率', 3), ('危害程度', 4);

CREATE TABLE enum_tier (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_tier VALUES ('一级', 1), ('二级', 2), ('三级', 3);

CREATE TABLE enum_measure_status (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_measure_status VALUES
  ('未启动', 1), ('落实中', 2), ('已落实', 3), ('效果不佳', 4);

CREATE TABLE enum_signal_source (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_signal_source VALUES
  ('巡视', 1), ('审计', 2), ('干部考察', 3), ('述职述廉', 4), ('舆论监督', 5),
  ('电子监察', 6), ('效能监察', 7), ('执法监察', 8), ('纠风治理', 9), ('信访举报', 10),
  ('案件分析', 11);

CREATE TABLE enum_severity (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_severity VALUES ('一般', 1), ('较重', 2), ('严重', 3);

CREATE TABLE enum_change_kind (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_change_kind VALUES ('法律法规调整', 1), ('职责权限变更', 2);

CREATE TABLE enum_disposition (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_disposition VALUES ('风险提示', 1), ('诫勉谈话', 2), ('责令纠错', 3);

-- The values as 002 left them (001's rows, 签收 added, ord * 10, 签收 at 15), in the
-- order SQLite gave them their rowids.
CREATE TABLE enum_warning_status (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_warning_status VALUES ('发布', 10), ('反馈', 20), ('解除', 30), ('签收', 15);

-- ---------------------------------------------------------------------------------------
-- The organisation (001)
-- ---------------------------------------------------------------------------------------

CREATE TABLE agencies (
  code   text PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  name   text NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> ''),
  parent text REFERENCES agencies(code)
         CONSTRAINT "parent: a unit other than itself" CHECK (parent IS NULL OR parent <> code),
  rowid  bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX agencies_parent ON agencies(parent);

CREATE TABLE departments (
  code   text PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  agency text NOT NULL REFERENCES agencies(code),
  name   text NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> ''),
  rowid  bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);

CREATE TABLE posts (
  code       text PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  agency     text NOT NULL REFERENCES agencies(code),
  department text REFERENCES departments(code),
  name       text NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> ''),
  duties     text,
  rowid      bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX posts_department ON posts(department);

CREATE TABLE persons (
  code       text PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  name       text NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> ''),
  agency     text NOT NULL REFERENCES agencies(code),
  department text REFERENCES departments(code),
  post       text REFERENCES posts(code),
  role       text NOT NULL REFERENCES enum_role(name),
  rowid      bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX persons_agency_role ON persons(agency, role);
CREATE INDEX persons_department_role ON persons(department, role);

CREATE TABLE oversight (
  person     text NOT NULL REFERENCES persons(code),
  department text NOT NULL REFERENCES departments(code),
  rowid      bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  PRIMARY KEY (department, person)
);

-- ---------------------------------------------------------------------------------------
-- The power catalogue and the risk points (001)
-- ---------------------------------------------------------------------------------------

CREATE TABLE powers (
  code        text PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  agency      text NOT NULL REFERENCES agencies(code),
  name        text NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> ''),
  kind        text NOT NULL REFERENCES enum_power_kind(name),
  content     text,
  legal_basis text,
  department  text REFERENCES departments(code),
  post        text REFERENCES posts(code),
  major       bigint NOT NULL DEFAULT 0
              CONSTRAINT "major: 0 or 1 (是/否)" CHECK (major IN (0, 1)),
  funds       double precision NOT NULL DEFAULT 0
              CONSTRAINT "funds: an amount of 0 or more (万元)" CHECK (funds >= 0),
  rowid       bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX powers_agency ON powers(agency);

CREATE TABLE points (
  code          text PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  agency        text NOT NULL REFERENCES agencies(code),
  level         text NOT NULL REFERENCES enum_level(name),
  category      text NOT NULL REFERENCES enum_category(name),
  risk_type     text NOT NULL DEFAULT '廉政风险' REFERENCES enum_risk_type(name),
  consequence   text REFERENCES enum_consequence(name),
  manifestation text NOT NULL
                CONSTRAINT "manifestation: a non-empty text (表现形式)" CHECK (manifestation <> ''),
  power         text REFERENCES powers(code),
  department    text REFERENCES departments(code),
  post          text REFERENCES posts(code),
  approved_tier text REFERENCES enum_tier(name),
  approved_on   text CONSTRAINT "approved_on: a date YYYY-MM-DD"
                CHECK (approved_on IS NULL OR rg_is_date(approved_on)),
  last_graded   text CONSTRAINT "last_graded: a date YYYY-MM-DD"
                CHECK (last_graded IS NULL OR rg_is_date(last_graded)),
  rowid         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  CONSTRAINT "post: a post for a 岗位 point" CHECK (level <> '岗位' OR post IS NOT NULL),
  CONSTRAINT "department: a department for a 科室 point"
    CHECK (level <> '科室' OR department IS NOT NULL OR post IS NOT NULL),
  CONSTRAINT "approved_on: a date when approved_tier is given"
    CHECK (approved_tier IS NULL OR approved_on IS NOT NULL)
);
CREATE INDEX points_agency ON points(agency);
CREATE INDEX points_power ON points(power);
CREATE INDEX points_post ON points(post);

CREATE TABLE ratings (
  id       bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  point    text NOT NULL REFERENCES points(code),
  source   text NOT NULL REFERENCES enum_rating_source(name),
  factor   text NOT NULL REFERENCES enum_factor(name),
  value    bigint NOT NULL CONSTRAINT "value: 1-5" CHECK (value BETWEEN 1 AND 5),
  rated_on text NOT NULL CONSTRAINT "rated_on: a date YYYY-MM-DD" CHECK (rg_is_date(rated_on)),
  rowid    bigint GENERATED ALWAYS AS (id) STORED
);
CREATE INDEX ratings_point ON ratings(point);

CREATE TABLE measures (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  point       text NOT NULL REFERENCES points(code),
  text        text NOT NULL CONSTRAINT "text: a non-empty text" CHECK (text <> ''),
  responsible text REFERENCES persons(code),
  due         text CONSTRAINT "due: a date YYYY-MM-DD" CHECK (due IS NULL OR rg_is_date(due)),
  status      text NOT NULL DEFAULT '未启动' REFERENCES enum_measure_status(name),
  rowid       bigint GENERATED ALWAYS AS (id) STORED
);
CREATE INDEX measures_point ON measures(point);

CREATE TABLE signals (
  id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  source        text NOT NULL REFERENCES enum_signal_source(name),
  point         text REFERENCES points(code),
  post          text REFERENCES posts(code),
  received_on   text NOT NULL
                CONSTRAINT "received_on: a date YYYY-MM-DD" CHECK (rg_is_date(received_on)),
  severity      text NOT NULL DEFAULT '一般' REFERENCES enum_severity(name),
  substantiated bigint NOT NULL DEFAULT 0
                CONSTRAINT "substantiated: 0 or 1 (是/否)" CHECK (substantiated IN (0, 1)),
  text          text NOT NULL CONSTRAINT "text: a non-empty text" CHECK (text <> ''),
  complainant   text,
  rowid         bigint GENERATED ALWAYS AS (id) STORED,
  CONSTRAINT "point: a point or a post" CHECK (point IS NOT NULL OR post IS NOT NULL)
);
CREATE INDEX signals_point ON signals(point);
CREATE INDEX signals_post ON signals(post);

CREATE TABLE changes (
  id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  kind       text NOT NULL REFERENCES enum_change_kind(name),
  power      text REFERENCES powers(code),
  post       text REFERENCES posts(code),
  changed_on text NOT NULL
             CONSTRAINT "changed_on: a date YYYY-MM-DD" CHECK (rg_is_date(changed_on)),
  text       text NOT NULL CONSTRAINT "text: a non-empty text" CHECK (text <> ''),
  rowid      bigint GENERATED ALWAYS AS (id) STORED,
  CONSTRAINT "power: a power for a 法律法规调整, and only for it"
    CHECK ((kind = '法律法规调整') = (power IS NOT NULL)),
  CONSTRAINT "post: a post for a 职责权限变更, and only for it"
    CHECK ((kind = '职责权限变更') = (post IS NOT NULL))
);
CREATE INDEX changes_power ON changes(power);
CREATE INDEX changes_post ON changes(post);

-- The natural keys of 003.
CREATE UNIQUE INDEX ratings_key ON ratings (point, source, factor, rated_on);
CREATE UNIQUE INDEX measures_key ON measures (point, text);
CREATE UNIQUE INDEX signals_key
  ON signals (source, ifnull(point, ''), ifnull(post, ''), received_on, text);
CREATE UNIQUE INDEX changes_key
  ON changes (kind, ifnull(power, ''), ifnull(post, ''), changed_on, text);

-- ---------------------------------------------------------------------------------------
-- Runs and their results (001, 002, 006, 007)
-- ---------------------------------------------------------------------------------------

CREATE TABLE runs (
  id                 bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  as_of              text NOT NULL CHECK (rg_is_date(as_of)),
  scope              text REFERENCES agencies(code),
  traced             bigint NOT NULL DEFAULT 0,
  engine_version     text NOT NULL,
  rules_dir          text NOT NULL,
  points             bigint NOT NULL,
  tier1              bigint NOT NULL,
  tier2              bigint NOT NULL,
  tier3              bigint NOT NULL,
  flags              bigint NOT NULL,
  warnings           bigint NOT NULL,
  created_at         text,
  actor              text,
  warnings_new       bigint NOT NULL DEFAULT 0,
  warnings_escalated bigint NOT NULL DEFAULT 0,
  rowid              bigint GENERATED ALWAYS AS (id) STORED
);

CREATE TABLE run_packs (
  run    bigint NOT NULL REFERENCES runs(id),
  pack   text NOT NULL,
  path   text NOT NULL,
  parent text,
  sha256 text NOT NULL,
  rowid  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  PRIMARY KEY (run, pack)
);

-- grades as 007 rebuilt it.
CREATE TABLE grades (
  run            bigint NOT NULL REFERENCES runs(id),
  point          text NOT NULL REFERENCES points(code),
  pack           text NOT NULL,
  importance     bigint CHECK (importance IS NULL OR importance BETWEEN 1 AND 5),
  discretion     bigint CHECK (discretion IS NULL OR discretion BETWEEN 1 AND 5),
  likelihood     bigint CHECK (likelihood IS NULL OR likelihood BETWEEN 1 AND 5),
  harm           bigint CHECK (harm IS NULL OR harm BETWEEN 1 AND 5),
  score          double precision NOT NULL,
  tier           text NOT NULL REFERENCES enum_tier(name),
  reasons        text NOT NULL,
  level          text CHECK (level IS NULL OR level <> ''),
  method_factors text CHECK (method_factors IS NULL OR json_valid(method_factors)),
  rowid          bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  PRIMARY KEY (point, run)
);

CREATE TABLE traces (
  run    bigint NOT NULL REFERENCES runs(id),
  point  text NOT NULL REFERENCES points(code),
  seq    bigint NOT NULL,
  reason text NOT NULL,
  source text,
  rowid  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  PRIMARY KEY (run, point, seq)
);

CREATE TABLE warnings (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  run         bigint NOT NULL REFERENCES runs(id),
  point       text NOT NULL REFERENCES points(code),
  reason      text NOT NULL CHECK (reason <> ''),
  disposition text NOT NULL REFERENCES enum_disposition(name),
  responsible text REFERENCES persons(code),
  due         text NOT NULL CHECK (rg_is_date(due)),
  status      text NOT NULL DEFAULT '发布' REFERENCES enum_warning_status(name),
  text        text NOT NULL,
  seen_run    bigint REFERENCES runs(id),
  issued_on   text,
  rowid       bigint GENERATED ALWAYS AS (id) STORED
);
CREATE INDEX warnings_run ON warnings(run);
CREATE INDEX warnings_point ON warnings(point);
CREATE INDEX warnings_open ON warnings(point, reason) WHERE status <> '解除';
CREATE INDEX warnings_responsible ON warnings(responsible);

CREATE TABLE enum_warning_action (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_warning_action VALUES
  ('发布', 1), ('签收', 2), ('反馈', 3), ('解除', 4),
  ('升级', 5), ('加重升级', 6), ('逾期升级', 7);

CREATE TABLE warning_events (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  warning     bigint NOT NULL REFERENCES warnings(id),
  action      text NOT NULL REFERENCES enum_warning_action(name),
  on_date     text NOT NULL CHECK (rg_is_date(on_date)),
  by          text REFERENCES persons(code),
  run         bigint REFERENCES runs(id),
  disposition text NOT NULL REFERENCES enum_disposition(name),
  due         text NOT NULL CHECK (rg_is_date(due)),
  status      text NOT NULL REFERENCES enum_warning_status(name),
  note        text NOT NULL,
  rowid       bigint GENERATED ALWAYS AS (id) STORED,
  CHECK ((by IS NULL) <> (run IS NULL))
);
CREATE INDEX warning_events_warning ON warning_events(warning, id);

CREATE TABLE approvals (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  point       text NOT NULL REFERENCES points(code),
  tier        text NOT NULL REFERENCES enum_tier(name),
  previous    text REFERENCES enum_tier(name),
  run         bigint REFERENCES runs(id),
  computed    text REFERENCES enum_tier(name),
  approved_on text NOT NULL CHECK (rg_is_date(approved_on)),
  by          text NOT NULL REFERENCES persons(code),
  note        text NOT NULL CHECK (note <> ''),
  rowid       bigint GENERATED ALWAYS AS (id) STORED
);
CREATE INDEX approvals_point ON approvals(point, id);

-- flags with 002's cleared_by.
CREATE TABLE flags (
  run        bigint NOT NULL REFERENCES runs(id),
  point      text NOT NULL REFERENCES points(code),
  code       text NOT NULL CHECK (code <> ''),
  label      text NOT NULL,
  evidence   text NOT NULL,
  cleared_by bigint REFERENCES approvals(id),
  rowid      bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  PRIMARY KEY (run, point, code)
);
CREATE INDEX flags_point ON flags(point, run);

-- audit's key is seq, an INTEGER PRIMARY KEY: it is the table's rowid in SQLite.
CREATE TABLE audit (
  seq     bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at      text NOT NULL,
  actor   text NOT NULL,
  action  text NOT NULL,
  subject text NOT NULL,
  detail  text NOT NULL,
  prev    text NOT NULL,
  hash    text NOT NULL,
  rowid   bigint GENERATED ALWAYS AS (seq) STORED
);

-- WITHOUT ROWID in SQLite: no rowid column.
CREATE TABLE run_scopes (
  run    bigint NOT NULL REFERENCES runs(id),
  agency text NOT NULL REFERENCES agencies(code),
  PRIMARY KEY (run, agency)
);
CREATE INDEX run_scopes_agency ON run_scopes(agency, run);

CREATE TABLE coverage (
  point  text NOT NULL REFERENCES points(code),
  run    bigint NOT NULL REFERENCES runs(id),
  agency text REFERENCES agencies(code),
  PRIMARY KEY (point, run)
);

-- ---------------------------------------------------------------------------------------
-- Declared facts (007)
-- ---------------------------------------------------------------------------------------

CREATE TABLE enum_fact_type (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_fact_type VALUES
  ('整数', 1), ('数值', 2), ('文本', 3), ('日期', 4), ('是否', 5), ('枚举', 6);

CREATE TABLE enum_fact_sheet (
  name  text PRIMARY KEY,
  ord   bigint NOT NULL UNIQUE,
  tbl   text NOT NULL UNIQUE,
  store text NOT NULL UNIQUE,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
INSERT INTO enum_fact_sheet VALUES
  ('风险点', 1, 'points', 'point_facts'), ('职权', 2, 'powers', 'power_facts'),
  ('岗位', 3, 'posts', 'post_facts');

-- name: a PostgreSQL name has at most 63 bytes, so the CHECK on name has the first 63
-- bytes of SQLite's name; the comment on the constraint (below) holds the whole of it,
-- for the message that names the field.  SQLite's `name GLOB '[A-Za-z_]*' AND name NOT GLOB '*[^A-Za-z0-9_]*'` is one
-- regular expression.  min, max: SQLite's `x = CAST(x AS INTEGER)` is true for a whole
-- number within the range of a 64-bit integer (CAST saturates beyond it), hence the
-- bounds.
CREATE TABLE fact_definitions (
  name       text PRIMARY KEY
             CONSTRAINT "name: a name of letters, digits and _ that does not start with "
             CHECK (name ~ '^[A-Za-z_][A-Za-z0-9_]*$' AND length(name) <= 64),
  label      text NOT NULL
             CONSTRAINT "label: a non-empty label (the column's header)" CHECK (label <> ''),
  belongs_to text NOT NULL REFERENCES enum_fact_sheet(name),
  type       text NOT NULL REFERENCES enum_fact_type(name),
  min        double precision
             CONSTRAINT "min: empty unless the type is 整数 or 数值"
             CHECK (min IS NULL OR type IN ('整数', '数值')),
  max        double precision
             CONSTRAINT "max: empty unless the type is 整数 or 数值"
             CHECK (max IS NULL OR type IN ('整数', '数值')),
  choices    text
             CONSTRAINT "choices: empty unless the type is 枚举"
             CHECK (choices IS NULL OR type = '枚举'),
  note       text,
  rowid      bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  CONSTRAINT "max: a number not below min" CHECK (min IS NULL OR max IS NULL OR max >= min),
  CONSTRAINT "min: a whole number for a 整数"
    CHECK (type <> '整数' OR min IS NULL
           OR (min = trunc(min) AND min >= -9223372036854775808 AND min < 9223372036854775808)),
  CONSTRAINT "max: a whole number for a 整数"
    CHECK (type <> '整数' OR max IS NULL
           OR (max = trunc(max) AND max >= -9223372036854775808 AND max < 9223372036854775808)),
  CONSTRAINT "choices: the values of an 枚举, separated by 、"
    CHECK (type <> '枚举' OR (choices IS NOT NULL AND choices <> ''))
);
COMMENT ON CONSTRAINT "name: a name of letters, digits and _ that does not start with " ON fact_definitions
  IS 'name: a name of letters, digits and _ that does not start with a digit (packs read it as p.facts.NAME)';
CREATE UNIQUE INDEX fact_definitions_label ON fact_definitions (belongs_to, label);

-- value: ANY in SQLite (an INTEGER, REAL or TEXT as the definition's type says); text
-- here, written as SQLite would print it, and read as the definition's type says.
CREATE TABLE point_facts (
  point text NOT NULL REFERENCES points(code),
  fact  text NOT NULL REFERENCES fact_definitions(name),
  value text NOT NULL,
  PRIMARY KEY (point, fact)
);
CREATE INDEX point_facts_fact ON point_facts (fact);

CREATE TABLE power_facts (
  power text NOT NULL REFERENCES powers(code),
  fact  text NOT NULL REFERENCES fact_definitions(name),
  value text NOT NULL,
  PRIMARY KEY (power, fact)
);
CREATE INDEX power_facts_fact ON power_facts (fact);

CREATE TABLE post_facts (
  post  text NOT NULL REFERENCES posts(code),
  fact  text NOT NULL REFERENCES fact_definitions(name),
  value text NOT NULL,
  PRIMARY KEY (post, fact)
);
CREATE INDEX post_facts_fact ON post_facts (fact);

-- ---------------------------------------------------------------------------------------
-- Column labels (001, 002, 007, in that order)
-- ---------------------------------------------------------------------------------------

CREATE TABLE labels (
  tbl   text NOT NULL,
  col   text NOT NULL,
  label text NOT NULL,
  rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  PRIMARY KEY (tbl, col),
  UNIQUE (tbl, label)
);
INSERT INTO labels VALUES
  ('agencies', 'code', '单位代码'), ('agencies', 'name', '单位名称'),
  ('agencies', 'parent', '上级单位'),
  ('departments', 'code', '科室代码'), ('departments', 'agency', '单位代码'),
  ('departments', 'name', '科室名称'),
  ('posts', 'code', '岗位代码'), ('posts', 'agency', '单位代码'),
  ('posts', 'department', '科室代码'), ('posts', 'name', '岗位名称'),
  ('posts', 'duties', '岗位职责'),
  ('persons', 'code', '人员代码'), ('persons', 'name', '姓名'),
  ('persons', 'agency', '单位代码'), ('persons', 'department', '科室代码'),
  ('persons', 'post', '岗位代码'), ('persons', 'role', '职务角色'),
  ('oversight', 'person', '分管领导'), ('oversight', 'department', '分管科室'),
  ('powers', 'code', '职权编码'), ('powers', 'agency', '单位代码'),
  ('powers', 'name', '职权名称'), ('powers', 'kind', '职权类别'),
  ('powers', 'content', '职权内容'), ('powers', 'legal_basis', '法律依据'),
  ('powers', 'department', '行使科室'), ('powers', 'post', '行使岗位'),
  ('powers', 'major', '三重一大'), ('powers', 'funds', '涉及资金(万元)'),
  ('points', 'code', '风险点编号'), ('points', 'agency', '单位代码'),
  ('points', 'level', '层级'), ('points', 'category', '风险类别'),
  ('points', 'risk_type', '风险类型'), ('points', 'consequence', '可能后果'),
  ('points', 'manifestation', '表现形式'), ('points', 'power', '职权编码'),
  ('points', 'department', '科室代码'), ('points', 'post', '岗位代码'),
  ('points', 'approved_tier', '审定等级'), ('points', 'approved_on', '审定日期'),
  ('points', 'last_graded', '上次评定日期'),
  ('ratings', 'point', '风险点编号'), ('ratings', 'source', '评议主体'),
  ('ratings', 'factor', '评定因素'), ('ratings', 'value', '分值'),
  ('ratings', 'rated_on', '评议日期'),
  ('measures', 'point', '风险点编号'), ('measures', 'text', '防控措施'),
  ('measures', 'responsible', '责任人'), ('measures', 'due', '完成时限'),
  ('measures', 'status', '落实情况'),
  ('signals', 'source', '信息来源'), ('signals', 'point', '风险点编号'),
  ('signals', 'post', '岗位代码'), ('signals', 'received_on', '收到日期'),
  ('signals', 'severity', '严重程度'), ('signals', 'substantiated', '是否属实'),
  ('signals', 'text', '内容摘要'), ('signals', 'complainant', '举报人'),
  ('changes', 'kind', '变更类别'), ('changes', 'power', '职权编码'),
  ('changes', 'post', '岗位代码'), ('changes', 'changed_on', '变更日期'),
  ('changes', 'text', '变更内容');
INSERT INTO labels VALUES
  ('warnings', 'id', '预警编号'), ('warnings', 'point', '风险点编号'),
  ('warnings', 'reason', '预警事由'), ('warnings', 'disposition', '处置方式'),
  ('warnings', 'responsible', '责任人'), ('warnings', 'due', '完成时限'),
  ('warnings', 'status', '状态'), ('warnings', 'text', '处置要求'),
  ('approvals', 'point', '风险点编号'), ('approvals', 'tier', '审定等级'),
  ('approvals', 'approved_on', '审定日期'), ('approvals', 'by', '审定人'),
  ('approvals', 'note', '审定意见');
INSERT INTO labels VALUES
  ('fact_definitions', 'name', '事实名称'), ('fact_definitions', 'label', '中文名称'),
  ('fact_definitions', 'belongs_to', '所属'), ('fact_definitions', 'type', '类型'),
  ('fact_definitions', 'min', '最小值'), ('fact_definitions', 'max', '最大值'),
  ('fact_definitions', 'choices', '可选值'), ('fact_definitions', 'note', '说明');

-- ---------------------------------------------------------------------------------------
-- The views of the results of every run (007's forms; see ../README.md)
-- ---------------------------------------------------------------------------------------

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

-- value: SQLite's json_each gives a JSON number as an INTEGER or a REAL; one column has
-- one type here, double precision (15 reads as 15.0).
CREATE VIEW run_factors AS
SELECT g.run, g.point, f.key AS name, (f.value #>> '{}')::double precision AS value
FROM run_grades g CROSS JOIN LATERAL json_each(g.method_factors::json) f;

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

-- traced is a bigint 0/1: `r.traced <> 0` for SQLite's `r.traced`.
CREATE VIEW run_traces AS
SELECT g.run, t.point, t.seq, t.reason, t.source
FROM run_grades g JOIN runs r ON r.id = g.run
JOIN traces t ON t.run = g.version AND t.point = g.point
WHERE r.traced <> 0 OR g.version = g.run;

-- SQLite's scalar max(a, b) is greatest(a, b) (neither is NULL here).
CREATE VIEW point_latest AS
SELECT v.point,
       greatest(v.version, coalesce(
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
