-- A SCORE_RANGE upside down, and one that is not numbers.
local pack = inherit("default")
pack.SCORE_RANGE = { min = 1, max = 0 }
return pack
