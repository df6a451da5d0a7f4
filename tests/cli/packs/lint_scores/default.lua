-- A method whose score is a fraction 0-1 (a weighted questionnaire, say), with its own
-- levels: lint finds nothing, the thresholds being checked against SCORE_RANGE.
local pack = {}
pack.SCORE_RANGE = { min = 0, max = 1 }
pack.TIERS = {
  { tier = "一级", min = 0.7, level = "重大" },
  { tier = "二级", min = 0.4, level = "一般" },
  { tier = "三级", min = 0, level = "低" },
}

function pack:grade(p, ctx)
  local score = p.code == "HIGH" and 0.75 or p.code == "MID" and 0.45 or 0.1
  for _, t in ipairs(self.TIERS) do
    if score >= t.min then return { score = score, tier = t.tier, level = t.level } end
  end
end

pack.CASES = {
  { name = "high", point = { code = "HIGH" }, expect = { tier = "一级" } },
  { name = "middle", point = { code = "MID" }, expect = { tier = "二级" } },
  { name = "low", point = { code = "LOW" }, expect = { tier = "三级" } },
}

return pack
