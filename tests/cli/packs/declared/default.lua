-- A pack that reads facts the agency declared (tests/cli/data/facts/defs.csv): lint
-- --db checks each against the sheet it is declared for.
local pack = {}
pack.SCORE_RANGE = { min = 0, max = 9 }
pack.TIERS = { { tier = "一级", min = 7 }, { tier = "二级", min = 4 }, { tier = "三级", min = 0 } }

function pack:grade(p, ctx)
  local score = p.facts and p.facts.score or 0             -- declared for 风险点: fine
  local cash = p.post and p.post.facts and p.post.facts.cash -- declared for 岗位: fine
  local typo = p.facts and p.facts.scor                    -- declared nowhere
  local wrong = p.facts and p.facts.cash                   -- a 岗位 fact read on the point
  local ratio = p.power and p.power.facts and p.power.facts.score  -- a 风险点 fact
  local tier = score >= 7 and "一级" or score >= 4 and "二级" or "三级"
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = score, tier = tier }
end

pack.CASES = {
  { name = "7", point = { facts = { score = 7 } }, expect = { tier = "一级" } },
  { name = "4", point = { facts = { score = 4 } }, expect = { tier = "二级" } },
  { name = "0", point = {}, expect = { tier = "三级" } },
}

return pack
