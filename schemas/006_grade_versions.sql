-- 006_grade_versions.sql: a run stores what changed.  Until now every run wrote a full
-- copy of its results (a grades row per point, its flags, its traces), although from one
-- run to the next few points change.  From now on grades, flags and traces hold versions:
-- a row is written only when a point's result differs from its result in the latest
-- earlier run that graded it, and the views run_grades, run_flags and run_traces give
-- every run's results exactly as the full copies did.  schemas/README.md explains the
-- model; in short:
--
--   grades    a row (run R, point P) is P's grade from run R on: the latest row of P at or
--             before a run is P's grade in that run, if that run graded P at all.
--   flags     belong to the grade row they came with: (R, P, code) are the flags of the
--             row (R, P).  A result is its grade, reasons and flags together: when only
--             the flags change, the grade row is written again with them.
--   traces    likewise belong to the grade row (R, P), and count only for runs made with
--             --trace; a traced run writes the row again when the row it would reuse was
--             not made by a traced run.
--   run_scopes  the agencies whose points run R graded: its --agency and the units under
--             it, or every agency, as the agency tree was when R ran.
--   coverage  (P, R, A): from run R on, P is in agency A as far as the runs know; NULL:
--             no run graded P from R on (P left the scope of run R, which had graded it
--             before).  Written when P is graded in another agency than its latest
--             coverage row says, or not graded by a run whose scope holds that agency.
--
-- Run R graded point P when P has a grades row at R, or when P has a grades row before R
-- and its latest coverage row at or before R names an agency of run_scopes(R).
--
-- An approval clears the flags of the latest run that graded the point.  When that run
-- reuses an earlier row, the approval first copies the row (grade, flags and traces) to
-- that run, so that the earlier runs keep their flags open as they were; a later run
-- always writes its own row then, because cleared flags are not what a run computes.
--
-- The full copies are converted here.  The scope of a run made before is the set of the
-- agencies its points are in now, and every point's coverage rows name its agency now:
-- where a point was when those runs were made is not recorded, and does not matter, as
-- each run's set of points comes out exactly as stored.  A copy is deleted when it holds
-- the same grade, reasons, flags (and cleared_by), and for a traced run the same traces,
-- as the point's row in the run before that graded it.  Rows of runs that no longer exist
-- (deleted by hand) are deleted.  The file keeps its size (SQLite
-- reuses the freed pages for the next runs); `sqlite3 DB VACUUM` gives the space back.

CREATE TABLE run_scopes (
  run    INTEGER NOT NULL REFERENCES runs(id),
  agency TEXT NOT NULL REFERENCES agencies(code),
  PRIMARY KEY (run, agency)
) STRICT, WITHOUT ROWID;
CREATE INDEX run_scopes_agency ON run_scopes(agency, run);

CREATE TABLE coverage (
  point  TEXT NOT NULL REFERENCES points(code),
  run    INTEGER NOT NULL REFERENCES runs(id),
  agency TEXT REFERENCES agencies(code),
  PRIMARY KEY (point, run)
) STRICT, WITHOUT ROWID;

-- ---------------------------------------------------------------------------------------
-- The results of every run
-- ---------------------------------------------------------------------------------------

-- COVERED(R, P, V): run R (a runs row) graded point P, whose latest rows up to R are
-- those of run V (written here in full in each view that needs it):
--   V = R.id OR EXISTS (SELECT 1 FROM run_scopes s WHERE s.run = R.id AND s.agency =
--     (SELECT c.agency FROM coverage c WHERE c.point = P AND c.run <= R.id
--      ORDER BY c.run DESC LIMIT 1))

-- The grades of run `run`, one row for each point it graded, with version, the run that
-- stored the row.
CREATE VIEW run_grades AS
SELECT r.id AS run, g.point, g.pack, g.importance, g.discretion, g.likelihood, g.harm,
       g.score, g.tier, g.reasons, g.run AS version
FROM runs r JOIN grades g
  ON g.run <= r.id
 AND g.run = (SELECT max(x.run) FROM grades x WHERE x.point = g.point AND x.run <= r.id)
WHERE g.run = r.id
   OR EXISTS (SELECT 1 FROM run_scopes s WHERE s.run = r.id AND s.agency =
               (SELECT c.agency FROM coverage c WHERE c.point = g.point AND c.run <= r.id
                ORDER BY c.run DESC LIMIT 1));

