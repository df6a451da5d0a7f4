-- A pack with every mistake lint looks for.
local pack = {}
pack.WEIGHTS = { importance = 3, discretion = 3, likelihood = 2, harm = 3 }
pack.WEIGHT_TOTAL = 10
pack.TIERS = {
  { tier = "一级", min = 30 },
  { tier = "三级", min = 34 },
}

function pack:grade(p, ctx)
  local kind = p.power and p.power.kinds
  local owner = p.powr
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级" }
end

pack.CASES = {
  { name = "only 三级", point = {}, expect = { tier = "三级" } },
}

return pack
