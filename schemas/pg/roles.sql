-- roles.sql: who may read and write what in a PostgreSQL register.  Run after
-- 000_base.sql (and after any later migration), by the role that ran them, which owns
-- every table: the engine runs it on PostgreSQL only.  Running it again changes nothing.
--
-- Three group roles, NOLOGIN; a person logs in with a role of their own that is made a
-- member of one of them (GRANT riskgrade_agency TO alice):
--   riskgrade_province  the provincial supervisors: read and write every row of every
--                       table, except the complainant's identity (signals.complainant),
--                       which they can neither read nor write;
--   riskgrade_agency    an agency's supervisors: the rows of their agency and of the units
--                       under it, in every table that belongs to an agency, enforced by
--                       the row-level security policies below, whatever the client sends;
--                       nor the complainant;
--   riskgrade_petition  the 信访 handlers: every row, and the only ones who may read and
--                       write signals.complainant.
-- The owner (the role that ran init) keeps every right: it runs migrations and may grade
-- the whole province.
--
-- Which agency a login belongs to is a row of agency_members (member = the login role's
-- name, agency = the unit); it sees that unit and every unit under it in the agency tree
-- (agencies.parent), as the tree is at the time of each query.  A member of
-- riskgrade_agency without such a row sees no row of an agency's table.  Only the owner
-- writes agency_members.  The login is session_user: SET ROLE does not change it, so
-- `SET ROLE riskgrade_agency` keeps the login's agency.  A login should be a member of
-- one group role only: the policies of two roles add up (a member of riskgrade_agency and
-- riskgrade_petition sees every row).
--
-- The complainant is protected by column privileges, not by a table of its own: signals
-- keeps the columns SQLite has (the engine hashes and lists columns in declared order),
-- and the engine's queries name the columns they read and never read complainant outside
-- the import of a 信访 sheet and the confidential paths, so every other query works
-- unchanged for the province and agency roles, while `SELECT *` or complainant is refused
-- to them ("permission denied for table signals").  The province and agency roles get
-- SELECT, INSERT and UPDATE on every other column of signals; the petition role on all.
--
-- Row-level security is ENABLEd, not FORCEd: the policies apply to the three group roles
-- (and their members), not to the owner.  FORCE would subject the owner too, and with
-- it rg_member_agencies(), which reads the whole agency tree as the owner (SECURITY
-- DEFINER), and the migrations and province-wide runs the owner makes, to policies that
-- name no owner: they would see no row.  The owner is the administrator's role; nobody
-- works as it day to day.
--
-- The views run with the rights of whoever queries them (security_invoker), so that
-- run_grades and the others show an agency's role its own rows only: by default a view
-- reads its tables with its owner's rights, which bypass row-level security.

-- ---------------------------------------------------------------------------------------
-- The roles and who belongs to which agency
-- ---------------------------------------------------------------------------------------

DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['riskgrade_province', 'riskgrade_agency', 'riskgrade_petition']
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      -- Another init of the same cluster may be making it at this moment: the roles
      -- are the cluster's, and theirs will do.
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', r);
      EXCEPTION WHEN unique_violation OR duplicate_object THEN
        NULL;
      END;
    END IF;
  END LOOP;
END
$$;

CREATE TABLE IF NOT EXISTS agency_members (
  member text PRIMARY KEY CONSTRAINT "member: a non-empty role name" CHECK (member <> ''),
  agency text NOT NULL REFERENCES agencies(code)
);

-- The codes of the agencies the login (session_user) may see: its agency in
-- agency_members and every unit under it.  SECURITY DEFINER: it reads agency_members and
-- the whole tree as the owner, whom the policies do not restrict.
CREATE OR REPLACE FUNCTION rg_member_agencies() RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  WITH RECURSIVE tree(code) AS (
    SELECT agency FROM agency_members WHERE member = session_user
    UNION
    SELECT a.code FROM agencies a JOIN tree t ON a.parent = t.code)
  SELECT code FROM tree
