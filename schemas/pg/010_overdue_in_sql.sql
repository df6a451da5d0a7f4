-- 010_overdue_in_sql.sql for PostgreSQL: the SQLite date functions a run's overdue
-- escalation uses (../010_overdue_in_sql.sql says why): date(), which 000_base.sql lacks,
-- and julianday(), which it has, made quick.

-- date(d, modifier): SQLite's date() with the one modifier riskgrade uses, '+N days' or
-- '-N days', for a date d as riskgrade writes them (rg_is_date): d moved N days, written
-- YYYY-MM-DD; NULL past 9999-12-31 (as SQLite's), before 0001-01-01 (SQLite goes on to
-- the year 0, which PostgreSQL's dates lack), for any other modifier or d, and for NULL.
-- PL/pgSQL, not SQL: a SQL function is inlined and its constant arguments folded, which
-- could cast a text that is no date.
CREATE FUNCTION date(d text, modifier text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
DECLARE
  n bigint;
  moved date;
BEGIN
  IF NOT coalesce(rg_is_date(d), false) OR d < '0001-01-01'
     OR modifier !~ '^[+-][0-9]{1,9} days$' THEN
    RETURN NULL;
  END IF;
  n := substring(modifier FROM '^[+-][0-9]+')::bigint;
  IF abs(n) > 3652059 THEN -- more than 0001-01-01 to 9999-12-31: outside either way
    RETURN NULL;
  END IF;
  moved := d::date + n::integer;
  IF moved < DATE '0001-01-01' OR moved > DATE '9999-12-31' THEN
    RETURN NULL;
  END IF;
  RETURN to_char(moved, 'YYYY-MM-DD');
END
$$;

-- julianday(t) again, the same function in PL/pgSQL: 000_base.sql's is a SQL function
-- that reads t many times, which PostgreSQL does not inline, and cost 66 µs a call (this
-- one a tenth of that); the run's escalation calls it four times a warning.
CREATE OR REPLACE FUNCTION julianday(t text) RETURNS double precision
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
DECLARE
  y integer;
  m integer;
  d integer;
  jd double precision;
BEGIN
  IF t !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-2][0-9]:[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?)?$'
  THEN
    RETURN NULL;
  END IF;
  y := substr(t, 1, 4)::integer;
  m := substr(t, 6, 2)::integer;
  d := substr(t, 9, 2)::integer;
  IF m NOT BETWEEN 1 AND 12 OR d NOT BETWEEN 1 AND 31
     OR (length(t) > 10 AND substr(t, 12, 2)::integer > 23) THEN
    RETURN NULL;
  END IF;
  -- rg_julian_day(y, m, d) (SQLite's computeJD()), written out: a call to that SQL
  -- function would cost what made the old julianday() slow
  IF m <= 2 THEN
    y := y - 1;
    m := m + 12;
  END IF;
  jd := (36525 * (y + 4716) / 100) + (306001 * (m + 1) / 10000) + d
        + (2 - y / 100 + (y / 100) / 4) - 1524.5::double precision;
  IF length(t) > 10 THEN
    jd := jd + extract(epoch FROM substr(t, 12)::time)::double precision / 86400;
  END IF;
  RETURN jd;
END
$$;
