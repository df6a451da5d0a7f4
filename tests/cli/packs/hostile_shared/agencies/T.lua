-- Agency T grades with the national pack, through inheritance: it shares the read-only
-- view of default with T-1's pack.
return inherit("default")
