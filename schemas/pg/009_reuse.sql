-- 009_reuse.sql for PostgreSQL: the same table as ../009_reuse.sql, which says why.
CREATE TABLE reuse (
  point      text NOT NULL PRIMARY KEY REFERENCES points(code),
  graded     bigint NOT NULL REFERENCES runs(id),
  version    bigint NOT NULL REFERENCES runs(id),
  as_of      text NOT NULL,
  recheck_on text NOT NULL,
  digest     text NOT NULL,
  warnings   bigint NOT NULL,
  warned     bigint NOT NULL
);
