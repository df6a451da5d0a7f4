-- 008_warnings_by_person.sql: the warning list finds each person's warnings by an index.
-- `riskgrade warnings` prints one group per responsible person (分级负责: who must act),
-- each group read by a query of its own (warnings WHERE responsible IS ?), and no index
-- led from a person to their warnings: every group read every warning, so the list cost
-- persons × warnings, which grows as the square of a register (at 100,000 bench points,
-- 51 persons: 23 s of CPU, 4 s with this index).  A run adds entries only for the
-- warnings it issues, so the index adds little to what a later run stores.
CREATE INDEX warnings_responsible ON warnings(responsible);