-- The flags of run `run`, with cleared_by as the approvals left them, and version, the
-- run that stored them.  The version is the latest run up to `run` that stored a grades
-- or a flags row of the point: the same run as run_grades finds, and the flags still
-- found when its grades row is missing (deleted behind riskgrade's back: the audit log
-- names the grades alone then).
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

-- The traces of run `run`: those it stored, and when it was made with --trace, those of
-- the earlier rows it reuses.
CREATE VIEW run_traces AS
SELECT g.run, t.point, t.seq, t.reason, t.source
FROM run_grades g JOIN runs r ON r.id = g.run
JOIN traces t ON t.run = g.version AND t.point = g.point
WHERE r.traced OR g.version = g.run;

-- For every point graded at least once: run, the latest run that graded it, and version,
-- the run whose rows hold its result then (its latest grades row).  After
-- its latest coverage row (agency A, from run F), the point was graded by every run from
-- F on whose scope holds A; after a NULL one, by none, so the latest is found before it.
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

-- ---------------------------------------------------------------------------------------
-- Converting the full copies
-- ---------------------------------------------------------------------------------------

DELETE FROM traces WHERE run NOT IN (SELECT id FROM runs);
DELETE FROM flags WHERE run NOT IN (SELECT id FROM runs);
DELETE FROM grades WHERE run NOT IN (SELECT id FROM runs);

INSERT INTO run_scopes (run, agency)
  SELECT DISTINCT g.run, p.agency FROM grades g JOIN points p ON p.code = g.point;

-- Every point in every run whose scope holds its agency: graded (with its result, the
-- flags and traces as text that compares equal exactly when they are the same) or not.
CREATE TEMP TABLE version_states AS
SELECT s.run, p.code AS point, p.agency, g.run IS NOT NULL AS graded, r.traced,
       g.pack, g.importance, g.discretion, g.likelihood, g.harm, g.score, g.tier,
       g.reasons,
       (SELECT json_group_array(json_array(f.code, f.label, f.evidence, f.cleared_by))
        FROM (SELECT * FROM flags f WHERE f.run = s.run AND f.point = p.code
              ORDER BY f.code) f) AS flag_list,
       CASE WHEN r.traced THEN
         (SELECT json_group_array(json_array(t.seq, t.reason, t.source))
          FROM (SELECT * FROM traces t WHERE t.run = s.run AND t.point = p.code
                ORDER BY t.seq) t) END AS trace_list
FROM run_scopes s JOIN runs r ON r.id = s.run
JOIN points p ON p.agency = s.agency
LEFT JOIN grades g ON g.point = p.code AND g.run = s.run;

-- The graded states that repeat the point's previous graded state.
CREATE TEMP TABLE version_repeats AS
SELECT run, point FROM (
  SELECT run, point, traced, trace_list,
         lag(run) OVER w IS NOT NULL
         AND lag(pack) OVER w IS pack AND lag(importance) OVER w IS importance
         AND lag(discretion) OVER w IS discretion AND lag(likelihood) OVER w IS likelihood
         AND lag(harm) OVER w IS harm AND lag(score) OVER w IS score
         AND lag(tier) OVER w IS tier AND lag(reasons) OVER w IS reasons
         AND lag(flag_list) OVER w IS flag_list AS same,
         lag(traced) OVER w AS traced_before, lag(trace_list) OVER w AS traces_before
  FROM version_states WHERE graded
  WINDOW w AS (PARTITION BY point ORDER BY run))
WHERE same AND (NOT traced OR (traced_before AND traces_before IS trace_list));

DELETE FROM traces WHERE (run, point) IN (SELECT run, point FROM version_repeats);
DELETE FROM flags WHERE (run, point) IN (SELECT run, point FROM version_repeats);
DELETE FROM grades WHERE (run, point) IN (SELECT run, point FROM version_repeats);

-- Coverage: a point's agency where it is graded after not being graded (or first), NULL
-- where it is not graded after being graded.
INSERT INTO coverage (point, run, agency)
SELECT point, run, CASE WHEN graded THEN agency END FROM (
  SELECT point, run, agency, graded,
         lag(graded) OVER (PARTITION BY point ORDER BY run) AS graded_before
  FROM version_states)
WHERE (graded AND graded_before IS NOT 1) OR (NOT graded AND graded_before = 1);

DROP TABLE version_repeats;
DROP TABLE version_states;
