-- 009_reuse.sql: which stored results a later run may take without grading the point.
-- A run used to grade every point again, though from one run to the next few points'
-- facts change: a pack's result depends on the point's facts, the packs and the as-of
-- date only, and a pack can say until when its result holds for the same facts
-- (result.recheck_on, rules/README.md).  A row here is that promise for a point's
-- latest stored result: a run as of a date from as_of up to the day before recheck_on,
-- with the same facts, agency, packs and engine (digest), when nothing has changed the
-- result since (schemas/README.md), takes the result stored by run `version` without
-- running the pack; at its end the open warnings of the points it took (their rows'
-- `graded` is an earlier run) are marked seen by it, in one statement (engine/warn.c).
-- Nothing here is a result: deleting rows only makes the next run grade those points
-- again (grade --regrade-all grades every point whatever this table holds).
CREATE TABLE reuse (
  point      TEXT NOT NULL PRIMARY KEY REFERENCES points(code),
  graded     INTEGER NOT NULL REFERENCES runs(id), -- the run that graded it and promised
  version    INTEGER NOT NULL REFERENCES runs(id), -- the run whose grades row holds it
  as_of      TEXT NOT NULL,   -- the as-of date it was graded at
  recheck_on TEXT NOT NULL,   -- the first as-of date on which it may differ
  digest     TEXT NOT NULL,   -- of the point's facts and agency, the packs, the engine
  warnings   INTEGER NOT NULL, -- the warnings the pack asked for
  warned     INTEGER NOT NULL  -- of them, distinct reasons: the point's open warnings
) STRICT, WITHOUT ROWID;
