-- Thresholds a score must be above (a published table's "> 320"), checked like min:
-- a tier after another must take scores it leaves, the lowest must take the lowest
-- score, the highest a score there is; an entry is { tier, min } or { tier, above }.
local pack = inherit("default")
pack.SCORE_RANGE = { min = 0.05, max = 10000 }
pack.TIERS = {
  { tier = "一级", above = 10000 },
  { tier = "二级", min = 70 },
  { tier = "二级", above = 70 },
  { tier = "三级", above = 20 },
  { tier = "三级", min = 0, above = 0 },
}
return pack