$$;
REVOKE ALL ON FUNCTION rg_member_agencies() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rg_member_agencies()
  TO riskgrade_province, riskgrade_agency, riskgrade_petition;

-- ---------------------------------------------------------------------------------------
-- Table privileges
-- ---------------------------------------------------------------------------------------

DO $$
DECLARE
  t text;
  cols text;
BEGIN
  -- Everything readable, every table of the register writable; reference data, the
  -- labels and agency_members are the owner's, the declared facts' definitions (shared
  -- by every agency) the province's; the audit log is append-only for all, and who
  -- belongs to which agency is not an agency's business.
  EXECUTE 'GRANT USAGE ON SCHEMA public TO riskgrade_province, riskgrade_agency, riskgrade_petition';
  EXECUTE 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO riskgrade_province, riskgrade_agency, riskgrade_petition';
  EXECUTE 'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO riskgrade_province, riskgrade_agency, riskgrade_petition';
  FOR t IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
      AND c.relname NOT LIKE 'enum\_%' AND c.relname NOT IN ('labels', 'agency_members', 'audit', 'signals',
                                                          'fact_definitions')
  LOOP
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO riskgrade_province, riskgrade_agency, riskgrade_petition', t);
  END LOOP;
  EXECUTE 'GRANT INSERT ON audit TO riskgrade_province, riskgrade_agency, riskgrade_petition';
  EXECUTE 'GRANT INSERT, UPDATE, DELETE ON fact_definitions TO riskgrade_province';
  EXECUTE 'REVOKE ALL ON agency_members FROM riskgrade_agency';

  -- signals: every column but complainant for the province and agency roles.
  SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
  FROM pg_attribute
  WHERE attrelid = 'signals'::regclass AND attnum > 0 AND NOT attisdropped
    AND attname <> 'complainant';
  EXECUTE 'REVOKE ALL ON signals FROM riskgrade_province, riskgrade_agency';
  EXECUTE format('GRANT SELECT (%s) ON signals TO riskgrade_province, riskgrade_agency', cols);
  EXECUTE format('GRANT INSERT (%s), UPDATE (%s) ON signals TO riskgrade_province, riskgrade_agency',
                 replace(cols, ', rowid', ''), replace(cols, ', rowid', ''));
  EXECUTE 'GRANT DELETE ON signals TO riskgrade_province, riskgrade_agency';
  EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON signals TO riskgrade_petition';
END
$$;

-- ---------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------

-- Each table that belongs to an agency, and the condition its rows meet for an agency's
-- role: the agency itself, or the point, power, post, department, run or warning the row
-- belongs to, which the policies of that table restrict in turn (a subquery in a policy
-- is read with the rights, and under the policies, of whoever runs the query).  A
-- migration that adds a table belonging to an agency adds it here; the grants above
-- cover every table already.
CREATE TEMP TABLE rg_agency_rows (tbl text PRIMARY KEY, cond text NOT NULL);
INSERT INTO rg_agency_rows VALUES
  ('departments', 'agency IN (SELECT rg_member_agencies())'),
  ('posts', 'agency IN (SELECT rg_member_agencies())'),
  ('persons', 'agency IN (SELECT rg_member_agencies())'),
  ('powers', 'agency IN (SELECT rg_member_agencies())'),
  ('points', 'agency IN (SELECT rg_member_agencies())'),
  ('oversight', 'department IN (SELECT code FROM departments)'),
  ('ratings', 'point IN (SELECT code FROM points)'),
  ('measures', 'point IN (SELECT code FROM points)'),
  ('signals', 'point IN (SELECT code FROM points) OR post IN (SELECT code FROM posts)'),
  ('changes', 'power IN (SELECT code FROM powers) OR post IN (SELECT code FROM posts)'),
  ('grades', 'point IN (SELECT code FROM points)'),
  ('traces', 'point IN (SELECT code FROM points)'),
  ('flags', 'point IN (SELECT code FROM points)'),
  ('warnings', 'point IN (SELECT code FROM points)'),
  ('warning_events', 'warning IN (SELECT id FROM warnings)'),
  ('approvals', 'point IN (SELECT code FROM points)'),
  ('coverage', 'point IN (SELECT code FROM points)'),
  ('reuse', 'point IN (SELECT code FROM points)'),
  ('point_facts', 'point IN (SELECT code FROM points)'),
  ('power_facts', 'power IN (SELECT code FROM powers)'),
  ('post_facts', 'post IN (SELECT code FROM posts)'),
  ('run_packs', 'run IN (SELECT id FROM runs)'),
  ('run_scopes', 'agency IN (SELECT rg_member_agencies())');

DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT tbl, cond FROM rg_agency_rows
           UNION ALL SELECT 'agencies', NULL UNION ALL SELECT 'runs', NULL
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', r.tbl);
    EXECUTE format('DROP POLICY IF EXISTS riskgrade_all ON %I', r.tbl);
    EXECUTE format('CREATE POLICY riskgrade_all ON %I TO riskgrade_province, riskgrade_petition'
                   ' USING (true) WITH CHECK (true)', r.tbl);
    EXECUTE format('DROP POLICY IF EXISTS riskgrade_agency_rows ON %I', r.tbl);
    IF r.cond IS NOT NULL THEN
      EXECUTE format('CREATE POLICY riskgrade_agency_rows ON %I TO riskgrade_agency'
                     ' USING (%s) WITH CHECK (%s)', r.tbl, r.cond, r.cond);
    END IF;
  END LOOP;
END
$$;
DROP TABLE rg_agency_rows;

-- agencies: an agency's role sees its units; it may add, change and remove only units
-- under one of them, so never its own unit (whose parent it does not see), and cannot
-- move a unit out of its tree.
DROP POLICY IF EXISTS riskgrade_agency_read ON agencies;
DROP POLICY IF EXISTS riskgrade_agency_add ON agencies;
DROP POLICY IF EXISTS riskgrade_agency_change ON agencies;
DROP POLICY IF EXISTS riskgrade_agency_remove ON agencies;
CREATE POLICY riskgrade_agency_read ON agencies FOR SELECT TO riskgrade_agency
  USING (code IN (SELECT rg_member_agencies()));
CREATE POLICY riskgrade_agency_add ON agencies FOR INSERT TO riskgrade_agency
  WITH CHECK (parent IN (SELECT rg_member_agencies()));
CREATE POLICY riskgrade_agency_change ON agencies FOR UPDATE TO riskgrade_agency
  USING (parent IN (SELECT rg_member_agencies()))
  WITH CHECK (parent IN (SELECT rg_member_agencies()));
CREATE POLICY riskgrade_agency_remove ON agencies FOR DELETE TO riskgrade_agency
  USING (parent IN (SELECT rg_member_agencies()));

-- runs: an agency's role sees its own runs (scope one of its units) and the runs of the
-- whole province (scope NULL: their counts, and through grades and flags its own points'
-- results); it may record runs of its own units only.
DROP POLICY IF EXISTS riskgrade_agency_read ON runs;
DROP POLICY IF EXISTS riskgrade_agency_write ON runs;
CREATE POLICY riskgrade_agency_read ON runs FOR SELECT TO riskgrade_agency
  USING (scope IS NULL OR scope IN (SELECT rg_member_agencies()));
CREATE POLICY riskgrade_agency_write ON runs FOR ALL TO riskgrade_agency
  USING (scope IN (SELECT rg_member_agencies()))
  WITH CHECK (scope IN (SELECT rg_member_agencies()));

-- The views read their tables with the querying role's rights and policies.
ALTER VIEW run_grades SET (security_invoker = true);
ALTER VIEW run_factors SET (security_invoker = true);
ALTER VIEW run_flags SET (security_invoker = true);
ALTER VIEW run_traces SET (security_invoker = true);
ALTER VIEW point_latest SET (security_invoker = true);
