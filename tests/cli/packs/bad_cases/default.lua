-- A pack whose test cases are malformed: a name that is not a string, a case that is not a
-- table, an expect that is not a table.  Each is reported by its place, and the others run.
local pack = {}
function pack:grade(p, ctx)
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级" }
end
pack.CASES = {
  { name = {}, point = { code = "X1" }, expect = { tier = "一级" } },
  { name = true, point = { code = "X2" }, expect = { tier = "三级" } },
  42,
  { name = "named", point = { code = "X4" }, expect = 7 },
}
return pack
