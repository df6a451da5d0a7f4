-- Results that break the contract of rules/README.md: a field the engine does not read
-- (label) and a reason of two lines.  grade stops on the first; test fails those cases.
local pack = {}

function pack:grade(p, ctx)
  local result = {
    factors = { importance = 2, discretion = 2, likelihood = 2, harm = 2 },
    score = 20, tier = "三级", reasons = { "得分20" },
  }
  if p.code == "A1" or p.code == "LABEL" then result.label = "一般" end
  if p.code == "LINES" then result.reasons = { "第一行\n第二行" } end
  return result
end

pack.CASES = {
  { name = "a field the engine does not read", point = { code = "LABEL" },
    expect = { tier = "三级" } },
  { name = "a reason of two lines", point = { code = "LINES" }, expect = { tier = "三级" } },
  { name = "a good result", point = { code = "GOOD" }, expect = { tier = "三级" } },
}

return pack
