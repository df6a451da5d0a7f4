-- 002_review.sql: the review cycle (动态管理, 预警处置): when each run was made, warnings
-- that live from one run to the next until someone releases them, collective approvals
-- (集体审定) that clear re-grading flags, and the hash-chained audit log of every human
-- action.

-- When a run was recorded (UTC, ISO 8601) and who started it; what it did to warnings.
ALTER TABLE runs ADD COLUMN created_at TEXT;
ALTER TABLE runs ADD COLUMN actor TEXT;
ALTER TABLE runs ADD COLUMN warnings_new INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN warnings_escalated INTEGER NOT NULL DEFAULT 0;

-- 预警状态: issued, acknowledged by the responsible person, feedback received, released.
INSERT INTO enum_warning_status VALUES ('签收', 4);
UPDATE enum_warning_status SET ord = ord * 10;
UPDATE enum_warning_status SET ord = 15 WHERE name = '签收';

-- A warning is now one case followed across runs: issued by run `run`, proposed again by
-- later runs (seen_run) without being duplicated, escalated when the situation worsens or
-- its due date passes, open until released (解除).  issued_on is the date of the latest
-- issue or escalation: the due period the pack gave runs from it.
ALTER TABLE warnings ADD COLUMN seen_run INTEGER REFERENCES runs(id);
ALTER TABLE warnings ADD COLUMN issued_on TEXT;
UPDATE warnings SET seen_run = run, issued_on = (SELECT as_of FROM runs WHERE id = run);
CREATE INDEX warnings_open ON warnings(point, reason) WHERE status <> '解除';

-- 预警处置记录: what happened to a warning, when, by whom (NULL: the engine, in a run),
-- and what it looked like afterwards.
CREATE TABLE enum_warning_action (name TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE) STRICT;
INSERT INTO enum_warning_action VALUES
  ('发布', 1), ('签收', 2), ('反馈', 3), ('解除', 4),
  ('升级', 5), ('加重升级', 6), ('逾期升级', 7);

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
CREATE INDEX warning_events_warning ON warning_events(warning, id);
INSERT INTO warning_events (warning, action, on_date, run, disposition, due, status, note)
  SELECT id, '发布', issued_on, run, disposition, due, '发布', reason FROM warnings;

-- 集体审定: the tier a point's collective review approved, by whom, why, and what the
-- engine had computed (in run `run`) when it was approved.
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
CREATE INDEX approvals_point ON approvals(point, id);

-- An approval clears the flags its point had in the run it was made against.
ALTER TABLE flags ADD COLUMN cleared_by INTEGER REFERENCES approvals(id);

-- 审计日志: every human action (import, grade, approve, warning transitions), appended in
-- order; hash = SHA-256 of the entry's fields and prev, prev = the hash of the entry
-- before (64 zeros for the first).  `riskgrade audit DB verify` re-computes the chain.
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

INSERT INTO labels VALUES
  ('warnings', 'id', '预警编号'), ('warnings', 'point', '风险点编号'),
  ('warnings', 'reason', '预警事由'), ('warnings', 'disposition', '处置方式'),
  ('warnings', 'responsible', '责任人'), ('warnings', 'due', '完成时限'),
  ('warnings', 'status', '状态'), ('warnings', 'text', '处置要求'),
  ('approvals', 'point', '风险点编号'), ('approvals', 'tier', '审定等级'),
  ('approvals', 'approved_on', '审定日期'), ('approvals', 'by', '审定人'),
  ('approvals', 'note', '审定意见');
