-- 001_method.sql: the whole 廉政风险防控 method as tables (see ../shared/DOMAIN.md).
--
-- Conventions the engine relies on:
--   * Entities the agency maintains (agencies, posts, powers, risk points, ...) are keyed by
--     the agency's own code (TEXT PRIMARY KEY), so spreadsheets can reference each other
--     by code and a re-import can match rows.
--   * Every enumeration is a small lookup table named enum_* and referenced by a foreign
--     key: the schema is the one place that lists the allowed values, and the importer
--     reads them from here to say what was expected.
--   * A CHECK constraint is named "column: what was expected"; the importer turns SQLite's
--     "CHECK constraint failed: NAME" into a message naming the field.
--   * Dates are TEXT 'YYYY-MM-DD' (ISO 8601), checked with date().
--   * Tables written only by the engine (runs, grades, flags, warnings, run_packs) are not
--     importable.

-- ---------------------------------------------------------------------------------------
-- Enumerations
-- ---------------------------------------------------------------------------------------

-- 风险点层级: the three levels at which risk points are found.
CREATE TABLE enum_level (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_level VALUES ('岗位', 1), ('科室', 2), ('单位', 3);

-- 风险类别: the five categories of risk.
CREATE TABLE enum_category (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_category VALUES
  ('思想道德', 1), ('岗位职责', 2), ('业务流程', 3), ('制度机制', 4), ('外部环境', 5);

-- 职权类别: kinds of power; scope says whether it is exercised towards the public (对外)
-- or inside the unit over people, money and assets (内部).  The last four are the
-- "三重一大" decisions.
CREATE TABLE enum_power_kind (
  name  TEXT PRIMARY KEY,
  ord   INTEGER NOT NULL UNIQUE,
  scope TEXT NOT NULL CONSTRAINT "scope: 对外 or 内部" CHECK (scope IN ('对外', '内部'))
) STRICT;
INSERT INTO enum_power_kind VALUES
  ('行政许可', 1, '对外'), ('行政审批', 2, '对外'), ('行政处罚', 3, '对外'),
  ('行政强制', 4, '对外'), ('行政征收', 5, '对外'), ('行政给付', 6, '对外'),
  ('监督检查', 7, '对外'), ('行政确认', 8, '对外'), ('其他', 9, '对外'),
  ('人事管理', 10, '内部'), ('财务管理', 11, '内部'), ('资产管理', 12, '内部'),
  ('采购管理', 13, '内部'),
  ('重大事项决策', 14, '内部'), ('重要人事任免', 15, '内部'),
  ('重大项目安排', 16, '内部'), ('大额资金使用', 17, '内部');

-- 风险类型: 廉政风险 (integrity risk), or 监管风险 (the risk of failing to supervise), which
-- some agencies (临沂工商, seed 003) grade beside it.
CREATE TABLE enum_risk_type (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_risk_type VALUES ('廉政风险', 1), ('监管风险', 2);

-- 可能后果: the likely consequence if the risk materialises, from the most to the least
-- severe; agencies that grade by consequence (临沂工商) use it.
CREATE TABLE enum_consequence (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_consequence VALUES ('追究刑事责任', 1), ('党纪政纪处分', 2), ('批评教育', 3);

-- 职务角色: who answers for risks (分级负责).
CREATE TABLE enum_role (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_role VALUES
  ('主要领导', 1), ('分管领导', 2), ('科室负责人', 3), ('工作人员', 4);

-- 评议主体: the sources of 四评一审 ratings.
CREATE TABLE enum_rating_source (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_rating_source VALUES
  ('岗位自评', 1), ('部室互评', 2), ('群众点评', 3), ('集体评议', 4), ('党组审核', 5);

-- 评定因素: the national grading factors (seed 001 §6).
CREATE TABLE enum_factor (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_factor VALUES
  ('权力重要程度', 1), ('自由裁量权', 2), ('发生概率', 3), ('危害程度', 4);

-- 风险等级: 一级 is the highest risk.
CREATE TABLE enum_tier (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_tier VALUES ('一级', 1), ('二级', 2), ('三级', 3);

-- 措施状态: where a control measure stands; 效果不佳 means it was found ineffective.
CREATE TABLE enum_measure_status (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_measure_status VALUES
  ('未启动', 1), ('落实中', 2), ('已落实', 3), ('效果不佳', 4);

-- 信息来源: where risk information comes from (seed 001 §12).
CREATE TABLE enum_signal_source (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_signal_source VALUES
  ('巡视', 1), ('审计', 2), ('干部考察', 3), ('述职述廉', 4), ('舆论监督', 5),
  ('电子监察', 6), ('效能监察', 7), ('执法监察', 8), ('纠风治理', 9), ('信访举报', 10),
  ('案件分析', 11);

-- 严重程度 of a signal.
CREATE TABLE enum_severity (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_severity VALUES ('一般', 1), ('较重', 2), ('严重', 3);

-- 变更类别: the changes that call for re-grading (seed 001 §13).
CREATE TABLE enum_change_kind (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_change_kind VALUES ('法律法规调整', 1), ('职责权限变更', 2);

-- 处置方式: warning dispositions, mild to severe.
CREATE TABLE enum_disposition (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_disposition VALUES ('风险提示', 1), ('诫勉谈话', 2), ('责令纠错', 3);

-- 预警状态: the life of a warning: issued, feedback received, released.
CREATE TABLE enum_warning_status (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_warning_status VALUES ('发布', 1), ('反馈', 2), ('解除', 3);

-- ---------------------------------------------------------------------------------------
-- The organisation
-- ---------------------------------------------------------------------------------------

-- 单位: agencies as a tree; a unit with no parent is a root.
CREATE TABLE agencies (
  code   TEXT PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  name   TEXT NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> ''),
  parent TEXT REFERENCES agencies(code)
         CONSTRAINT "parent: a unit other than itself" CHECK (parent IS NULL OR parent <> code)
) STRICT;
CREATE INDEX agencies_parent ON agencies(parent);

-- 科室/部室: departments of an agency.
CREATE TABLE departments (
  code   TEXT PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  agency TEXT NOT NULL REFERENCES agencies(code),
  name   TEXT NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> '')
) STRICT;

-- 岗位: posts (a person's job), in a department or directly under the agency.
CREATE TABLE posts (
  code       TEXT PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  agency     TEXT NOT NULL REFERENCES agencies(code),
  department TEXT REFERENCES departments(code),
  name       TEXT NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> ''),
  duties     TEXT                                  -- 岗位职责
) STRICT;
CREATE INDEX posts_department ON posts(department);

-- 人员: persons and the role that decides what they answer for.
CREATE TABLE persons (
  code       TEXT PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  name       TEXT NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> ''),
  agency     TEXT NOT NULL REFERENCES agencies(code),
  department TEXT REFERENCES departments(code),     -- own department (科室负责人, 工作人员)
  post       TEXT REFERENCES posts(code),
  role       TEXT NOT NULL REFERENCES enum_role(name)
) STRICT;
CREATE INDEX persons_agency_role ON persons(agency, role);
CREATE INDEX persons_department_role ON persons(department, role);

-- 分管: which leader in charge (分管领导) oversees which department.
CREATE TABLE oversight (
  person     TEXT NOT NULL REFERENCES persons(code),
  department TEXT NOT NULL REFERENCES departments(code),
  PRIMARY KEY (department, person)
) STRICT;

-- ---------------------------------------------------------------------------------------
-- 职权目录: the power catalogue
-- ---------------------------------------------------------------------------------------

-- A power, who exercises it (行使主体: post and/or department of the agency), its legal
-- basis (法律依据), whether it is a 三重一大 matter and the funds it disposes of (万元).
CREATE TABLE powers (
  code        TEXT PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  agency      TEXT NOT NULL REFERENCES agencies(code),
  name        TEXT NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> ''),
  kind        TEXT NOT NULL REFERENCES enum_power_kind(name),
  content     TEXT,                                 -- 职权内容
  legal_basis TEXT,                                 -- 法律依据
  department  TEXT REFERENCES departments(code),
  post        TEXT REFERENCES posts(code),
  major       INTEGER NOT NULL DEFAULT 0            -- 三重一大
              CONSTRAINT "major: 0 or 1 (是/否)" CHECK (major IN (0, 1)),
  funds       REAL NOT NULL DEFAULT 0               -- 涉及资金 (万元)
              CONSTRAINT "funds: an amount of 0 or more (万元)" CHECK (funds >= 0)
) STRICT;
CREATE INDEX powers_agency ON powers(agency);

-- ---------------------------------------------------------------------------------------
-- 风险点: risk points
-- ---------------------------------------------------------------------------------------

-- A risk point at one level, of one category, with its manifestation (表现形式).  A 岗位
-- point names its post; a 科室 point its department.  approved_tier/approved_on are the
-- collectively approved grade (集体审定); last_graded is when the point was last assessed.
CREATE TABLE points (
  code          TEXT PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  agency        TEXT NOT NULL REFERENCES agencies(code),
  level         TEXT NOT NULL REFERENCES enum_level(name),
  category      TEXT NOT NULL REFERENCES enum_category(name),
  risk_type     TEXT NOT NULL DEFAULT '廉政风险' REFERENCES enum_risk_type(name),
  consequence   TEXT REFERENCES enum_consequence(name),
  manifestation TEXT NOT NULL
                CONSTRAINT "manifestation: a non-empty text (表现形式)" CHECK (manifestation <> ''),
  power         TEXT REFERENCES powers(code),
  department    TEXT REFERENCES departments(code),
  post          TEXT REFERENCES posts(code),
  approved_tier TEXT REFERENCES enum_tier(name),
  approved_on   TEXT CONSTRAINT "approved_on: a date YYYY-MM-DD"
                CHECK (approved_on IS NULL OR date(approved_on) IS approved_on),
  last_graded   TEXT CONSTRAINT "last_graded: a date YYYY-MM-DD"
                CHECK (last_graded IS NULL OR date(last_graded) IS last_graded),
  CONSTRAINT "post: a post for a 岗位 point" CHECK (level <> '岗位' OR post IS NOT NULL),
  CONSTRAINT "department: a department for a 科室 point"
    CHECK (level <> '科室' OR department IS NOT NULL OR post IS NOT NULL),
  CONSTRAINT "approved_on: a date when approved_tier is given"
    CHECK (approved_tier IS NULL OR approved_on IS NOT NULL)
) STRICT;
CREATE INDEX points_agency ON points(agency);
CREATE INDEX points_power ON points(power);
CREATE INDEX points_post ON points(post);

-- 四评一审: a rating of one factor of a point by one source, 1 (lowest) to 5 (highest).
CREATE TABLE ratings (
  id       INTEGER PRIMARY KEY,
  point    TEXT NOT NULL REFERENCES points(code),
  source   TEXT NOT NULL REFERENCES enum_rating_source(name),
  factor   TEXT NOT NULL REFERENCES enum_factor(name),
  value    INTEGER NOT NULL CONSTRAINT "value: 1-5" CHECK (value BETWEEN 1 AND 5),
  rated_on TEXT NOT NULL CONSTRAINT "rated_on: a date YYYY-MM-DD" CHECK (date(rated_on) IS rated_on)
) STRICT;
CREATE INDEX ratings_point ON ratings(point);

-- 廉政风险防控措施台账: the ledger of control measures.
CREATE TABLE measures (
  id          INTEGER PRIMARY KEY,
  point       TEXT NOT NULL REFERENCES points(code),
  text        TEXT NOT NULL CONSTRAINT "text: a non-empty text" CHECK (text <> ''),
  responsible TEXT REFERENCES persons(code),
  due         TEXT CONSTRAINT "due: a date YYYY-MM-DD" CHECK (due IS NULL OR date(due) IS due),
  status      TEXT NOT NULL DEFAULT '未启动' REFERENCES enum_measure_status(name)
) STRICT;
CREATE INDEX measures_point ON measures(point);

-- 风险信息: a signal from inspection, audit, complaints, cases..., about a point or a post.
-- complainant is the identity of whoever filed a 信访举报; it is confidential and never
-- shown in any output.
CREATE TABLE signals (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL REFERENCES enum_signal_source(name),
  point         TEXT REFERENCES points(code),
  post          TEXT REFERENCES posts(code),
  received_on   TEXT NOT NULL
                CONSTRAINT "received_on: a date YYYY-MM-DD" CHECK (date(received_on) IS received_on),
  severity      TEXT NOT NULL DEFAULT '一般' REFERENCES enum_severity(name),
  substantiated INTEGER NOT NULL DEFAULT 0            -- 是否属实
                CONSTRAINT "substantiated: 0 or 1 (是/否)" CHECK (substantiated IN (0, 1)),
  text          TEXT NOT NULL CONSTRAINT "text: a non-empty text" CHECK (text <> ''),
  complainant   TEXT,
  CONSTRAINT "point: a point or a post" CHECK (point IS NOT NULL OR post IS NOT NULL)
) STRICT;
CREATE INDEX signals_point ON signals(point);
CREATE INDEX signals_post ON signals(post);

-- 变更: a change of legal basis (法律法规调整, of one power) or of duties and authority
-- (职责权限变更, of one post).  A change names exactly the one thing it changed, so a
-- point is reached by a law change only through its power, by a duty change only through
-- its post.
CREATE TABLE changes (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL REFERENCES enum_change_kind(name),
  power      TEXT REFERENCES powers(code),
  post       TEXT REFERENCES posts(code),
  changed_on TEXT NOT NULL
             CONSTRAINT "changed_on: a date YYYY-MM-DD" CHECK (date(changed_on) IS changed_on),
  text       TEXT NOT NULL CONSTRAINT "text: a non-empty text" CHECK (text <> ''),
  CONSTRAINT "power: a power for a 法律法规调整, and only for it"
    CHECK ((kind = '法律法规调整') = (power IS NOT NULL)),
  CONSTRAINT "post: a post for a 职责权限变更, and only for it"
    CHECK ((kind = '职责权限变更') = (post IS NOT NULL))
) STRICT;
CREATE INDEX changes_power ON changes(power);
CREATE INDEX changes_post ON changes(post);

-- ---------------------------------------------------------------------------------------
-- Written by the engine: runs and their results
-- ---------------------------------------------------------------------------------------

-- A batch grading run: what was graded, as of when, by which engine and pack.
CREATE TABLE runs (
  id             INTEGER PRIMARY KEY,
  as_of          TEXT NOT NULL CHECK (date(as_of) IS as_of),
  scope          TEXT REFERENCES agencies(code),    -- NULL: every agency
  traced         INTEGER NOT NULL DEFAULT 0,        -- made with grade --trace
  engine_version TEXT NOT NULL,
  rules_dir      TEXT NOT NULL,
  points         INTEGER NOT NULL,
  tier1          INTEGER NOT NULL,
  tier2          INTEGER NOT NULL,
  tier3          INTEGER NOT NULL,
  flags          INTEGER NOT NULL,
  warnings       INTEGER NOT NULL
) STRICT;

-- Every rule pack a run loaded: its name ("default" or an agency code), file, the pack
-- it inherits from, and the SHA-256 of its content.
CREATE TABLE run_packs (
  run    INTEGER NOT NULL REFERENCES runs(id),
  pack   TEXT NOT NULL,
  path   TEXT NOT NULL,
  parent TEXT,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (run, pack)
) STRICT;

-- The grade of one point in one run: the four factors, the score, the tier and the
-- reasons (one per line) the pack gave.
CREATE TABLE grades (
  run        INTEGER NOT NULL REFERENCES runs(id),
  point      TEXT NOT NULL REFERENCES points(code),
  pack       TEXT NOT NULL,                        -- the pack's name (see run_packs)
  importance INTEGER NOT NULL CHECK (importance BETWEEN 1 AND 5),
  discretion INTEGER NOT NULL CHECK (discretion BETWEEN 1 AND 5),
  likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  harm       INTEGER NOT NULL CHECK (harm BETWEEN 1 AND 5),
  score      REAL NOT NULL,
  tier       TEXT NOT NULL REFERENCES enum_tier(name),
  reasons    TEXT NOT NULL,
  PRIMARY KEY (point, run)
) STRICT;

-- Where each reason of a grade came from (the pack's file:line), for runs made with
-- grade --trace; seq is the reason's place in grades.reasons (1-based).
CREATE TABLE traces (
  run    INTEGER NOT NULL REFERENCES runs(id),
  point  TEXT NOT NULL REFERENCES points(code),
  seq    INTEGER NOT NULL,
  reason TEXT NOT NULL,
  source TEXT,
  PRIMARY KEY (run, point, seq)
) STRICT;

-- A re-grading flag: a reason code of the pack's, its label, and the evidence.
CREATE TABLE flags (
  run      INTEGER NOT NULL REFERENCES runs(id),
  point    TEXT NOT NULL REFERENCES points(code),
  code     TEXT NOT NULL CHECK (code <> ''),
  label    TEXT NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (run, point, code)
) STRICT;
CREATE INDEX flags_point ON flags(point, run);

-- 预警: a warning the pack proposed: what, the disposition, who must act and by when.
CREATE TABLE warnings (
  id          INTEGER PRIMARY KEY,
  run         INTEGER NOT NULL REFERENCES runs(id),
  point       TEXT NOT NULL REFERENCES points(code),
  reason      TEXT NOT NULL CHECK (reason <> ''),
  disposition TEXT NOT NULL REFERENCES enum_disposition(name),
  responsible TEXT REFERENCES persons(code),
  due         TEXT NOT NULL CHECK (date(due) IS due),
  status      TEXT NOT NULL DEFAULT '发布' REFERENCES enum_warning_status(name),
  text        TEXT NOT NULL
) STRICT;
CREATE INDEX warnings_run ON warnings(run);
CREATE INDEX warnings_point ON warnings(point);

-- ---------------------------------------------------------------------------------------
-- Column labels: the users' Chinese terms for every importable column.  The importer
-- accepts either the column name or its label as a CSV header; reports print the label.
-- ---------------------------------------------------------------------------------------
CREATE TABLE labels (
  tbl   TEXT NOT NULL,
  col   TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (tbl, col),
  UNIQUE (tbl, label)
) STRICT;
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
