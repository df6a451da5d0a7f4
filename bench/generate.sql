-- generate.sql: fill a database made by `riskgrade init` with synthetic data for the
-- benchmark.  The number of points comes from the temp table params(n), created by
-- bench/run.sh.  Mixes follow the demo agency: one agency per 20,000 points (at least 2),
-- 8 departments each with 6 posts, a power per post, ~1.5 ratings, ~1 measure, ~0.1
-- signals on the point, a signal on one post in five, and ~0.02 changes per point.
-- Deterministic: the same n gives the same data.
PRAGMA foreign_keys = OFF;   -- rows are generated in dependency order
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;

CREATE TEMP TABLE k AS SELECT max(2, n / 20000) AS agencies FROM params;

WITH RECURSIVE i(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM i WHERE x < (SELECT agencies FROM k))
INSERT INTO agencies (code, name, parent)
SELECT printf('U%04d', x), printf('基准单位%04d', x), CASE WHEN x = 0 THEN NULL ELSE 'U0000' END
FROM i;

INSERT INTO departments (code, agency, name)
SELECT a.code || '-D' || d.x, a.code, '科室' || d.x
FROM agencies a, (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8) d;

INSERT INTO posts (code, agency, department, name)
SELECT d.code || '-P' || p.x, d.agency, d.code, '岗位' || p.x
FROM departments d, (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                     UNION ALL SELECT 5 UNION ALL SELECT 6) p;

INSERT INTO persons (code, name, agency, department, post, role)
SELECT a.code || '-L', '主要领导', a.code, NULL, NULL, '主要领导' FROM agencies a
UNION ALL SELECT a.code || '-V', '分管领导', a.code, NULL, NULL, '分管领导' FROM agencies a
UNION ALL SELECT d.code || '-H', '科室负责人', d.agency, d.code, NULL, '科室负责人'
  FROM departments d WHERE substr(d.code, -1) <> '8';  -- one department in eight has no head

INSERT INTO oversight (person, department)
SELECT d.agency || '-V', d.code FROM departments d;

-- One power per post, kinds cycling through the 17 kinds; every 9th is 三重一大.
INSERT INTO powers (code, agency, name, kind, legal_basis, department, post, major, funds)
SELECT 'Q' || p.code, p.agency, '职权' || p.rowid, k.name, '《基准法》', p.department, p.code,
       p.rowid % 9 = 0, (p.rowid * 37) % 1200
FROM posts p JOIN enum_power_kind k ON k.ord = 1 + p.rowid % 17;

-- Points: levels 岗位/科室/单位 in 5:3:2, categories cycling, 70% tied to a power,
-- 90% approved with a tier, dates spread over three years.
WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < (SELECT n FROM params)),
pt AS (
  SELECT x,
         (SELECT code FROM posts WHERE rowid = 1 + (x * 7919) % (SELECT count(*) FROM posts)) AS post,
         CASE WHEN x % 10 < 5 THEN '岗位' WHEN x % 10 < 8 THEN '科室' ELSE '单位' END AS level
  FROM i)
INSERT INTO points (code, agency, level, category, manifestation, power, department, post,
                    approved_tier, approved_on, last_graded)
SELECT printf('P%07d', pt.x), po.agency, pt.level,
       (SELECT name FROM enum_category WHERE ord = 1 + pt.x % 5),
       '表现形式：收受礼金、违规审批、优亲厚友（基准数据）' || pt.x,
       CASE WHEN pt.x % 10 < 7 THEN 'Q' || po.code END,
       CASE WHEN pt.level = '科室' THEN po.department END,
       CASE WHEN pt.level = '岗位' THEN po.code END,
       CASE WHEN pt.x % 10 < 9 THEN (SELECT name FROM enum_tier WHERE ord = 1 + pt.x % 3) END,
       CASE WHEN pt.x % 10 < 9 THEN date('2023-12-01', '+' || (pt.x % 1000) || ' days') END,
       CASE WHEN pt.x % 20 < 19 THEN date('2023-12-01', '+' || (pt.x % 1000) || ' days') END
FROM pt JOIN posts po ON po.code = pt.post;

-- Ratings: every second point gets three (self, peer, party-group audit).
INSERT INTO ratings (point, source, factor, value, rated_on)
SELECT p.code, s.name, f.name, 1 + (p.rowid + s.ord + f.ord) % 5, date('2025-01-01', '+' || (p.rowid % 600) || ' days')
FROM points p
JOIN enum_rating_source s ON s.ord IN (1, 2, 5)
JOIN enum_factor f ON f.ord = 1 + p.rowid % 4
WHERE p.rowid % 2 = 0;

-- Measures: one per point; statuses cycle, some overdue.
INSERT INTO measures (point, text, responsible, due, status)
SELECT p.code, '防控措施（基准数据）', p.agency || '-L', date('2026-01-01', '+' || (p.rowid % 500) || ' days'),
       (SELECT name FROM enum_measure_status WHERE ord = 1 + p.rowid % 4)
FROM points p;

-- Signals: one point in ten, a third of them substantiated.
INSERT INTO signals (source, point, received_on, severity, substantiated, text)
SELECT (SELECT name FROM enum_signal_source WHERE ord = 1 + p.rowid % 11), p.code,
       date('2025-06-01', '+' || (p.rowid % 540) || ' days'),
       (SELECT name FROM enum_severity WHERE ord = 1 + p.rowid % 3), p.rowid % 3 = 0, '风险信息（基准数据）'
FROM points p WHERE p.rowid % 10 = 3;

-- Signals on a post: one post in five; each reaches every point of the post.
INSERT INTO signals (source, post, received_on, severity, substantiated, text)
SELECT (SELECT name FROM enum_signal_source WHERE ord = 1 + p.rowid % 11), p.code,
       date('2025-06-01', '+' || (p.rowid % 540) || ' days'),
       (SELECT name FROM enum_severity WHERE ord = 1 + p.rowid % 3), p.rowid % 2 = 0, '岗位风险信息（基准数据）'
FROM posts p WHERE p.rowid % 5 = 1;

-- Changes: a law change for one power in five, a duty change for one post in ten.
INSERT INTO changes (kind, power, changed_on, text)
SELECT '法律法规调整', code, date('2025-03-01', '+' || (rowid % 600) || ' days'), '法规修订（基准数据）'
FROM powers WHERE rowid % 5 = 0;
INSERT INTO changes (kind, post, changed_on, text)
SELECT '职责权限变更', code, date('2025-03-01', '+' || (rowid % 600) || ' days'), '职责调整（基准数据）'
FROM posts WHERE rowid % 10 = 0;

COMMIT;
