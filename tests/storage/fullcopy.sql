PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE enum_level (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_level VALUES('岗位',1);
INSERT INTO enum_level VALUES('科室',2);
INSERT INTO enum_level VALUES('单位',3);
CREATE TABLE enum_category (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_category VALUES('思想道德',1);
INSERT INTO enum_category VALUES('岗位职责',2);
INSERT INTO enum_category VALUES('业务流程',3);
INSERT INTO enum_category VALUES('制度机制',4);
INSERT INTO enum_category VALUES('外部环境',5);
CREATE TABLE enum_power_kind (
  name  TEXT PRIMARY KEY,
  ord   INTEGER NOT NULL UNIQUE,
  scope TEXT NOT NULL CONSTRAINT "scope: 对外 or 内部" CHECK (scope IN ('对外', '内部'))
) STRICT;
INSERT INTO enum_power_kind VALUES('行政许可',1,'对外');
INSERT INTO enum_power_kind VALUES('行政审批',2,'对外');
INSERT INTO enum_power_kind VALUES('行政处罚',3,'对外');
INSERT INTO enum_power_kind VALUES('行政强制',4,'对外');
INSERT INTO enum_power_kind VALUES('行政征收',5,'对外');
INSERT INTO enum_power_kind VALUES('行政给付',6,'对外');
INSERT INTO enum_power_kind VALUES('监督检查',7,'对外');
INSERT INTO enum_power_kind VALUES('行政确认',8,'对外');
INSERT INTO enum_power_kind VALUES('其他',9,'对外');
INSERT INTO enum_power_kind VALUES('人事管理',10,'内部');
INSERT INTO enum_power_kind VALUES('财务管理',11,'内部');
INSERT INTO enum_power_kind VALUES('资产管理',12,'内部');
INSERT INTO enum_power_kind VALUES('采购管理',13,'内部');
INSERT INTO enum_power_kind VALUES('重大事项决策',14,'内部');
INSERT INTO enum_power_kind VALUES('重要人事任免',15,'内部');
INSERT INTO enum_power_kind VALUES('重大项目安排',16,'内部');
INSERT INTO enum_power_kind VALUES('大额资金使用',17,'内部');
CREATE TABLE enum_risk_type (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_risk_type VALUES('廉政风险',1);
INSERT INTO enum_risk_type VALUES('监管风险',2);
CREATE TABLE enum_consequence (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_consequence VALUES('追究刑事责任',1);
INSERT INTO enum_consequence VALUES('党纪政纪处分',2);
INSERT INTO enum_consequence VALUES('批评教育',3);
CREATE TABLE enum_role (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_role VALUES('主要领导',1);
INSERT INTO enum_role VALUES('分管领导',2);
INSERT INTO enum_role VALUES('科室负责人',3);
INSERT INTO enum_role VALUES('工作人员',4);
CREATE TABLE enum_rating_source (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_rating_source VALUES('岗位自评',1);
INSERT INTO enum_rating_source VALUES('部室互评',2);
INSERT INTO enum_rating_source VALUES('群众点评',3);
INSERT INTO enum_rating_source VALUES('集体评议',4);
INSERT INTO enum_rating_source VALUES('党组审核',5);
CREATE TABLE enum_factor (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_factor VALUES('权力重要程度',1);
INSERT INTO enum_factor VALUES('自由裁量权',2);
INSERT INTO enum_factor VALUES('发生概率',3);
INSERT INTO enum_factor VALUES('危害程度',4);
CREATE TABLE enum_tier (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_tier VALUES('一级',1);
INSERT INTO enum_tier VALUES('二级',2);
INSERT INTO enum_tier VALUES('三级',3);
CREATE TABLE enum_measure_status (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_measure_status VALUES('未启动',1);
INSERT INTO enum_measure_status VALUES('落实中',2);
INSERT INTO enum_measure_status VALUES('已落实',3);
INSERT INTO enum_measure_status VALUES('效果不佳',4);
CREATE TABLE enum_signal_source (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_signal_source VALUES('巡视',1);
INSERT INTO enum_signal_source VALUES('审计',2);
INSERT INTO enum_signal_source VALUES('干部考察',3);
INSERT INTO enum_signal_source VALUES('述职述廉',4);
INSERT INTO enum_signal_source VALUES('舆论监督',5);
INSERT INTO enum_signal_source VALUES('电子监察',6);
INSERT INTO enum_signal_source VALUES('效能监察',7);
INSERT INTO enum_signal_source VALUES('执法监察',8);
INSERT INTO enum_signal_source VALUES('纠风治理',9);
INSERT INTO enum_signal_source VALUES('信访举报',10);
INSERT INTO enum_signal_source VALUES('案件分析',11);
CREATE TABLE enum_severity (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_severity VALUES('一般',1);
INSERT INTO enum_severity VALUES('较重',2);
INSERT INTO enum_severity VALUES('严重',3);
CREATE TABLE enum_change_kind (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_change_kind VALUES('法律法规调整',1);
INSERT INTO enum_change_kind VALUES('职责权限变更',2);
CREATE TABLE enum_disposition (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_disposition VALUES('风险提示',1);
INSERT INTO enum_disposition VALUES('诫勉谈话',2);
INSERT INTO enum_disposition VALUES('责令纠错',3);
CREATE TABLE enum_warning_status (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_warning_status VALUES('发布',10);
INSERT INTO enum_warning_status VALUES('反馈',20);
INSERT INTO enum_warning_status VALUES('解除',30);
INSERT INTO enum_warning_status VALUES('签收',15);
CREATE TABLE agencies (
  code   TEXT PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  name   TEXT NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> ''),
  parent TEXT REFERENCES agencies(code)
         CONSTRAINT "parent: a unit other than itself" CHECK (parent IS NULL OR parent <> code)
) STRICT;
INSERT INTO agencies VALUES('T','测试区司法局',NULL);
INSERT INTO agencies VALUES('T-1','测试司法所','T');
CREATE TABLE departments (
  code   TEXT PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  agency TEXT NOT NULL REFERENCES agencies(code),
  name   TEXT NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> '')
) STRICT;
INSERT INTO departments VALUES('T-LS','T','律师公证管理科');
INSERT INTO departments VALUES('T-CW','T','财务室');
INSERT INTO departments VALUES('T-1-ZH','T-1','综合组');
CREATE TABLE posts (
  code       TEXT PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  agency     TEXT NOT NULL REFERENCES agencies(code),
  department TEXT REFERENCES departments(code),
  name       TEXT NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> ''),
  duties     TEXT                                  -- 岗位职责
) STRICT;
INSERT INTO posts VALUES('T-LS-01','T','T-LS','律师管理岗','律师执业监督检查');
INSERT INTO posts VALUES('T-CW-01','T','T-CW','会计岗','经费报销审核');
INSERT INTO posts VALUES('T-1-01','T-1','T-1-ZH','人民调解岗','人民调解');
CREATE TABLE persons (
  code       TEXT PRIMARY KEY CONSTRAINT "code: a non-empty code" CHECK (code <> ''),
  name       TEXT NOT NULL CONSTRAINT "name: a non-empty name" CHECK (name <> ''),
  agency     TEXT NOT NULL REFERENCES agencies(code),
  department TEXT REFERENCES departments(code),     -- own department (科室负责人, 工作人员)
  post       TEXT REFERENCES posts(code),
  role       TEXT NOT NULL REFERENCES enum_role(name)
) STRICT;
INSERT INTO persons VALUES('P1','张局长','T',NULL,NULL,'主要领导');
INSERT INTO persons VALUES('P2','李副局长','T',NULL,NULL,'分管领导');
INSERT INTO persons VALUES('P3','王科长','T','T-LS',NULL,'科室负责人');
INSERT INTO persons VALUES('P4','赵主任','T','T-CW',NULL,'科室负责人');
INSERT INTO persons VALUES('P5','刘所长','T-1',NULL,NULL,'主要领导');
INSERT INTO persons VALUES('P6','陈干事','T','T-LS','T-LS-01','工作人员');
CREATE TABLE oversight (
  person     TEXT NOT NULL REFERENCES persons(code),
  department TEXT NOT NULL REFERENCES departments(code),
  PRIMARY KEY (department, person)
) STRICT;
INSERT INTO oversight VALUES('P2','T-LS');
INSERT INTO oversight VALUES('P2','T-CW');
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
INSERT INTO powers VALUES('Q1','T','对律师事务所的行政处罚','行政处罚','警告、罚款、停业整顿','《律师法》第五十条','T-LS','T-LS-01',0,0.0);
INSERT INTO powers VALUES('Q2','T','大额经费支出审批','大额资金使用','50万元以上经费支出','《预算法》','T-CW',NULL,1,800.0);
INSERT INTO powers VALUES('Q3','T-1','人民调解协议确认','行政确认',NULL,'《人民调解法》','T-1-ZH','T-1-01',0,0.0);
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
INSERT INTO points VALUES('A1','T','岗位','业务流程','廉政风险',NULL,'处罚畸轻畸重，选择性执法','Q1',NULL,'T-LS-01','一级','2026-12-04','2026-12-04');
INSERT INTO points VALUES('A2','T','单位','制度机制','廉政风险',NULL,'大额资金使用未经集体研究','Q2',NULL,NULL,'一级','2025-01-10','2025-01-10');
INSERT INTO points VALUES('A3','T','岗位','思想道德','廉政风险',NULL,'接受管理对象宴请',NULL,NULL,'T-LS-01','一级','2026-03-01','2026-03-01');
INSERT INTO points VALUES('A4','T','科室','岗位职责','廉政风险',NULL,'报销审核把关不严',NULL,'T-CW',NULL,NULL,NULL,NULL);
INSERT INTO points VALUES('A5','T-1','岗位','外部环境','廉政风险',NULL,'调解中收受当事人礼金','Q3',NULL,'T-1-01','二级','2026-12-02','2026-12-02');
INSERT INTO points VALUES('A6','T','岗位','业务流程','廉政风险',NULL,'报销凭证审核不严',NULL,NULL,'T-CW-01','三级','2025-12-01','2025-12-01');
INSERT INTO points VALUES('A7','T','岗位','岗位职责','廉政风险',NULL,'对律师执业活动监督检查走过场',NULL,NULL,'T-LS-01','一级','2026-12-02','2025-12-20');
CREATE TABLE ratings (
  id       INTEGER PRIMARY KEY,
  point    TEXT NOT NULL REFERENCES points(code),
  source   TEXT NOT NULL REFERENCES enum_rating_source(name),
  factor   TEXT NOT NULL REFERENCES enum_factor(name),
  value    INTEGER NOT NULL CONSTRAINT "value: 1-5" CHECK (value BETWEEN 1 AND 5),
  rated_on TEXT NOT NULL CONSTRAINT "rated_on: a date YYYY-MM-DD" CHECK (date(rated_on) IS rated_on)
) STRICT;
INSERT INTO ratings VALUES(1,'A1','岗位自评','发生概率',1,'2026-05-01');
INSERT INTO ratings VALUES(2,'A1','党组审核','发生概率',3,'2026-05-20');
INSERT INTO ratings VALUES(3,'A4','群众点评','危害程度',5,'2026-04-01');
INSERT INTO ratings VALUES(4,'A4','部室互评','危害程度',4,'2026-04-01');
INSERT INTO ratings VALUES(5,'A4','集体评议','危害程度',4,'2026-04-02');
INSERT INTO ratings VALUES(6,'A4','岗位自评','权力重要程度',1,'2026-04-01');
INSERT INTO ratings VALUES(7,'A4','群众点评','危害程度',1,'2027-01-01');
CREATE TABLE measures (
  id          INTEGER PRIMARY KEY,
  point       TEXT NOT NULL REFERENCES points(code),
  text        TEXT NOT NULL CONSTRAINT "text: a non-empty text" CHECK (text <> ''),
  responsible TEXT REFERENCES persons(code),
  due         TEXT CONSTRAINT "due: a date YYYY-MM-DD" CHECK (due IS NULL OR date(due) IS due),
  status      TEXT NOT NULL DEFAULT '未启动' REFERENCES enum_measure_status(name)
) STRICT;
INSERT INTO measures VALUES(1,'A1','处罚决定集体讨论','P3','2026-06-30','已落实');
INSERT INTO measures VALUES(2,'A2','大额支出一律上会研究','P4','2026-10-01','落实中');
INSERT INTO measures VALUES(3,'A5','调解回避制度','P5','2026-09-30','效果不佳');
INSERT INTO measures VALUES(4,'A6','报销双人复核','P4','2027-01-31','落实中');
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
INSERT INTO signals VALUES(1,'审计','A1',NULL,'2026-09-10','较重',1,'处罚裁量明显偏轻',NULL);
INSERT INTO signals VALUES(2,'信访举报',NULL,'T-LS-01','2026-03-01','一般',1,'反映律师管理岗接受吃请','匿名群众甲');
INSERT INTO signals VALUES(3,'信访举报','A5',NULL,'2026-08-01','严重',1,'调解员收受当事人礼金','举报人张某');
INSERT INTO signals VALUES(4,'舆论监督','A5',NULL,'2026-10-01','一般',0,'网帖反映调解不公',NULL);
INSERT INTO signals VALUES(5,'巡视',NULL,'T-CW-01','2026-12-15','严重',1,'巡视发现报销问题',NULL);
INSERT INTO signals VALUES(6,'巡视','A3',NULL,'2026-11-20','严重',1,'巡视发现接受宴请',NULL);
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
INSERT INTO changes VALUES(1,'法律法规调整','Q2',NULL,'2025-06-01','《预算法实施条例》修订施行');
INSERT INTO changes VALUES(2,'职责权限变更',NULL,'T-CW-01','2025-11-01','财务室岗位职责调整');
INSERT INTO changes VALUES(3,'职责权限变更',NULL,'T-LS-01','2026-04-01','律师管理岗增加公证监督职责');
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
, created_at TEXT, actor TEXT, warnings_new INTEGER NOT NULL DEFAULT 0, warnings_escalated INTEGER NOT NULL DEFAULT 0) STRICT;
INSERT INTO runs VALUES(1,'2026-12-01',NULL,0,'0.1.0','rules',7,2,2,3,16,7,'2026-12-01T09:00:00Z','tester',7,0);
INSERT INTO runs VALUES(2,'2026-12-01','T-1',0,'0.1.0','rules',1,0,1,0,3,3,'2026-12-01T09:10:00Z','tester',0,0);
INSERT INTO runs VALUES(3,'2026-12-01',NULL,0,'0.1.0','rules',7,2,2,3,16,7,'2026-12-01T09:20:00Z','tester',0,0);
INSERT INTO runs VALUES(4,'2026-12-02',NULL,1,'0.1.0','rules',7,2,3,2,17,8,'2026-12-02T09:00:00Z','tester',1,0);
INSERT INTO runs VALUES(5,'2026-12-02','T-1',0,'0.1.0','rules',2,0,1,1,1,1,'2026-12-03T09:00:00Z','tester',0,0);
INSERT INTO runs VALUES(6,'2026-12-02',NULL,1,'0.1.0','rules',7,2,3,2,16,6,'2026-12-03T09:10:00Z','tester',0,0);
INSERT INTO runs VALUES(7,'2026-12-02','T-1',0,'0.1.0','rules',1,0,1,0,1,1,'2026-12-03T09:20:00Z','tester',0,0);
INSERT INTO runs VALUES(8,'2026-12-02',NULL,0,'0.1.0','rules',7,2,3,2,16,6,'2026-12-04T09:00:00Z','tester',0,0);
INSERT INTO runs VALUES(9,'2026-12-02',NULL,1,'0.1.0','rules',7,2,3,2,14,4,'2026-12-05T09:00:00Z','tester',0,0);
INSERT INTO runs VALUES(10,'2026-12-02',NULL,1,'0.1.0','rules',7,2,3,2,14,4,'2026-12-05T09:10:00Z','tester',0,0);
CREATE TABLE run_packs (
  run    INTEGER NOT NULL REFERENCES runs(id),
  pack   TEXT NOT NULL,
  path   TEXT NOT NULL,
  parent TEXT,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (run, pack)
) STRICT;
INSERT INTO run_packs VALUES(1,'default','rules/default.lua',NULL,'b9338c92006cd174f2fb8a13f7ad66cdd1fe1ab2ef2598363f69d904c4f7269d');
INSERT INTO run_packs VALUES(2,'default','rules/default.lua',NULL,'b9338c92006cd174f2fb8a13f7ad66cdd1fe1ab2ef2598363f69d904c4f7269d');
INSERT INTO run_packs VALUES(3,'default','rules/default.lua',NULL,'b9338c92006cd174f2fb8a13f7ad66cdd1fe1ab2ef2598363f69d904c4f7269d');
INSERT INTO run_packs VALUES(4,'default','rules/default.lua',NULL,'b9338c92006cd174f2fb8a13f7ad66cdd1fe1ab2ef2598363f69d904c4f7269d');
INSERT INTO run_packs VALUES(5,'default','rules/default.lua',NULL,'b9338c92006cd174f2fb8a13f7ad66cdd1fe1ab2ef2598363f69d904c4f7269d');
INSERT INTO run_packs VALUES(6,'default','rules/default.lua',NULL,'b9338c92006cd174f2fb8a13f7ad66cdd1fe1ab2ef2598363f69d904c4f7269d');
INSERT INTO run_packs VALUES(7,'default','rules/default.lua',NULL,'b9338c92006cd174f2fb8a13f7ad66cdd1fe1ab2ef2598363f69d904c4f7269d');
INSERT INTO run_packs VALUES(8,'default','rules/default.lua',NULL,'b9338c92006cd174f2fb8a13f7ad66cdd1fe1ab2ef2598363f69d904c4f7269d');
INSERT INTO run_packs VALUES(9,'default','rules/default.lua',NULL,'b9338c92006cd174f2fb8a13f7ad66cdd1fe1ab2ef2598363f69d904c4f7269d');
INSERT INTO run_packs VALUES(10,'default','rules/default.lua',NULL,'b9338c92006cd174f2fb8a13f7ad66cdd1fe1ab2ef2598363f69d904c4f7269d');
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
INSERT INTO grades VALUES(1,'A1','default',4,5,4,2,36.0,'一级',replace('职权类别行政处罚，权力重要程度定为4\n权力重要程度取推定值4\n职权类别行政处罚，自由裁量权定为5\n自由裁量权取推定值5\n发生概率基准2\n近365天内属实风险信息2条，+2\n发生概率：推定4，四评一审加权平均10/4≈3，取4\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级','\n',char(10)));
INSERT INTO grades VALUES(1,'A2','default',5,4,3,5,44.0,'一级',replace('职权类别大额资金使用，权力重要程度定为5\n属三重一大事项，+1\n涉及资金800万元，不低于100万元，+1\n权力重要程度取推定值5\n职权类别大额资金使用，自由裁量权定为4\n自由裁量权取推定值4\n发生概率基准2\n防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1\n发生概率取推定值3\n单位层级，危害程度定为4\n涉及资金800万元，不低于500万元，+1\n危害程度取推定值5\n得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级','\n',char(10)));
INSERT INTO grades VALUES(1,'A3','default',2,2,3,2,22.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n发生概率取推定值3\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','\n',char(10)));
INSERT INTO grades VALUES(1,'A4','default',2,2,2,4,26.0,'二级',replace('无对应职权，按科室层级定为2\n权力重要程度：推定2，四评一审加权平均1/1≈1，取2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n科室层级，危害程度定为3\n危害程度：推定3，四评一审加权平均17/4≈4，取4\n得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级','\n',char(10)));
INSERT INTO grades VALUES(1,'A5','default',2,2,4,3,27.0,'二级',replace('职权类别行政确认，权力重要程度定为2\n权力重要程度取推定值2\n职权类别行政确认，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n防控措施效果不佳：调解回避制度，+1\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-08-01 信访举报），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(1,'A6','default',2,2,2,2,20.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级','\n',char(10)));
INSERT INTO grades VALUES(1,'A7','default',2,2,3,2,22.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n发生概率取推定值3\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','\n',char(10)));
INSERT INTO grades VALUES(2,'A5','default',2,2,4,3,27.0,'二级',replace('职权类别行政确认，权力重要程度定为2\n权力重要程度取推定值2\n职权类别行政确认，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n防控措施效果不佳：调解回避制度，+1\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-08-01 信访举报），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(3,'A1','default',4,5,4,2,36.0,'一级',replace('职权类别行政处罚，权力重要程度定为4\n权力重要程度取推定值4\n职权类别行政处罚，自由裁量权定为5\n自由裁量权取推定值5\n发生概率基准2\n近365天内属实风险信息2条，+2\n发生概率：推定4，四评一审加权平均10/4≈3，取4\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级','\n',char(10)));
INSERT INTO grades VALUES(3,'A2','default',5,4,3,5,44.0,'一级',replace('职权类别大额资金使用，权力重要程度定为5\n属三重一大事项，+1\n涉及资金800万元，不低于100万元，+1\n权力重要程度取推定值5\n职权类别大额资金使用，自由裁量权定为4\n自由裁量权取推定值4\n发生概率基准2\n防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1\n发生概率取推定值3\n单位层级，危害程度定为4\n涉及资金800万元，不低于500万元，+1\n危害程度取推定值5\n得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级','\n',char(10)));
INSERT INTO grades VALUES(3,'A3','default',2,2,3,2,22.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n发生概率取推定值3\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','\n',char(10)));
INSERT INTO grades VALUES(3,'A4','default',2,2,2,4,26.0,'二级',replace('无对应职权，按科室层级定为2\n权力重要程度：推定2，四评一审加权平均1/1≈1，取2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n科室层级，危害程度定为3\n危害程度：推定3，四评一审加权平均17/4≈4，取4\n得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级','\n',char(10)));
INSERT INTO grades VALUES(3,'A5','default',2,2,4,3,27.0,'二级',replace('职权类别行政确认，权力重要程度定为2\n权力重要程度取推定值2\n职权类别行政确认，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n防控措施效果不佳：调解回避制度，+1\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-08-01 信访举报），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(3,'A6','default',2,2,2,2,20.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级','\n',char(10)));
INSERT INTO grades VALUES(3,'A7','default',2,2,3,2,22.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n发生概率取推定值3\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','\n',char(10)));
INSERT INTO grades VALUES(4,'A1','default',4,5,4,2,36.0,'一级',replace('职权类别行政处罚，权力重要程度定为4\n权力重要程度取推定值4\n职权类别行政处罚，自由裁量权定为5\n自由裁量权取推定值5\n发生概率基准2\n近365天内属实风险信息2条，+2\n发生概率：推定4，四评一审加权平均10/4≈3，取4\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级','\n',char(10)));
INSERT INTO grades VALUES(4,'A2','default',5,4,3,5,44.0,'一级',replace('职权类别大额资金使用，权力重要程度定为5\n属三重一大事项，+1\n涉及资金800万元，不低于100万元，+1\n权力重要程度取推定值5\n职权类别大额资金使用，自由裁量权定为4\n自由裁量权取推定值4\n发生概率基准2\n防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1\n发生概率取推定值3\n单位层级，危害程度定为4\n涉及资金800万元，不低于500万元，+1\n危害程度取推定值5\n得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级','\n',char(10)));
INSERT INTO grades VALUES(4,'A3','default',2,2,4,3,27.0,'二级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息2条，+2\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-11-20 巡视），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(4,'A4','default',2,2,2,4,26.0,'二级',replace('无对应职权，按科室层级定为2\n权力重要程度：推定2，四评一审加权平均1/1≈1，取2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n科室层级，危害程度定为3\n危害程度：推定3，四评一审加权平均17/4≈4，取4\n得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级','\n',char(10)));
INSERT INTO grades VALUES(4,'A5','default',2,2,4,3,27.0,'二级',replace('职权类别行政确认，权力重要程度定为2\n权力重要程度取推定值2\n职权类别行政确认，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n防控措施效果不佳：调解回避制度，+1\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-08-01 信访举报），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(4,'A6','default',2,2,2,2,20.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级','\n',char(10)));
INSERT INTO grades VALUES(4,'A7','default',2,2,3,2,22.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n发生概率取推定值3\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','\n',char(10)));
INSERT INTO grades VALUES(5,'A5','default',2,2,4,3,27.0,'二级',replace('职权类别行政确认，权力重要程度定为2\n权力重要程度取推定值2\n职权类别行政确认，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n防控措施效果不佳：调解回避制度，+1\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-08-01 信访举报），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(5,'A6','default',2,2,2,2,20.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级','\n',char(10)));
INSERT INTO grades VALUES(6,'A1','default',4,5,4,2,36.0,'一级',replace('职权类别行政处罚，权力重要程度定为4\n权力重要程度取推定值4\n职权类别行政处罚，自由裁量权定为5\n自由裁量权取推定值5\n发生概率基准2\n近365天内属实风险信息2条，+2\n发生概率：推定4，四评一审加权平均10/4≈3，取4\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级','\n',char(10)));
INSERT INTO grades VALUES(6,'A2','default',5,4,3,5,44.0,'一级',replace('职权类别大额资金使用，权力重要程度定为5\n属三重一大事项，+1\n涉及资金800万元，不低于100万元，+1\n权力重要程度取推定值5\n职权类别大额资金使用，自由裁量权定为4\n自由裁量权取推定值4\n发生概率基准2\n防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1\n发生概率取推定值3\n单位层级，危害程度定为4\n涉及资金800万元，不低于500万元，+1\n危害程度取推定值5\n得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级','\n',char(10)));
INSERT INTO grades VALUES(6,'A3','default',2,2,4,3,27.0,'二级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息2条，+2\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-11-20 巡视），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(6,'A4','default',2,2,2,4,26.0,'二级',replace('无对应职权，按科室层级定为2\n权力重要程度：推定2，四评一审加权平均1/1≈1，取2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n科室层级，危害程度定为3\n危害程度：推定3，四评一审加权平均17/4≈4，取4\n得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级','\n',char(10)));
INSERT INTO grades VALUES(6,'A5','default',2,2,4,3,27.0,'二级',replace('职权类别行政确认，权力重要程度定为2\n权力重要程度取推定值2\n职权类别行政确认，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n防控措施效果不佳：调解回避制度，+1\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-08-01 信访举报），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(6,'A6','default',2,2,2,2,20.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级','\n',char(10)));
INSERT INTO grades VALUES(6,'A7','default',2,2,3,2,22.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n发生概率取推定值3\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','\n',char(10)));
INSERT INTO grades VALUES(7,'A5','default',2,2,4,3,27.0,'二级',replace('职权类别行政确认，权力重要程度定为2\n权力重要程度取推定值2\n职权类别行政确认，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n防控措施效果不佳：调解回避制度，+1\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-08-01 信访举报），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(8,'A1','default',4,5,4,2,36.0,'一级',replace('职权类别行政处罚，权力重要程度定为4\n权力重要程度取推定值4\n职权类别行政处罚，自由裁量权定为5\n自由裁量权取推定值5\n发生概率基准2\n近365天内属实风险信息2条，+2\n发生概率：推定4，四评一审加权平均10/4≈3，取4\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级','\n',char(10)));
INSERT INTO grades VALUES(8,'A2','default',5,4,3,5,44.0,'一级',replace('职权类别大额资金使用，权力重要程度定为5\n属三重一大事项，+1\n涉及资金800万元，不低于100万元，+1\n权力重要程度取推定值5\n职权类别大额资金使用，自由裁量权定为4\n自由裁量权取推定值4\n发生概率基准2\n防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1\n发生概率取推定值3\n单位层级，危害程度定为4\n涉及资金800万元，不低于500万元，+1\n危害程度取推定值5\n得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级','\n',char(10)));
INSERT INTO grades VALUES(8,'A3','default',2,2,4,3,27.0,'二级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息2条，+2\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-11-20 巡视），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(8,'A4','default',2,2,2,4,26.0,'二级',replace('无对应职权，按科室层级定为2\n权力重要程度：推定2，四评一审加权平均1/1≈1，取2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n科室层级，危害程度定为3\n危害程度：推定3，四评一审加权平均17/4≈4，取4\n得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级','\n',char(10)));
INSERT INTO grades VALUES(8,'A5','default',2,2,4,3,27.0,'二级',replace('职权类别行政确认，权力重要程度定为2\n权力重要程度取推定值2\n职权类别行政确认，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n防控措施效果不佳：调解回避制度，+1\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-08-01 信访举报），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(8,'A6','default',2,2,2,2,20.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级','\n',char(10)));
INSERT INTO grades VALUES(8,'A7','default',2,2,3,2,22.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n发生概率取推定值3\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','\n',char(10)));
INSERT INTO grades VALUES(9,'A1','default',4,5,4,2,36.0,'一级',replace('职权类别行政处罚，权力重要程度定为4\n权力重要程度取推定值4\n职权类别行政处罚，自由裁量权定为5\n自由裁量权取推定值5\n发生概率基准2\n近365天内属实风险信息2条，+2\n发生概率：推定4，四评一审加权平均10/4≈3，取4\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级','\n',char(10)));
INSERT INTO grades VALUES(9,'A2','default',5,4,3,5,44.0,'一级',replace('职权类别大额资金使用，权力重要程度定为5\n属三重一大事项，+1\n涉及资金800万元，不低于100万元，+1\n权力重要程度取推定值5\n职权类别大额资金使用，自由裁量权定为4\n自由裁量权取推定值4\n发生概率基准2\n防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1\n发生概率取推定值3\n单位层级，危害程度定为4\n涉及资金800万元，不低于500万元，+1\n危害程度取推定值5\n得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级','\n',char(10)));
INSERT INTO grades VALUES(9,'A3','default',2,2,4,3,27.0,'二级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息2条，+2\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-11-20 巡视），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(9,'A4','default',2,2,2,4,26.0,'二级',replace('无对应职权，按科室层级定为2\n权力重要程度：推定2，四评一审加权平均1/1≈1，取2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n科室层级，危害程度定为3\n危害程度：推定3，四评一审加权平均17/4≈4，取4\n得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级','\n',char(10)));
INSERT INTO grades VALUES(9,'A5','default',2,2,4,3,27.0,'二级',replace('职权类别行政确认，权力重要程度定为2\n权力重要程度取推定值2\n职权类别行政确认，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n防控措施效果不佳：调解回避制度，+1\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-08-01 信访举报），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(9,'A6','default',2,2,2,2,20.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级','\n',char(10)));
INSERT INTO grades VALUES(9,'A7','default',2,2,3,2,22.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n发生概率取推定值3\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','\n',char(10)));
INSERT INTO grades VALUES(10,'A1','default',4,5,4,2,36.0,'一级',replace('职权类别行政处罚，权力重要程度定为4\n权力重要程度取推定值4\n职权类别行政处罚，自由裁量权定为5\n自由裁量权取推定值5\n发生概率基准2\n近365天内属实风险信息2条，+2\n发生概率：推定4，四评一审加权平均10/4≈3，取4\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级','\n',char(10)));
INSERT INTO grades VALUES(10,'A2','default',5,4,3,5,44.0,'一级',replace('职权类别大额资金使用，权力重要程度定为5\n属三重一大事项，+1\n涉及资金800万元，不低于100万元，+1\n权力重要程度取推定值5\n职权类别大额资金使用，自由裁量权定为4\n自由裁量权取推定值4\n发生概率基准2\n防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1\n发生概率取推定值3\n单位层级，危害程度定为4\n涉及资金800万元，不低于500万元，+1\n危害程度取推定值5\n得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级','\n',char(10)));
INSERT INTO grades VALUES(10,'A3','default',2,2,4,3,27.0,'二级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息2条，+2\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-11-20 巡视），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(10,'A4','default',2,2,2,4,26.0,'二级',replace('无对应职权，按科室层级定为2\n权力重要程度：推定2，四评一审加权平均1/1≈1，取2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n科室层级，危害程度定为3\n危害程度：推定3，四评一审加权平均17/4≈4，取4\n得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级','\n',char(10)));
INSERT INTO grades VALUES(10,'A5','default',2,2,4,3,27.0,'二级',replace('职权类别行政确认，权力重要程度定为2\n权力重要程度取推定值2\n职权类别行政确认，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n防控措施效果不佳：调解回避制度，+1\n发生概率取推定值4\n岗位层级，危害程度定为2\n有属实的严重风险信息（2026-08-01 信访举报），+1\n危害程度取推定值3\n得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','\n',char(10)));
INSERT INTO grades VALUES(10,'A6','default',2,2,2,2,20.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n发生概率取推定值2\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级','\n',char(10)));
INSERT INTO grades VALUES(10,'A7','default',2,2,3,2,22.0,'三级',replace('无对应职权，按岗位层级定为2\n权力重要程度取推定值2\n无对应职权，自由裁量权定为2\n自由裁量权取推定值2\n发生概率基准2\n近365天内属实风险信息1条，+1\n发生概率取推定值3\n岗位层级，危害程度定为2\n危害程度取推定值2\n得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','\n',char(10)));
CREATE TABLE traces (
  run    INTEGER NOT NULL REFERENCES runs(id),
  point  TEXT NOT NULL REFERENCES points(code),
  seq    INTEGER NOT NULL,
  reason TEXT NOT NULL,
  source TEXT,
  PRIMARY KEY (run, point, seq)
) STRICT;
INSERT INTO traces VALUES(4,'A1',1,'职权类别行政处罚，权力重要程度定为4','rules/default.lua:118');
INSERT INTO traces VALUES(4,'A1',2,'权力重要程度取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A1',3,'职权类别行政处罚，自由裁量权定为5','rules/default.lua:137');
INSERT INTO traces VALUES(4,'A1',4,'自由裁量权取推定值5','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A1',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(4,'A1',6,'近365天内属实风险信息2条，+2','rules/default.lua:166');
INSERT INTO traces VALUES(4,'A1',7,'发生概率：推定4，四评一审加权平均10/4≈3，取4','rules/default.lua:369');
INSERT INTO traces VALUES(4,'A1',8,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(4,'A1',9,'危害程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A1',10,'得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级','rules/default.lua:387');
INSERT INTO traces VALUES(4,'A2',1,'职权类别大额资金使用，权力重要程度定为5','rules/default.lua:118');
INSERT INTO traces VALUES(4,'A2',2,'属三重一大事项，+1','rules/default.lua:121');
INSERT INTO traces VALUES(4,'A2',3,'涉及资金800万元，不低于100万元，+1','rules/default.lua:125');
INSERT INTO traces VALUES(4,'A2',4,'权力重要程度取推定值5','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A2',5,'职权类别大额资金使用，自由裁量权定为4','rules/default.lua:137');
INSERT INTO traces VALUES(4,'A2',6,'自由裁量权取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A2',7,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(4,'A2',8,'防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1','rules/default.lua:172');
INSERT INTO traces VALUES(4,'A2',9,'发生概率取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A2',10,'单位层级，危害程度定为4','rules/default.lua:181');
INSERT INTO traces VALUES(4,'A2',11,'涉及资金800万元，不低于500万元，+1','rules/default.lua:184');
INSERT INTO traces VALUES(4,'A2',12,'危害程度取推定值5','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A2',13,'得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级','rules/default.lua:387');
INSERT INTO traces VALUES(4,'A3',1,'无对应职权，按岗位层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(4,'A3',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A3',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(4,'A3',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A3',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(4,'A3',6,'近365天内属实风险信息2条，+2','rules/default.lua:166');
INSERT INTO traces VALUES(4,'A3',7,'发生概率取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A3',8,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(4,'A3',9,'有属实的严重风险信息（2026-11-20 巡视），+1','rules/default.lua:189');
INSERT INTO traces VALUES(4,'A3',10,'危害程度取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A3',11,'得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','rules/default.lua:387');
INSERT INTO traces VALUES(4,'A4',1,'无对应职权，按科室层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(4,'A4',2,'权力重要程度：推定2，四评一审加权平均1/1≈1，取2','rules/default.lua:369');
INSERT INTO traces VALUES(4,'A4',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(4,'A4',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A4',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(4,'A4',6,'发生概率取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A4',7,'科室层级，危害程度定为3','rules/default.lua:181');
INSERT INTO traces VALUES(4,'A4',8,'危害程度：推定3，四评一审加权平均17/4≈4，取4','rules/default.lua:369');
INSERT INTO traces VALUES(4,'A4',9,'得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级','rules/default.lua:387');
INSERT INTO traces VALUES(4,'A5',1,'职权类别行政确认，权力重要程度定为2','rules/default.lua:118');
INSERT INTO traces VALUES(4,'A5',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A5',3,'职权类别行政确认，自由裁量权定为2','rules/default.lua:137');
INSERT INTO traces VALUES(4,'A5',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A5',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(4,'A5',6,'近365天内属实风险信息1条，+1','rules/default.lua:166');
INSERT INTO traces VALUES(4,'A5',7,'防控措施效果不佳：调解回避制度，+1','rules/default.lua:172');
INSERT INTO traces VALUES(4,'A5',8,'发生概率取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A5',9,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(4,'A5',10,'有属实的严重风险信息（2026-08-01 信访举报），+1','rules/default.lua:189');
INSERT INTO traces VALUES(4,'A5',11,'危害程度取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A5',12,'得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','rules/default.lua:387');
INSERT INTO traces VALUES(4,'A6',1,'无对应职权，按岗位层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(4,'A6',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A6',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(4,'A6',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A6',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(4,'A6',6,'发生概率取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A6',7,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(4,'A6',8,'危害程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A6',9,'得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级','rules/default.lua:387');
INSERT INTO traces VALUES(4,'A7',1,'无对应职权，按岗位层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(4,'A7',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A7',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(4,'A7',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A7',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(4,'A7',6,'近365天内属实风险信息1条，+1','rules/default.lua:166');
INSERT INTO traces VALUES(4,'A7',7,'发生概率取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A7',8,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(4,'A7',9,'危害程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(4,'A7',10,'得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','rules/default.lua:387');
INSERT INTO traces VALUES(6,'A1',1,'职权类别行政处罚，权力重要程度定为4','rules/default.lua:118');
INSERT INTO traces VALUES(6,'A1',2,'权力重要程度取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A1',3,'职权类别行政处罚，自由裁量权定为5','rules/default.lua:137');
INSERT INTO traces VALUES(6,'A1',4,'自由裁量权取推定值5','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A1',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(6,'A1',6,'近365天内属实风险信息2条，+2','rules/default.lua:166');
INSERT INTO traces VALUES(6,'A1',7,'发生概率：推定4，四评一审加权平均10/4≈3，取4','rules/default.lua:369');
INSERT INTO traces VALUES(6,'A1',8,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(6,'A1',9,'危害程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A1',10,'得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级','rules/default.lua:387');
INSERT INTO traces VALUES(6,'A2',1,'职权类别大额资金使用，权力重要程度定为5','rules/default.lua:118');
INSERT INTO traces VALUES(6,'A2',2,'属三重一大事项，+1','rules/default.lua:121');
INSERT INTO traces VALUES(6,'A2',3,'涉及资金800万元，不低于100万元，+1','rules/default.lua:125');
INSERT INTO traces VALUES(6,'A2',4,'权力重要程度取推定值5','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A2',5,'职权类别大额资金使用，自由裁量权定为4','rules/default.lua:137');
INSERT INTO traces VALUES(6,'A2',6,'自由裁量权取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A2',7,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(6,'A2',8,'防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1','rules/default.lua:172');
INSERT INTO traces VALUES(6,'A2',9,'发生概率取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A2',10,'单位层级，危害程度定为4','rules/default.lua:181');
INSERT INTO traces VALUES(6,'A2',11,'涉及资金800万元，不低于500万元，+1','rules/default.lua:184');
INSERT INTO traces VALUES(6,'A2',12,'危害程度取推定值5','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A2',13,'得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级','rules/default.lua:387');
INSERT INTO traces VALUES(6,'A3',1,'无对应职权，按岗位层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(6,'A3',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A3',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(6,'A3',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A3',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(6,'A3',6,'近365天内属实风险信息2条，+2','rules/default.lua:166');
INSERT INTO traces VALUES(6,'A3',7,'发生概率取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A3',8,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(6,'A3',9,'有属实的严重风险信息（2026-11-20 巡视），+1','rules/default.lua:189');
INSERT INTO traces VALUES(6,'A3',10,'危害程度取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A3',11,'得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','rules/default.lua:387');
INSERT INTO traces VALUES(6,'A4',1,'无对应职权，按科室层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(6,'A4',2,'权力重要程度：推定2，四评一审加权平均1/1≈1，取2','rules/default.lua:369');
INSERT INTO traces VALUES(6,'A4',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(6,'A4',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A4',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(6,'A4',6,'发生概率取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A4',7,'科室层级，危害程度定为3','rules/default.lua:181');
INSERT INTO traces VALUES(6,'A4',8,'危害程度：推定3，四评一审加权平均17/4≈4，取4','rules/default.lua:369');
INSERT INTO traces VALUES(6,'A4',9,'得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级','rules/default.lua:387');
INSERT INTO traces VALUES(6,'A5',1,'职权类别行政确认，权力重要程度定为2','rules/default.lua:118');
INSERT INTO traces VALUES(6,'A5',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A5',3,'职权类别行政确认，自由裁量权定为2','rules/default.lua:137');
INSERT INTO traces VALUES(6,'A5',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A5',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(6,'A5',6,'近365天内属实风险信息1条，+1','rules/default.lua:166');
INSERT INTO traces VALUES(6,'A5',7,'防控措施效果不佳：调解回避制度，+1','rules/default.lua:172');
INSERT INTO traces VALUES(6,'A5',8,'发生概率取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A5',9,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(6,'A5',10,'有属实的严重风险信息（2026-08-01 信访举报），+1','rules/default.lua:189');
INSERT INTO traces VALUES(6,'A5',11,'危害程度取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A5',12,'得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','rules/default.lua:387');
INSERT INTO traces VALUES(6,'A6',1,'无对应职权，按岗位层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(6,'A6',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A6',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(6,'A6',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A6',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(6,'A6',6,'发生概率取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A6',7,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(6,'A6',8,'危害程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A6',9,'得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级','rules/default.lua:387');
INSERT INTO traces VALUES(6,'A7',1,'无对应职权，按岗位层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(6,'A7',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A7',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(6,'A7',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A7',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(6,'A7',6,'近365天内属实风险信息1条，+1','rules/default.lua:166');
INSERT INTO traces VALUES(6,'A7',7,'发生概率取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A7',8,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(6,'A7',9,'危害程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(6,'A7',10,'得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','rules/default.lua:387');
INSERT INTO traces VALUES(9,'A1',1,'职权类别行政处罚，权力重要程度定为4','rules/default.lua:118');
INSERT INTO traces VALUES(9,'A1',2,'权力重要程度取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A1',3,'职权类别行政处罚，自由裁量权定为5','rules/default.lua:137');
INSERT INTO traces VALUES(9,'A1',4,'自由裁量权取推定值5','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A1',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(9,'A1',6,'近365天内属实风险信息2条，+2','rules/default.lua:166');
INSERT INTO traces VALUES(9,'A1',7,'发生概率：推定4，四评一审加权平均10/4≈3，取4','rules/default.lua:369');
INSERT INTO traces VALUES(9,'A1',8,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(9,'A1',9,'危害程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A1',10,'得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级','rules/default.lua:387');
INSERT INTO traces VALUES(9,'A2',1,'职权类别大额资金使用，权力重要程度定为5','rules/default.lua:118');
INSERT INTO traces VALUES(9,'A2',2,'属三重一大事项，+1','rules/default.lua:121');
INSERT INTO traces VALUES(9,'A2',3,'涉及资金800万元，不低于100万元，+1','rules/default.lua:125');
INSERT INTO traces VALUES(9,'A2',4,'权力重要程度取推定值5','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A2',5,'职权类别大额资金使用，自由裁量权定为4','rules/default.lua:137');
INSERT INTO traces VALUES(9,'A2',6,'自由裁量权取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A2',7,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(9,'A2',8,'防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1','rules/default.lua:172');
INSERT INTO traces VALUES(9,'A2',9,'发生概率取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A2',10,'单位层级，危害程度定为4','rules/default.lua:181');
INSERT INTO traces VALUES(9,'A2',11,'涉及资金800万元，不低于500万元，+1','rules/default.lua:184');
INSERT INTO traces VALUES(9,'A2',12,'危害程度取推定值5','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A2',13,'得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级','rules/default.lua:387');
INSERT INTO traces VALUES(9,'A3',1,'无对应职权，按岗位层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(9,'A3',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A3',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(9,'A3',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A3',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(9,'A3',6,'近365天内属实风险信息2条，+2','rules/default.lua:166');
INSERT INTO traces VALUES(9,'A3',7,'发生概率取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A3',8,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(9,'A3',9,'有属实的严重风险信息（2026-11-20 巡视），+1','rules/default.lua:189');
INSERT INTO traces VALUES(9,'A3',10,'危害程度取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A3',11,'得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','rules/default.lua:387');
INSERT INTO traces VALUES(9,'A4',1,'无对应职权，按科室层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(9,'A4',2,'权力重要程度：推定2，四评一审加权平均1/1≈1，取2','rules/default.lua:369');
INSERT INTO traces VALUES(9,'A4',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(9,'A4',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A4',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(9,'A4',6,'发生概率取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A4',7,'科室层级，危害程度定为3','rules/default.lua:181');
INSERT INTO traces VALUES(9,'A4',8,'危害程度：推定3，四评一审加权平均17/4≈4，取4','rules/default.lua:369');
INSERT INTO traces VALUES(9,'A4',9,'得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级','rules/default.lua:387');
INSERT INTO traces VALUES(9,'A5',1,'职权类别行政确认，权力重要程度定为2','rules/default.lua:118');
INSERT INTO traces VALUES(9,'A5',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A5',3,'职权类别行政确认，自由裁量权定为2','rules/default.lua:137');
INSERT INTO traces VALUES(9,'A5',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A5',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(9,'A5',6,'近365天内属实风险信息1条，+1','rules/default.lua:166');
INSERT INTO traces VALUES(9,'A5',7,'防控措施效果不佳：调解回避制度，+1','rules/default.lua:172');
INSERT INTO traces VALUES(9,'A5',8,'发生概率取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A5',9,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(9,'A5',10,'有属实的严重风险信息（2026-08-01 信访举报），+1','rules/default.lua:189');
INSERT INTO traces VALUES(9,'A5',11,'危害程度取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A5',12,'得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','rules/default.lua:387');
INSERT INTO traces VALUES(9,'A6',1,'无对应职权，按岗位层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(9,'A6',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A6',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(9,'A6',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A6',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(9,'A6',6,'发生概率取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A6',7,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(9,'A6',8,'危害程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A6',9,'得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级','rules/default.lua:387');
INSERT INTO traces VALUES(9,'A7',1,'无对应职权，按岗位层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(9,'A7',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A7',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(9,'A7',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A7',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(9,'A7',6,'近365天内属实风险信息1条，+1','rules/default.lua:166');
INSERT INTO traces VALUES(9,'A7',7,'发生概率取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A7',8,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(9,'A7',9,'危害程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(9,'A7',10,'得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','rules/default.lua:387');
INSERT INTO traces VALUES(10,'A1',1,'职权类别行政处罚，权力重要程度定为4','rules/default.lua:118');
INSERT INTO traces VALUES(10,'A1',2,'权力重要程度取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A1',3,'职权类别行政处罚，自由裁量权定为5','rules/default.lua:137');
INSERT INTO traces VALUES(10,'A1',4,'自由裁量权取推定值5','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A1',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(10,'A1',6,'近365天内属实风险信息2条，+2','rules/default.lua:166');
INSERT INTO traces VALUES(10,'A1',7,'发生概率：推定4，四评一审加权平均10/4≈3，取4','rules/default.lua:369');
INSERT INTO traces VALUES(10,'A1',8,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(10,'A1',9,'危害程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A1',10,'得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级','rules/default.lua:387');
INSERT INTO traces VALUES(10,'A2',1,'职权类别大额资金使用，权力重要程度定为5','rules/default.lua:118');
INSERT INTO traces VALUES(10,'A2',2,'属三重一大事项，+1','rules/default.lua:121');
INSERT INTO traces VALUES(10,'A2',3,'涉及资金800万元，不低于100万元，+1','rules/default.lua:125');
INSERT INTO traces VALUES(10,'A2',4,'权力重要程度取推定值5','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A2',5,'职权类别大额资金使用，自由裁量权定为4','rules/default.lua:137');
INSERT INTO traces VALUES(10,'A2',6,'自由裁量权取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A2',7,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(10,'A2',8,'防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1','rules/default.lua:172');
INSERT INTO traces VALUES(10,'A2',9,'发生概率取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A2',10,'单位层级，危害程度定为4','rules/default.lua:181');
INSERT INTO traces VALUES(10,'A2',11,'涉及资金800万元，不低于500万元，+1','rules/default.lua:184');
INSERT INTO traces VALUES(10,'A2',12,'危害程度取推定值5','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A2',13,'得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级','rules/default.lua:387');
INSERT INTO traces VALUES(10,'A3',1,'无对应职权，按岗位层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(10,'A3',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A3',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(10,'A3',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A3',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(10,'A3',6,'近365天内属实风险信息2条，+2','rules/default.lua:166');
INSERT INTO traces VALUES(10,'A3',7,'发生概率取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A3',8,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(10,'A3',9,'有属实的严重风险信息（2026-11-20 巡视），+1','rules/default.lua:189');
INSERT INTO traces VALUES(10,'A3',10,'危害程度取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A3',11,'得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','rules/default.lua:387');
INSERT INTO traces VALUES(10,'A4',1,'无对应职权，按科室层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(10,'A4',2,'权力重要程度：推定2，四评一审加权平均1/1≈1，取2','rules/default.lua:369');
INSERT INTO traces VALUES(10,'A4',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(10,'A4',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A4',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(10,'A4',6,'发生概率取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A4',7,'科室层级，危害程度定为3','rules/default.lua:181');
INSERT INTO traces VALUES(10,'A4',8,'危害程度：推定3，四评一审加权平均17/4≈4，取4','rules/default.lua:369');
INSERT INTO traces VALUES(10,'A4',9,'得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级','rules/default.lua:387');
INSERT INTO traces VALUES(10,'A5',1,'职权类别行政确认，权力重要程度定为2','rules/default.lua:118');
INSERT INTO traces VALUES(10,'A5',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A5',3,'职权类别行政确认，自由裁量权定为2','rules/default.lua:137');
INSERT INTO traces VALUES(10,'A5',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A5',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(10,'A5',6,'近365天内属实风险信息1条，+1','rules/default.lua:166');
INSERT INTO traces VALUES(10,'A5',7,'防控措施效果不佳：调解回避制度，+1','rules/default.lua:172');
INSERT INTO traces VALUES(10,'A5',8,'发生概率取推定值4','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A5',9,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(10,'A5',10,'有属实的严重风险信息（2026-08-01 信访举报），+1','rules/default.lua:189');
INSERT INTO traces VALUES(10,'A5',11,'危害程度取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A5',12,'得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级','rules/default.lua:387');
INSERT INTO traces VALUES(10,'A6',1,'无对应职权，按岗位层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(10,'A6',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A6',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(10,'A6',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A6',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(10,'A6',6,'发生概率取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A6',7,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(10,'A6',8,'危害程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A6',9,'得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级','rules/default.lua:387');
INSERT INTO traces VALUES(10,'A7',1,'无对应职权，按岗位层级定为2','rules/default.lua:129');
INSERT INTO traces VALUES(10,'A7',2,'权力重要程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A7',3,'无对应职权，自由裁量权定为2','rules/default.lua:140');
INSERT INTO traces VALUES(10,'A7',4,'自由裁量权取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A7',5,'发生概率基准2','rules/default.lua:155');
INSERT INTO traces VALUES(10,'A7',6,'近365天内属实风险信息1条，+1','rules/default.lua:166');
INSERT INTO traces VALUES(10,'A7',7,'发生概率取推定值3','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A7',8,'岗位层级，危害程度定为2','rules/default.lua:181');
INSERT INTO traces VALUES(10,'A7',9,'危害程度取推定值2','rules/default.lua:365');
INSERT INTO traces VALUES(10,'A7',10,'得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级','rules/default.lua:387');
CREATE TABLE flags (
  run      INTEGER NOT NULL REFERENCES runs(id),
  point    TEXT NOT NULL REFERENCES points(code),
  code     TEXT NOT NULL CHECK (code <> ''),
  label    TEXT NOT NULL,
  evidence TEXT NOT NULL, cleared_by INTEGER REFERENCES approvals(id),
  PRIMARY KEY (run, point, code)
) STRICT;
INSERT INTO flags VALUES(1,'A1','under_graded','定级偏低（避高就低）','计算为一级（得分36），审定为二级（2026-06-01）',NULL);
INSERT INTO flags VALUES(1,'A1','new_signal','新的属实风险信息','2026-09-10 审计（较重）：处罚裁量明显偏轻',NULL);
INSERT INTO flags VALUES(1,'A2','law_changed','法律法规调整','2025-06-01 《预算法实施条例》修订施行（上次评定2025-01-10）',NULL);
INSERT INTO flags VALUES(1,'A2','measure_failed','防控措施未见实效','大额支出一律上会研究：逾期未落实（完成时限2026-10-01，落实中）',NULL);
INSERT INTO flags VALUES(1,'A2','review_due','超过复评周期','上次评定2025-01-10，一级复评周期180天，应于2025-07-09前复评',NULL);
INSERT INTO flags VALUES(1,'A3','over_graded','定级偏高','计算为三级（得分22），审定为一级（2026-03-01）',NULL);
INSERT INTO flags VALUES(1,'A3','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2026-03-01）',NULL);
INSERT INTO flags VALUES(1,'A3','review_due','超过复评周期','上次评定2026-03-01，一级复评周期180天，应于2026-08-28前复评',NULL);
INSERT INTO flags VALUES(1,'A4','unapproved','未经集体审定','计算为二级（得分26），尚无审定等级',NULL);
INSERT INTO flags VALUES(1,'A4','review_due','超过复评周期','从未评定',NULL);
INSERT INTO flags VALUES(1,'A5','under_graded','定级偏低（避高就低）','计算为二级（得分27），审定为三级（2026-01-15）',NULL);
INSERT INTO flags VALUES(1,'A5','new_signal','新的属实风险信息','2026-08-01 信访举报（严重）：调解员收受当事人礼金',NULL);
INSERT INTO flags VALUES(1,'A5','measure_failed','防控措施未见实效','调解回避制度：效果不佳',NULL);
INSERT INTO flags VALUES(1,'A7','over_graded','定级偏高','计算为三级（得分22），审定为二级（2025-12-20）',NULL);
INSERT INTO flags VALUES(1,'A7','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2025-12-20）',NULL);
INSERT INTO flags VALUES(1,'A7','new_signal','新的属实风险信息','2026-03-01 信访举报（一般）：反映律师管理岗接受吃请',NULL);
INSERT INTO flags VALUES(2,'A5','under_graded','定级偏低（避高就低）','计算为二级（得分27），审定为三级（2026-01-15）',NULL);
INSERT INTO flags VALUES(2,'A5','new_signal','新的属实风险信息','2026-08-01 信访举报（严重）：调解员收受当事人礼金',NULL);
INSERT INTO flags VALUES(2,'A5','measure_failed','防控措施未见实效','调解回避制度：效果不佳',NULL);
INSERT INTO flags VALUES(3,'A1','under_graded','定级偏低（避高就低）','计算为一级（得分36），审定为二级（2026-06-01）',NULL);
INSERT INTO flags VALUES(3,'A1','new_signal','新的属实风险信息','2026-09-10 审计（较重）：处罚裁量明显偏轻',NULL);
INSERT INTO flags VALUES(3,'A2','law_changed','法律法规调整','2025-06-01 《预算法实施条例》修订施行（上次评定2025-01-10）',NULL);
INSERT INTO flags VALUES(3,'A2','measure_failed','防控措施未见实效','大额支出一律上会研究：逾期未落实（完成时限2026-10-01，落实中）',NULL);
INSERT INTO flags VALUES(3,'A2','review_due','超过复评周期','上次评定2025-01-10，一级复评周期180天，应于2025-07-09前复评',NULL);
INSERT INTO flags VALUES(3,'A3','over_graded','定级偏高','计算为三级（得分22），审定为一级（2026-03-01）',NULL);
INSERT INTO flags VALUES(3,'A3','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2026-03-01）',NULL);
INSERT INTO flags VALUES(3,'A3','review_due','超过复评周期','上次评定2026-03-01，一级复评周期180天，应于2026-08-28前复评',NULL);
INSERT INTO flags VALUES(3,'A4','unapproved','未经集体审定','计算为二级（得分26），尚无审定等级',NULL);
INSERT INTO flags VALUES(3,'A4','review_due','超过复评周期','从未评定',NULL);
INSERT INTO flags VALUES(3,'A5','under_graded','定级偏低（避高就低）','计算为二级（得分27），审定为三级（2026-01-15）',NULL);
INSERT INTO flags VALUES(3,'A5','new_signal','新的属实风险信息','2026-08-01 信访举报（严重）：调解员收受当事人礼金',NULL);
INSERT INTO flags VALUES(3,'A5','measure_failed','防控措施未见实效','调解回避制度：效果不佳',NULL);
INSERT INTO flags VALUES(3,'A7','over_graded','定级偏高','计算为三级（得分22），审定为二级（2025-12-20）',NULL);
INSERT INTO flags VALUES(3,'A7','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2025-12-20）',NULL);
INSERT INTO flags VALUES(3,'A7','new_signal','新的属实风险信息','2026-03-01 信访举报（一般）：反映律师管理岗接受吃请',NULL);
INSERT INTO flags VALUES(4,'A1','under_graded','定级偏低（避高就低）','计算为一级（得分36），审定为二级（2026-06-01）',NULL);
INSERT INTO flags VALUES(4,'A1','new_signal','新的属实风险信息','2026-09-10 审计（较重）：处罚裁量明显偏轻',NULL);
INSERT INTO flags VALUES(4,'A2','law_changed','法律法规调整','2025-06-01 《预算法实施条例》修订施行（上次评定2025-01-10）',NULL);
INSERT INTO flags VALUES(4,'A2','measure_failed','防控措施未见实效','大额支出一律上会研究：逾期未落实（完成时限2026-10-01，落实中）',NULL);
INSERT INTO flags VALUES(4,'A2','review_due','超过复评周期','上次评定2025-01-10，一级复评周期180天，应于2025-07-09前复评',NULL);
INSERT INTO flags VALUES(4,'A3','over_graded','定级偏高','计算为二级（得分27），审定为一级（2026-03-01）',NULL);
INSERT INTO flags VALUES(4,'A3','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2026-03-01）',NULL);
INSERT INTO flags VALUES(4,'A3','new_signal','新的属实风险信息','2026-11-20 巡视（严重）：巡视发现接受宴请',NULL);
INSERT INTO flags VALUES(4,'A3','review_due','超过复评周期','上次评定2026-03-01，一级复评周期180天，应于2026-08-28前复评',NULL);
INSERT INTO flags VALUES(4,'A4','unapproved','未经集体审定','计算为二级（得分26），尚无审定等级',NULL);
INSERT INTO flags VALUES(4,'A4','review_due','超过复评周期','从未评定',NULL);
INSERT INTO flags VALUES(4,'A5','under_graded','定级偏低（避高就低）','计算为二级（得分27），审定为三级（2026-01-15）',1);
INSERT INTO flags VALUES(4,'A5','new_signal','新的属实风险信息','2026-08-01 信访举报（严重）：调解员收受当事人礼金',1);
INSERT INTO flags VALUES(4,'A5','measure_failed','防控措施未见实效','调解回避制度：效果不佳',1);
INSERT INTO flags VALUES(4,'A7','over_graded','定级偏高','计算为三级（得分22），审定为二级（2025-12-20）',NULL);
INSERT INTO flags VALUES(4,'A7','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2025-12-20）',NULL);
INSERT INTO flags VALUES(4,'A7','new_signal','新的属实风险信息','2026-03-01 信访举报（一般）：反映律师管理岗接受吃请',NULL);
INSERT INTO flags VALUES(5,'A5','measure_failed','防控措施未见实效','调解回避制度：效果不佳',NULL);
INSERT INTO flags VALUES(6,'A1','under_graded','定级偏低（避高就低）','计算为一级（得分36），审定为二级（2026-06-01）',NULL);
INSERT INTO flags VALUES(6,'A1','new_signal','新的属实风险信息','2026-09-10 审计（较重）：处罚裁量明显偏轻',NULL);
INSERT INTO flags VALUES(6,'A2','law_changed','法律法规调整','2025-06-01 《预算法实施条例》修订施行（上次评定2025-01-10）',NULL);
INSERT INTO flags VALUES(6,'A2','measure_failed','防控措施未见实效','大额支出一律上会研究：逾期未落实（完成时限2026-10-01，落实中）',NULL);
INSERT INTO flags VALUES(6,'A2','review_due','超过复评周期','上次评定2025-01-10，一级复评周期180天，应于2025-07-09前复评',NULL);
INSERT INTO flags VALUES(6,'A3','over_graded','定级偏高','计算为二级（得分27），审定为一级（2026-03-01）',NULL);
INSERT INTO flags VALUES(6,'A3','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2026-03-01）',NULL);
INSERT INTO flags VALUES(6,'A3','new_signal','新的属实风险信息','2026-11-20 巡视（严重）：巡视发现接受宴请',NULL);
INSERT INTO flags VALUES(6,'A3','review_due','超过复评周期','上次评定2026-03-01，一级复评周期180天，应于2026-08-28前复评',NULL);
INSERT INTO flags VALUES(6,'A4','unapproved','未经集体审定','计算为二级（得分26），尚无审定等级',NULL);
INSERT INTO flags VALUES(6,'A4','review_due','超过复评周期','从未评定',NULL);
INSERT INTO flags VALUES(6,'A5','measure_failed','防控措施未见实效','调解回避制度：效果不佳',NULL);
INSERT INTO flags VALUES(6,'A7','over_graded','定级偏高','计算为三级（得分22），审定为一级（2026-12-02）',NULL);
INSERT INTO flags VALUES(6,'A7','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2025-12-20）',NULL);
INSERT INTO flags VALUES(6,'A7','new_signal','新的属实风险信息','2026-03-01 信访举报（一般）：反映律师管理岗接受吃请',NULL);
INSERT INTO flags VALUES(6,'A7','review_due','超过复评周期','上次评定2025-12-20，一级复评周期180天，应于2026-06-18前复评',NULL);
INSERT INTO flags VALUES(7,'A5','measure_failed','防控措施未见实效','调解回避制度：效果不佳',NULL);
INSERT INTO flags VALUES(8,'A1','under_graded','定级偏低（避高就低）','计算为一级（得分36），审定为二级（2026-06-01）',2);
INSERT INTO flags VALUES(8,'A1','new_signal','新的属实风险信息','2026-09-10 审计（较重）：处罚裁量明显偏轻',2);
INSERT INTO flags VALUES(8,'A2','law_changed','法律法规调整','2025-06-01 《预算法实施条例》修订施行（上次评定2025-01-10）',NULL);
INSERT INTO flags VALUES(8,'A2','measure_failed','防控措施未见实效','大额支出一律上会研究：逾期未落实（完成时限2026-10-01，落实中）',NULL);
INSERT INTO flags VALUES(8,'A2','review_due','超过复评周期','上次评定2025-01-10，一级复评周期180天，应于2025-07-09前复评',NULL);
INSERT INTO flags VALUES(8,'A3','over_graded','定级偏高','计算为二级（得分27），审定为一级（2026-03-01）',NULL);
INSERT INTO flags VALUES(8,'A3','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2026-03-01）',NULL);
INSERT INTO flags VALUES(8,'A3','new_signal','新的属实风险信息','2026-11-20 巡视（严重）：巡视发现接受宴请',NULL);
INSERT INTO flags VALUES(8,'A3','review_due','超过复评周期','上次评定2026-03-01，一级复评周期180天，应于2026-08-28前复评',NULL);
INSERT INTO flags VALUES(8,'A4','unapproved','未经集体审定','计算为二级（得分26），尚无审定等级',NULL);
INSERT INTO flags VALUES(8,'A4','review_due','超过复评周期','从未评定',NULL);
INSERT INTO flags VALUES(8,'A5','measure_failed','防控措施未见实效','调解回避制度：效果不佳',NULL);
INSERT INTO flags VALUES(8,'A7','over_graded','定级偏高','计算为三级（得分22），审定为一级（2026-12-02）',NULL);
INSERT INTO flags VALUES(8,'A7','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2025-12-20）',NULL);
INSERT INTO flags VALUES(8,'A7','new_signal','新的属实风险信息','2026-03-01 信访举报（一般）：反映律师管理岗接受吃请',NULL);
INSERT INTO flags VALUES(8,'A7','review_due','超过复评周期','上次评定2025-12-20，一级复评周期180天，应于2026-06-18前复评',NULL);
INSERT INTO flags VALUES(9,'A2','law_changed','法律法规调整','2025-06-01 《预算法实施条例》修订施行（上次评定2025-01-10）',NULL);
INSERT INTO flags VALUES(9,'A2','measure_failed','防控措施未见实效','大额支出一律上会研究：逾期未落实（完成时限2026-10-01，落实中）',NULL);
INSERT INTO flags VALUES(9,'A2','review_due','超过复评周期','上次评定2025-01-10，一级复评周期180天，应于2025-07-09前复评',NULL);
INSERT INTO flags VALUES(9,'A3','over_graded','定级偏高','计算为二级（得分27），审定为一级（2026-03-01）',NULL);
INSERT INTO flags VALUES(9,'A3','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2026-03-01）',NULL);
INSERT INTO flags VALUES(9,'A3','new_signal','新的属实风险信息','2026-11-20 巡视（严重）：巡视发现接受宴请',NULL);
INSERT INTO flags VALUES(9,'A3','review_due','超过复评周期','上次评定2026-03-01，一级复评周期180天，应于2026-08-28前复评',NULL);
INSERT INTO flags VALUES(9,'A4','unapproved','未经集体审定','计算为二级（得分26），尚无审定等级',NULL);
INSERT INTO flags VALUES(9,'A4','review_due','超过复评周期','从未评定',NULL);
INSERT INTO flags VALUES(9,'A5','measure_failed','防控措施未见实效','调解回避制度：效果不佳',NULL);
INSERT INTO flags VALUES(9,'A7','over_graded','定级偏高','计算为三级（得分22），审定为一级（2026-12-02）',NULL);
INSERT INTO flags VALUES(9,'A7','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2025-12-20）',NULL);
INSERT INTO flags VALUES(9,'A7','new_signal','新的属实风险信息','2026-03-01 信访举报（一般）：反映律师管理岗接受吃请',NULL);
INSERT INTO flags VALUES(9,'A7','review_due','超过复评周期','上次评定2025-12-20，一级复评周期180天，应于2026-06-18前复评',NULL);
INSERT INTO flags VALUES(10,'A2','law_changed','法律法规调整','2025-06-01 《预算法实施条例》修订施行（上次评定2025-01-10）',NULL);
INSERT INTO flags VALUES(10,'A2','measure_failed','防控措施未见实效','大额支出一律上会研究：逾期未落实（完成时限2026-10-01，落实中）',NULL);
INSERT INTO flags VALUES(10,'A2','review_due','超过复评周期','上次评定2025-01-10，一级复评周期180天，应于2025-07-09前复评',NULL);
INSERT INTO flags VALUES(10,'A3','over_graded','定级偏高','计算为二级（得分27），审定为一级（2026-03-01）',NULL);
INSERT INTO flags VALUES(10,'A3','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2026-03-01）',NULL);
INSERT INTO flags VALUES(10,'A3','new_signal','新的属实风险信息','2026-11-20 巡视（严重）：巡视发现接受宴请',NULL);
INSERT INTO flags VALUES(10,'A3','review_due','超过复评周期','上次评定2026-03-01，一级复评周期180天，应于2026-08-28前复评',NULL);
INSERT INTO flags VALUES(10,'A4','unapproved','未经集体审定','计算为二级（得分26），尚无审定等级',NULL);
INSERT INTO flags VALUES(10,'A4','review_due','超过复评周期','从未评定',NULL);
INSERT INTO flags VALUES(10,'A5','measure_failed','防控措施未见实效','调解回避制度：效果不佳',NULL);
INSERT INTO flags VALUES(10,'A7','over_graded','定级偏高','计算为三级（得分22），审定为一级（2026-12-02）',NULL);
INSERT INTO flags VALUES(10,'A7','duty_changed','职责权限变更','2026-04-01 律师管理岗增加公证监督职责（上次评定2025-12-20）',NULL);
INSERT INTO flags VALUES(10,'A7','new_signal','新的属实风险信息','2026-03-01 信访举报（一般）：反映律师管理岗接受吃请',NULL);
INSERT INTO flags VALUES(10,'A7','review_due','超过复评周期','上次评定2025-12-20，一级复评周期180天，应于2026-06-18前复评',NULL);
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
, seen_run INTEGER REFERENCES runs(id), issued_on TEXT) STRICT;
INSERT INTO warnings VALUES(1,1,'A1','新的属实风险信息','诫勉谈话','P3','2026-12-16','发布','核查2026-09-10的风险信息（审计，较重），落实整改并书面反馈',8,'2026-12-01');
INSERT INTO warnings VALUES(2,1,'A1','定级偏低（避高就低）','诫勉谈话','P3','2026-12-16','发布','重新评定风险等级，报领导班子集体审定',8,'2026-12-01');
INSERT INTO warnings VALUES(3,1,'A2','防控措施未见实效','诫勉谈话','P1','2026-12-16','发布','完善防控措施并按期落实：大额支出一律上会研究：逾期未落实（完成时限2026-10-01，落实中）',10,'2026-12-01');
INSERT INTO warnings VALUES(4,1,'A5','新的属实风险信息','责令纠错',NULL,'2026-12-31','发布','核查2026-08-01的风险信息（信访举报，严重），落实整改并书面反馈',4,'2026-12-01');
INSERT INTO warnings VALUES(5,1,'A5','定级偏低（避高就低）','风险提示',NULL,'2026-12-31','发布','重新评定风险等级，报领导班子集体审定',4,'2026-12-01');
INSERT INTO warnings VALUES(6,1,'A5','防控措施未见实效','风险提示',NULL,'2026-12-31','发布','完善防控措施并按期落实：调解回避制度：效果不佳',10,'2026-12-01');
INSERT INTO warnings VALUES(7,1,'A7','新的属实风险信息','风险提示','P3','2027-01-30','发布','核查2026-03-01的风险信息（信访举报，一般），落实整改并书面反馈',10,'2026-12-01');
INSERT INTO warnings VALUES(8,4,'A3','新的属实风险信息','责令纠错','P3','2027-01-01','发布','核查2026-11-20的风险信息（巡视，严重），落实整改并书面反馈',10,'2026-12-02');
CREATE TABLE labels (
  tbl   TEXT NOT NULL,
  col   TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (tbl, col),
  UNIQUE (tbl, label)
) STRICT;
INSERT INTO labels VALUES('agencies','code','单位代码');
INSERT INTO labels VALUES('agencies','name','单位名称');
INSERT INTO labels VALUES('agencies','parent','上级单位');
INSERT INTO labels VALUES('departments','code','科室代码');
INSERT INTO labels VALUES('departments','agency','单位代码');
INSERT INTO labels VALUES('departments','name','科室名称');
INSERT INTO labels VALUES('posts','code','岗位代码');
INSERT INTO labels VALUES('posts','agency','单位代码');
INSERT INTO labels VALUES('posts','department','科室代码');
INSERT INTO labels VALUES('posts','name','岗位名称');
INSERT INTO labels VALUES('posts','duties','岗位职责');
INSERT INTO labels VALUES('persons','code','人员代码');
INSERT INTO labels VALUES('persons','name','姓名');
INSERT INTO labels VALUES('persons','agency','单位代码');
INSERT INTO labels VALUES('persons','department','科室代码');
INSERT INTO labels VALUES('persons','post','岗位代码');
INSERT INTO labels VALUES('persons','role','职务角色');
INSERT INTO labels VALUES('oversight','person','分管领导');
INSERT INTO labels VALUES('oversight','department','分管科室');
INSERT INTO labels VALUES('powers','code','职权编码');
INSERT INTO labels VALUES('powers','agency','单位代码');
INSERT INTO labels VALUES('powers','name','职权名称');
INSERT INTO labels VALUES('powers','kind','职权类别');
INSERT INTO labels VALUES('powers','content','职权内容');
INSERT INTO labels VALUES('powers','legal_basis','法律依据');
INSERT INTO labels VALUES('powers','department','行使科室');
INSERT INTO labels VALUES('powers','post','行使岗位');
INSERT INTO labels VALUES('powers','major','三重一大');
INSERT INTO labels VALUES('powers','funds','涉及资金(万元)');
INSERT INTO labels VALUES('points','code','风险点编号');
INSERT INTO labels VALUES('points','agency','单位代码');
INSERT INTO labels VALUES('points','level','层级');
INSERT INTO labels VALUES('points','category','风险类别');
INSERT INTO labels VALUES('points','risk_type','风险类型');
INSERT INTO labels VALUES('points','consequence','可能后果');
INSERT INTO labels VALUES('points','manifestation','表现形式');
INSERT INTO labels VALUES('points','power','职权编码');
INSERT INTO labels VALUES('points','department','科室代码');
INSERT INTO labels VALUES('points','post','岗位代码');
INSERT INTO labels VALUES('points','approved_tier','审定等级');
INSERT INTO labels VALUES('points','approved_on','审定日期');
INSERT INTO labels VALUES('points','last_graded','上次评定日期');
INSERT INTO labels VALUES('ratings','point','风险点编号');
INSERT INTO labels VALUES('ratings','source','评议主体');
INSERT INTO labels VALUES('ratings','factor','评定因素');
INSERT INTO labels VALUES('ratings','value','分值');
INSERT INTO labels VALUES('ratings','rated_on','评议日期');
INSERT INTO labels VALUES('measures','point','风险点编号');
INSERT INTO labels VALUES('measures','text','防控措施');
INSERT INTO labels VALUES('measures','responsible','责任人');
INSERT INTO labels VALUES('measures','due','完成时限');
INSERT INTO labels VALUES('measures','status','落实情况');
INSERT INTO labels VALUES('signals','source','信息来源');
INSERT INTO labels VALUES('signals','point','风险点编号');
INSERT INTO labels VALUES('signals','post','岗位代码');
INSERT INTO labels VALUES('signals','received_on','收到日期');
INSERT INTO labels VALUES('signals','severity','严重程度');
INSERT INTO labels VALUES('signals','substantiated','是否属实');
INSERT INTO labels VALUES('signals','text','内容摘要');
INSERT INTO labels VALUES('signals','complainant','举报人');
INSERT INTO labels VALUES('changes','kind','变更类别');
INSERT INTO labels VALUES('changes','power','职权编码');
INSERT INTO labels VALUES('changes','post','岗位代码');
INSERT INTO labels VALUES('changes','changed_on','变更日期');
INSERT INTO labels VALUES('changes','text','变更内容');
INSERT INTO labels VALUES('warnings','id','预警编号');
INSERT INTO labels VALUES('warnings','point','风险点编号');
INSERT INTO labels VALUES('warnings','reason','预警事由');
INSERT INTO labels VALUES('warnings','disposition','处置方式');
INSERT INTO labels VALUES('warnings','responsible','责任人');
INSERT INTO labels VALUES('warnings','due','完成时限');
INSERT INTO labels VALUES('warnings','status','状态');
INSERT INTO labels VALUES('warnings','text','处置要求');
INSERT INTO labels VALUES('approvals','point','风险点编号');
INSERT INTO labels VALUES('approvals','tier','审定等级');
INSERT INTO labels VALUES('approvals','approved_on','审定日期');
INSERT INTO labels VALUES('approvals','by','审定人');
INSERT INTO labels VALUES('approvals','note','审定意见');
CREATE TABLE enum_warning_action (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_warning_action VALUES('发布',1);
INSERT INTO enum_warning_action VALUES('签收',2);
INSERT INTO enum_warning_action VALUES('反馈',3);
INSERT INTO enum_warning_action VALUES('解除',4);
INSERT INTO enum_warning_action VALUES('升级',5);
INSERT INTO enum_warning_action VALUES('加重升级',6);
INSERT INTO enum_warning_action VALUES('逾期升级',7);
CREATE TABLE warning_events (
  id          INTEGER PRIMARY KEY,
  warning     INTEGER NOT NULL REFERENCES warnings(id),
  action      TEXT NOT NULL REFERENCES enum_warning_action(name),
  on_date     TEXT NOT NULL CHECK (date(on_date) IS on_date),
  by          TEXT REFERENCES persons(code),
  run         INTEGER REFERENCES runs(id),
  disposition TEXT NOT NULL REFERENCES enum_disposition(name),
  due         TEXT NOT NULL CHECK (date(due) IS due),
  status      TEXT NOT NULL REFERENCES enum_warning_status(name),
  note        TEXT NOT NULL,
  CHECK ((by IS NULL) <> (run IS NULL))
) STRICT;
INSERT INTO warning_events VALUES(1,1,'发布','2026-12-01',NULL,1,'诫勉谈话','2026-12-16','发布','新的属实风险信息');
INSERT INTO warning_events VALUES(2,2,'发布','2026-12-01',NULL,1,'诫勉谈话','2026-12-16','发布','定级偏低（避高就低）');
INSERT INTO warning_events VALUES(3,3,'发布','2026-12-01',NULL,1,'诫勉谈话','2026-12-16','发布','防控措施未见实效');
INSERT INTO warning_events VALUES(4,4,'发布','2026-12-01',NULL,1,'责令纠错','2026-12-31','发布','新的属实风险信息');
INSERT INTO warning_events VALUES(5,5,'发布','2026-12-01',NULL,1,'风险提示','2026-12-31','发布','定级偏低（避高就低）');
INSERT INTO warning_events VALUES(6,6,'发布','2026-12-01',NULL,1,'风险提示','2026-12-31','发布','防控措施未见实效');
INSERT INTO warning_events VALUES(7,7,'发布','2026-12-01',NULL,1,'风险提示','2027-01-30','发布','新的属实风险信息');
INSERT INTO warning_events VALUES(8,8,'发布','2026-12-02',NULL,4,'责令纠错','2027-01-01','发布','新的属实风险信息');
CREATE TABLE approvals (
  id          INTEGER PRIMARY KEY,
  point       TEXT NOT NULL REFERENCES points(code),
  tier        TEXT NOT NULL REFERENCES enum_tier(name),
  previous    TEXT REFERENCES enum_tier(name),
  run         INTEGER REFERENCES runs(id),
  computed    TEXT REFERENCES enum_tier(name),
  approved_on TEXT NOT NULL CHECK (date(approved_on) IS approved_on),
  by          TEXT NOT NULL REFERENCES persons(code),
  note        TEXT NOT NULL CHECK (note <> '')
) STRICT;
INSERT INTO approvals VALUES(1,'A5','二级','三级',4,'二级','2026-12-02','P1','党组会议集体审定');
INSERT INTO approvals VALUES(2,'A1','一级','二级',8,'一级','2026-12-04','P1','党组会议集体审定');
CREATE TABLE audit (
  seq     INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail  TEXT NOT NULL,
  prev    TEXT NOT NULL,
  hash    TEXT NOT NULL
) STRICT;
INSERT INTO audit VALUES(1,'2026-12-01T08:00:00Z','tester','import','table:agencies','fixtures/tiny/01_agencies.csv (sha256 ced5ce29183c8a4a3461384c1558e84fc0f44ef0a6d120125ceea1165a33856d): 2 rows: 2 new, 0 updated, 0 unchanged [state rows 2 49d1dfa79e058856443044416b3d0338]','0000000000000000000000000000000000000000000000000000000000000000','4773ed6f96095f57f3e7c714efb53ec0a5e441bc9cc7a6b248fcf0b53de65a67');
INSERT INTO audit VALUES(2,'2026-12-01T08:00:00Z','tester','import','table:departments','fixtures/tiny/02_departments.csv (sha256 14857aca38950f0b0916bfee9790ea945257b6241d0b066bb8f126d708783587): 3 rows: 3 new, 0 updated, 0 unchanged [state rows 3 9a9ab7058f8c112ed3f6369305a57e89]','4773ed6f96095f57f3e7c714efb53ec0a5e441bc9cc7a6b248fcf0b53de65a67','aca1f6728b4718a6f1bc8ca5088ac7c8a6395c4c3a686e9d017f45d19fc2ec2b');
INSERT INTO audit VALUES(3,'2026-12-01T08:00:00Z','tester','import','table:posts','fixtures/tiny/03_posts.csv (sha256 4b4457532401a1060c7129ab31387e3b28dc732cace01154db89417d902ba99c): 3 rows: 3 new, 0 updated, 0 unchanged [state rows 3 f6b86aa600c8240533ee017fb3bf542b]','aca1f6728b4718a6f1bc8ca5088ac7c8a6395c4c3a686e9d017f45d19fc2ec2b','710d5425ac831eb32835578a0994a40688571edeb7e7a40152616a475d52c55e');
INSERT INTO audit VALUES(4,'2026-12-01T08:00:00Z','tester','import','table:persons','fixtures/tiny/04_persons.csv (sha256 4b3128f14d579ace92515e1b78d31581281098e2537f2003d419ceaeeff816aa): 6 rows: 6 new, 0 updated, 0 unchanged [state rows 6 8927d3d331807f852485b6ed3de1c2a2]','710d5425ac831eb32835578a0994a40688571edeb7e7a40152616a475d52c55e','094a8f40992ed2c6aba41450fabb6ac8e79ac280d356acbec401af9beff7dac9');
INSERT INTO audit VALUES(5,'2026-12-01T08:00:00Z','tester','import','table:oversight','fixtures/tiny/05_oversight.csv (sha256 00b2af7b1449466779735d2331f3c20ef685116aecfe8b23d9053bb55da26bf5): 2 rows: 2 new, 0 updated, 0 unchanged [state rows 2 50c51f765ed26747afa3a98e7966201a]','094a8f40992ed2c6aba41450fabb6ac8e79ac280d356acbec401af9beff7dac9','6c765dfb91a05b9789ff2a21ecd3dd2b2b9907f69cfcaa21c0e4ddbcd2ae3d24');
INSERT INTO audit VALUES(6,'2026-12-01T08:00:00Z','tester','import','table:powers','fixtures/tiny/06_powers.csv (sha256 94fc83acb015c28b442b7d2799256572b9dfd5ad72ac7404fd131f907cc2264d): 3 rows: 3 new, 0 updated, 0 unchanged [state rows 3 265857d8543a49dfeed31f6495676056]','6c765dfb91a05b9789ff2a21ecd3dd2b2b9907f69cfcaa21c0e4ddbcd2ae3d24','816b6456ed21e5a6cd2b693ffd75870ac55ef6a2b7aeac9d1b8c8c568ffceec2');
INSERT INTO audit VALUES(7,'2026-12-01T08:00:00Z','tester','import','table:points','fixtures/tiny/07_points.csv (sha256 30054f5878297149bdefb4aa2c1972c3cc3a8f3f1d779254b9d3089a0e614d35): 7 rows: 7 new, 0 updated, 0 unchanged [state rows 7 1f85c790950d0dc63e7a1def8b7c6821, approved 7 d285939dfbe28ae7eea9d790c099325c]','816b6456ed21e5a6cd2b693ffd75870ac55ef6a2b7aeac9d1b8c8c568ffceec2','f6ed76498b19d182a46f10eb1b660c40adce87fc1b94899345d3e0f82d195996');
INSERT INTO audit VALUES(8,'2026-12-01T08:00:00Z','tester','import','table:ratings','fixtures/tiny/08_ratings.csv (sha256 0284c23832f60cadf0ed964468fc26b1635b73c8693917cbc59a47f752391807): 7 rows: 7 new, 0 updated, 0 unchanged [state rows 7 6784b351b650f6899283f9734288e31b]','f6ed76498b19d182a46f10eb1b660c40adce87fc1b94899345d3e0f82d195996','05f022ea90297544252dffe24b10c1d5a45ce0a9314498a19ff21dc414fdbd82');
INSERT INTO audit VALUES(9,'2026-12-01T08:00:00Z','tester','import','table:measures','fixtures/tiny/09_measures.csv (sha256 6fbd62bffc2cb4a22927500e5ed95571a9f7592b0e57fd7d8fd61302fd30d78e): 4 rows: 4 new, 0 updated, 0 unchanged [state rows 4 43bedeef47697dad59bcdc80f86f8e20]','05f022ea90297544252dffe24b10c1d5a45ce0a9314498a19ff21dc414fdbd82','2149a7f1fcdb5a40f5fbe31d06826ac80af829b2d44b42dd7fd6813c3dbf871e');
INSERT INTO audit VALUES(10,'2026-12-01T08:00:00Z','tester','import','table:signals','fixtures/tiny/10_signals.csv (sha256 7337c548b7ee62e4473010d482e19b8bfb4dbd8782d359d6d8c5c2af093f9376): 5 rows: 5 new, 0 updated, 0 unchanged [state rows 5 0a6046114b05d993c78d8a888af880ac]','2149a7f1fcdb5a40f5fbe31d06826ac80af829b2d44b42dd7fd6813c3dbf871e','037f1dc9efde7b5760bed101827ec7471bff6d4452ac5760154d3e0c3e1bd757');
INSERT INTO audit VALUES(11,'2026-12-01T08:00:00Z','tester','import','table:changes','fixtures/tiny/11_changes.csv (sha256 7d5706b0521163d05a982de7887d645543f1b6fc09196d50aedf2c1a89731c20): 3 rows: 3 new, 0 updated, 0 unchanged [state rows 3 ce5fccff3f0d56ea7f78807dcd090201]','037f1dc9efde7b5760bed101827ec7471bff6d4452ac5760154d3e0c3e1bd757','2ebdc31d66fa469c35f07c608282a84ca2428dea3bbd6a14b85d42c4b15875db');
INSERT INTO audit VALUES(12,'2026-12-01T09:00:00Z','tester','grade','run:1','as-of 2026-12-01, scope all, rules rules: 7 points (一级 2, 二级 2, 三级 3), 16 flags, 7 warnings (7 new, 0 escalated) [state run 1 2c7c6dda987d8d758f0472d40f84c627, grades 7 e32b417d6ee572389ad45313ae0103dd, flags 16 27e8564e9cf135b593eb348e9a647b0d, warnings 7 397f475a1563ae7e069692d5957033f1, events 7 b51086b5b7978d26662d160df104dc6c]','2ebdc31d66fa469c35f07c608282a84ca2428dea3bbd6a14b85d42c4b15875db','175135932930aae732b46e91ccd90c551fb8c2661999215ba55e1411d729432b');
INSERT INTO audit VALUES(13,'2026-12-01T09:10:00Z','tester','grade','run:2','as-of 2026-12-01, scope T-1, rules rules: 1 points (一级 0, 二级 1, 三级 0), 3 flags, 3 warnings (0 new, 0 escalated) [state run 1 38ce945c9acf2020e7cbc785d925d752, grades 1 56fff4e3fa0085574d721ec517a9061d, flags 3 8ead136dd11f65eb18c328561c6ba874, warnings 0, events 0]','175135932930aae732b46e91ccd90c551fb8c2661999215ba55e1411d729432b','8176ca40f521e14d56a40ca84697bc2af4e82e66109ee8279ae342153fe73098');
INSERT INTO audit VALUES(14,'2026-12-01T09:20:00Z','tester','grade','run:3','as-of 2026-12-01, scope all, rules rules: 7 points (一级 2, 二级 2, 三级 3), 16 flags, 7 warnings (0 new, 0 escalated) [state run 1 721bd6ab0571380d256a6a4b309321f3, grades 7 e32b417d6ee572389ad45313ae0103dd, flags 16 27e8564e9cf135b593eb348e9a647b0d, warnings 0, events 0]','8176ca40f521e14d56a40ca84697bc2af4e82e66109ee8279ae342153fe73098','7773abcfd5f311e323728dd1a20280a646af1cce61866f323d8b50cdb6d980ca');
INSERT INTO audit VALUES(15,'2026-12-02T08:00:00Z','tester','import','table:signals','tests/storage/signal.csv (sha256 e83b6cc9066529d1058c5e61b6c38213e928fd41e82a698b3ce2e2514b8d8038): 1 row: 1 new, 0 updated, 0 unchanged [state rows 6 88ac7b6961a7271da85275b98585f713]','7773abcfd5f311e323728dd1a20280a646af1cce61866f323d8b50cdb6d980ca','a7b1c6c2a25a3e29b571b0d45e56af2899ffb64c3af0e7edc91e1166b700bf34');
INSERT INTO audit VALUES(16,'2026-12-02T09:00:00Z','tester','grade','run:4','as-of 2026-12-02, scope all, rules rules: 7 points (一级 2, 二级 3, 三级 2), 17 flags, 8 warnings (1 new, 0 escalated) [state run 1 9f65c719b16f92cc6a941589180f060a, grades 7 fb0751772f1caac250e7193d9b78f78c, flags 17 555fd917931694ab2358423d0a8a54fc, warnings 1 3907a8b844d4a7eb6f5e8793db494a11, events 1 4d34b06efd4cc064261b1c22aeb8b110]','a7b1c6c2a25a3e29b571b0d45e56af2899ffb64c3af0e7edc91e1166b700bf34','672975e1d106608205a1834f978e32429a951ac4aba1a04b865db782b40df767');
INSERT INTO audit VALUES(17,'2026-12-02T10:00:00Z','P1','approve','approval:1','point A5: 二级 on 2026-12-02 (was 三级; computed 二级 in run 4); cleared 3 flags: measure_failed, new_signal, under_graded; note: 党组会议集体审定 [state approval 1 861407010a391148c2df1e5bad73b20a, cleared 3 dbd458257c0127094b92b09be971d166, approved 7 a6949b80ae3077d1fc69a3f4cdd7a5d8]','672975e1d106608205a1834f978e32429a951ac4aba1a04b865db782b40df767','19b21ed4369e24d0e0f0bb759990038ec3b3ab83a72f7021abf6dfdabe995080');
INSERT INTO audit VALUES(18,'2026-12-03T08:00:00Z','tester','import','table:points','tests/storage/points-moved.csv (sha256 8213cbccfefe3a9606365930abf2885eb48d0c7c096f26757689f05e123c7305): 2 rows: 0 new, 2 updated, 0 unchanged [state rows 7 cee639634227082770ed972ad1b797ef, approved 7 262dbf1f749d1ca2a2abecb018f8235d]','19b21ed4369e24d0e0f0bb759990038ec3b3ab83a72f7021abf6dfdabe995080','a45aff25aca21c1a6b21008a585bdc2c002f46f37fd9530771c9f958dd1dbacb');
INSERT INTO audit VALUES(19,'2026-12-03T09:00:00Z','tester','grade','run:5','as-of 2026-12-02, scope T-1, rules rules: 2 points (一级 0, 二级 1, 三级 1), 1 flags, 1 warnings (0 new, 0 escalated) [state run 1 2753e33c5ba6dd80bfa6196e3a41d8db, grades 2 3c3503449633260b1600904aa7f4f5ce, flags 1 01e12d1fd49d729e28c92d5f792d1fdb, warnings 0, events 0]','a45aff25aca21c1a6b21008a585bdc2c002f46f37fd9530771c9f958dd1dbacb','46d4d310f35370491ec19b238a81aa004be58dbaa06994b0ad5d3e19e3be67f2');
INSERT INTO audit VALUES(20,'2026-12-03T09:10:00Z','tester','grade','run:6','as-of 2026-12-02, scope all, rules rules: 7 points (一级 2, 二级 3, 三级 2), 16 flags, 6 warnings (0 new, 0 escalated) [state run 1 860c7c2f0eb92262ee092c7630c836cb, grades 7 fb0751772f1caac250e7193d9b78f78c, flags 16 438f05696a1dce670baa3a105fa13e43, warnings 0, events 0]','46d4d310f35370491ec19b238a81aa004be58dbaa06994b0ad5d3e19e3be67f2','bfd67eb5fe5cc77de466e27e4bcd504c6aaedbdb6ee4fa92cf93bbf42693cd8f');
INSERT INTO audit VALUES(21,'2026-12-03T09:15:00Z','tester','import','table:points','tests/storage/points-back.csv (sha256 3cac778f2068ae49e11be02c886ea4762b66ccd5808403d4e324f50c1d3edeb0): 2 rows: 0 new, 1 updated, 1 unchanged [state rows 7 1f85c790950d0dc63e7a1def8b7c6821, approved 7 262dbf1f749d1ca2a2abecb018f8235d]','bfd67eb5fe5cc77de466e27e4bcd504c6aaedbdb6ee4fa92cf93bbf42693cd8f','af7866bf7c593aa4958a77932efd35a5d48b5ebe502682840518aa56286a435d');
INSERT INTO audit VALUES(22,'2026-12-03T09:20:00Z','tester','grade','run:7','as-of 2026-12-02, scope T-1, rules rules: 1 points (一级 0, 二级 1, 三级 0), 1 flags, 1 warnings (0 new, 0 escalated) [state run 1 121fb99442d9c44da3468f9b2e9c0da5, grades 1 56fff4e3fa0085574d721ec517a9061d, flags 1 01e12d1fd49d729e28c92d5f792d1fdb, warnings 0, events 0]','af7866bf7c593aa4958a77932efd35a5d48b5ebe502682840518aa56286a435d','8d5a94027305fed5803d40dae174f2718b31bed0bae46be8d1c71a8df790fd07');
INSERT INTO audit VALUES(23,'2026-12-04T09:00:00Z','tester','grade','run:8','as-of 2026-12-02, scope all, rules rules: 7 points (一级 2, 二级 3, 三级 2), 16 flags, 6 warnings (0 new, 0 escalated) [state run 1 fec797e37a74be0ab9010e7ad450a8b2, grades 7 e400dcda408d003ae103fffde070f765, flags 16 438f05696a1dce670baa3a105fa13e43, warnings 0, events 0]','8d5a94027305fed5803d40dae174f2718b31bed0bae46be8d1c71a8df790fd07','41ed842d319f8c93afca96eae96ab216d52f169c9a272aeda775f28d1b15903a');
INSERT INTO audit VALUES(24,'2026-12-04T10:00:00Z','P1','approve','approval:2','point A1: 一级 on 2026-12-04 (was 二级; computed 一级 in run 8); cleared 2 flags: new_signal, under_graded; note: 党组会议集体审定 [state approval 1 1aa79342105c19ee07a7ab69ce039b13, cleared 2 bf43a97f3df9a128fa1655511ec6421a, approved 7 b85c63f8a1033a45827da2453ce9a641]','41ed842d319f8c93afca96eae96ab216d52f169c9a272aeda775f28d1b15903a','b329381f16361fafd003a3a13bc63519eb44e2d0e499549d9cd2c064071f82f6');
INSERT INTO audit VALUES(25,'2026-12-05T09:00:00Z','tester','grade','run:9','as-of 2026-12-02, scope all, rules rules: 7 points (一级 2, 二级 3, 三级 2), 14 flags, 4 warnings (0 new, 0 escalated) [state run 1 1ea8c23f79a55c00b13262757da7ebf6, grades 7 fb0751772f1caac250e7193d9b78f78c, flags 14 2a469efe8c989ef86a0ecf476356a6a5, warnings 0, events 0]','b329381f16361fafd003a3a13bc63519eb44e2d0e499549d9cd2c064071f82f6','38e3134d91488d805dbd9215bb5a6959704b8717b52db5fe163226b26d24ee0f');
INSERT INTO audit VALUES(26,'2026-12-05T09:10:00Z','tester','grade','run:10','as-of 2026-12-02, scope all, rules rules: 7 points (一级 2, 二级 3, 三级 2), 14 flags, 4 warnings (0 new, 0 escalated) [state run 1 d1732573b281d15e717625f98ac0a98e, grades 7 fb0751772f1caac250e7193d9b78f78c, flags 14 2a469efe8c989ef86a0ecf476356a6a5, warnings 0, events 0]','38e3134d91488d805dbd9215bb5a6959704b8717b52db5fe163226b26d24ee0f','90d4ac0f948dc2b818feb87a81c8f6c101d6836e7dfdf36db0f069765dc22ea0');
CREATE INDEX agencies_parent ON agencies(parent);
CREATE INDEX posts_department ON posts(department);
CREATE INDEX persons_agency_role ON persons(agency, role);
CREATE INDEX persons_department_role ON persons(department, role);
CREATE INDEX powers_agency ON powers(agency);
CREATE INDEX points_agency ON points(agency);
CREATE INDEX points_power ON points(power);
CREATE INDEX points_post ON points(post);
CREATE INDEX ratings_point ON ratings(point);
CREATE INDEX measures_point ON measures(point);
CREATE INDEX signals_point ON signals(point);
CREATE INDEX signals_post ON signals(post);
CREATE INDEX changes_power ON changes(power);
CREATE INDEX changes_post ON changes(post);
CREATE INDEX flags_point ON flags(point, run);
CREATE INDEX warnings_run ON warnings(run);
CREATE INDEX warnings_point ON warnings(point);
CREATE INDEX warnings_open ON warnings(point, reason) WHERE status <> '解除';
CREATE INDEX warning_events_warning ON warning_events(warning, id);
CREATE INDEX approvals_point ON approvals(point, id);
CREATE UNIQUE INDEX ratings_key ON ratings (point, source, factor, rated_on);
CREATE UNIQUE INDEX measures_key ON measures (point, text);
CREATE UNIQUE INDEX signals_key
  ON signals (source, ifnull(point, ''), ifnull(post, ''), received_on, text);
CREATE UNIQUE INDEX changes_key
  ON changes (kind, ifnull(power, ''), ifnull(post, ''), changed_on, text);
COMMIT;
PRAGMA user_version = 3;
