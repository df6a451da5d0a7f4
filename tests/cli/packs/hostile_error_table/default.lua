-- A hostile pack (issue 10, item 7): it raises a table, not a message, while it loads.
-- The error must still name the pack's file.
error({ code = 42 })
