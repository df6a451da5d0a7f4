-- Scores 0.4-0.8 (SCORE_RANGE) under thresholds made for whole numbers: no score reaches
-- 三级's minimum of 1, nor 二级's or 一级's.  A level that is not a string.
local pack = inherit("default")
pack.SCORE_RANGE = { min = 0.4, max = 0.8 }
pack.TIERS = {
  { tier = "一级", min = 3, level = 5 },
  { tier = "二级", min = 2 },
  { tier = "三级", min = 1 },
}
return pack
