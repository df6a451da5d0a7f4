local pack = inherit("default")
pack.SCORE_RANGE = { min = "0", max = 1 }
return pack
