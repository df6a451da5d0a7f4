-- sqlite.sql: what riskgrade's SQL uses of SQLite that PostgreSQL lacks, given to it here
-- so the engine writes each query once (engine/dialect.c rewrites what a function cannot:
-- parameters, IS, GLOB, the place of NULL in ORDER BY).
--
-- SQLite's catalog: the engine learns a table's columns, defaults and references from
-- pragma_table_info() and pragma_foreign_key_list(), and a table's CHECK constraints from
-- sqlite_schema; these give the same answers from PostgreSQL's own catalog (import, audit,
-- fact definitions).  Then SQLite's functions: printf(), typeof(), json_each() of a text,
-- and rg_glob() for GLOB.  (000_base.sql has ifnull(), group_concat(), julianday(),
-- instr() and sum() of truth values, which its views use.)

-- pragma_table_info(TABLE): its columns in declared order, as SQLite lists them: the
-- declared type (INTEGER, REAL, TEXT), NOT NULL, the default expression, and whether the
-- column is in the primary key.  The hidden `rowid` column every table has here (see
-- 000_base.sql) is left out, as SQLite leaves its rowid out.
CREATE FUNCTION pragma_table_info(tbl text)
RETURNS TABLE (cid bigint, name text, type text, "notnull" boolean, dflt_value text,
               pk boolean)
LANGUAGE sql STABLE AS $$
  SELECT row_number() OVER (ORDER BY a.attnum) - 1, a.attname::text,
         CASE a.atttypid WHEN 'bigint'::regtype THEN 'INTEGER'
                         WHEN 'integer'::regtype THEN 'INTEGER'
                         WHEN 'double precision'::regtype THEN 'REAL'
                         WHEN 'text'::regtype THEN 'TEXT'
                         ELSE upper(format_type(a.atttypid, a.atttypmod)) END,
         a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
         EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary
                  AND a.attnum = ANY (i.indkey))
    FROM pg_attribute a
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE a.attrelid = to_regclass(tbl) AND a.attnum > 0 AND NOT a.attisdropped
     AND a.attname <> 'rowid'
   ORDER BY a.attnum
$$;

-- pragma_foreign_key_list(TABLE): each referencing column, the table it refers to and
-- the column there.
CREATE FUNCTION pragma_foreign_key_list(tbl text)
RETURNS TABLE ("from" text, "table" text, "to" text)
LANGUAGE sql STABLE AS $$
  SELECT a.attname::text, t.relname::text, f.attname::text
    FROM pg_constraint c
   CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, fcol)
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
    JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = k.fcol
    JOIN pg_class t ON t.oid = c.confrelid
   WHERE c.contype = 'f' AND c.conrelid = to_regclass(tbl)
   ORDER BY c.oid, a.attnum
$$;

-- sqlite_schema: each table and view of riskgrade's schema with, as its `sql`, a CREATE
-- statement that names its constraints (CONSTRAINT "name" definition): what the engine
-- reads of SQLite's (the named date CHECKs of a table), not a statement to run.  A name
-- longer than PostgreSQL's 63 bytes is the whole one its comment keeps (000_base.sql);
-- the tables only PostgreSQL has (schema_version, agency_members) are left out.
CREATE VIEW sqlite_schema AS
  SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END AS type,
         c.relname::text AS name, c.relname::text AS tbl_name,
         'CREATE TABLE ' || c.relname || ' (' ||
         coalesce((SELECT string_agg('CONSTRAINT "' ||
                                     coalesce(obj_description(n.oid, 'pg_constraint'),
                                              n.conname) || '" ' ||
                                     pg_get_constraintdef(n.oid), ', ' ORDER BY n.oid)
                     FROM pg_constraint n WHERE n.conrelid = c.oid), '') || ')' AS sql
    FROM pg_class c
   WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v')
     AND c.relname NOT IN ('schema_version', 'agency_members');

-- printf(FORMAT, ...): SQLite's printf for the conversions riskgrade uses: %s (NULL as
-- nothing), %d, %g (at most 6 significant digits, no trailing zeros), %.Nf and %+.Nf
-- (rounded to N places), and %%.  The engine passes a list's numbers as text.
CREATE FUNCTION rg_g(v double precision) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN NULL
              WHEN v = 0 THEN '0'
              ELSE (round(v::numeric, greatest(0, 5 - floor(log(abs(v::numeric)))::integer))
                    )::double precision::text END
$$;
CREATE FUNCTION rg_printf(fmt text, args text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  said text := '';
  i integer := 1;
  k integer := 1;
  m text[];
  a text;
BEGIN
  IF fmt IS NULL THEN
    RETURN NULL;
  END IF;
  WHILE i <= length(fmt) LOOP
    m := regexp_match(substr(fmt, i), '^(%(\+?)(?:\.([0-9]+))?([sdgf%]))');
    IF substr(fmt, i, 1) <> '%' OR m IS NULL THEN
      said := said || substr(fmt, i, 1);
      i := i + 1;
      CONTINUE;
    END IF;
    i := i + length(m[1]);
    IF m[4] = '%' THEN
      said := said || '%';
      CONTINUE;
    END IF;
    a := args[k];
    k := k + 1;
    said := said || CASE
      WHEN m[4] = 's' THEN coalesce(a, '')
      WHEN a IS NULL THEN ''
      WHEN m[4] = 'd' THEN m[2] || trunc(a::numeric)::bigint::text
      WHEN m[4] = 'g' THEN rg_g(a::double precision)
      ELSE CASE WHEN m[2] = '+' AND a::numeric >= 0 THEN '+' ELSE '' END ||
           round(a::numeric, coalesce(m[3]::integer, 6))::text
    END;
  END LOOP;
  RETURN said;
END
$$;
CREATE FUNCTION printf(fmt text, a double precision) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT rg_printf(fmt, ARRAY[a::text]) $$;
CREATE FUNCTION printf(fmt text, VARIADIC args text[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT rg_printf(fmt, args) $$;

-- typeof(x): SQLite's name of a value's type.
CREATE FUNCTION typeof(v anyelement) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN 'null'
              WHEN pg_typeof(v) IN ('bigint'::regtype, 'integer'::regtype,
                                    'smallint'::regtype) THEN 'integer'
              WHEN pg_typeof(v) IN ('double precision'::regtype, 'real'::regtype,
                                    'numeric'::regtype) THEN 'real'
              ELSE 'text' END
$$;

-- json_each(TEXT): the members of a JSON object (or array) in their order, as SQLite
-- lists them: key, value (a text as itself, a number as written), and SQLite's type name.
CREATE FUNCTION json_each(doc text) RETURNS TABLE (key text, value text, type text)
LANGUAGE sql IMMUTABLE AS $$
  SELECT j.key, CASE json_typeof(j.value) WHEN 'string' THEN j.value #>> '{}'
                                          ELSE j.value::text END,
         CASE json_typeof(j.value)
           WHEN 'number' THEN CASE WHEN j.value::text ~ '^-?[0-9]+$' THEN 'integer'
                                   ELSE 'real' END
           WHEN 'string' THEN 'text' WHEN 'boolean' THEN j.value::text
           ELSE json_typeof(j.value) END
    FROM json_each(doc::json) AS j
$$;

-- a GLOB b (dialect.c: a ~ rg_glob(b)): the GLOB pattern b as an anchored regular
-- expression: * any text, ? one character, [...] a set, everything else itself.
CREATE FUNCTION rg_glob(pattern text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT '^' || replace(replace(regexp_replace(pattern, '([.+^${}()|\\])', '\\\1', 'g'),
                                '*', '.*'), '?', '.') || '$'
$$;
