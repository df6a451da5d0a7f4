-- No SCORE_RANGE: the scores its cases give are checked, 0.4 and 0.8 below 三级's 1; a
-- case that stops with an error has no score.
local pack = {}
pack.TIERS = {
  { tier = "一级", min = 3 }, { tier = "二级", min = 2 }, { tier = "三级", min = 1 },
}

function pack:grade(p, ctx)
  if p.code == "BROKEN" then error("no questionnaire for this point") end
  local score = p.code == "A" and 0.4 or 0.8
  return { score = score, tier = "三级" }
end

pack.CASES = {
  { name = "a", point = { code = "A" }, expect = { tier = "一级" } },
  { name = "b", point = { code = "B" }, expect = { tier = "二级" } },
  { name = "broken", point = { code = "BROKEN" }, expect = { tier = "三级" } },
}
return pack
