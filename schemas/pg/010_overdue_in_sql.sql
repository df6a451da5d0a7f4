-- 010_overdue_in_sql.sql for PostgreSQL: the SQLite date function a run's overdue
-- escalation uses that 000_base.sql lacks (../010_overdue_in_sql.sql says why; julianday()
-- is there already).

-- date(d, modifier): SQLite's date() with the one modifier riskgrade uses, '+N days' or
-- '-N days': d moved N days, written YYYY-MM-DD; NULL outside the years 0001-9999 (as
-- SQLite's), for any other modifier, and for NULL.  PL/pgSQL, not SQL: a SQL function is
-- inlined and its constant arguments folded, which could cast a text that is no date.
CREATE FUNCTION date(d text, modifier text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
DECLARE
  n bigint;
  moved date;
BEGIN
  IF NOT coalesce(rg_is_date(d), false) OR modifier !~ '^[+-][0-9]{1,9} days$' THEN
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
