-- CALIBRATION.markedly_lower 为 0：任何差值都会被判为明显偏低，riskgrade calibrate 应拒绝。
local pack = {}
pack.CALIBRATION = { min_points = 5, min_peer_points = 10, markedly_lower = 0 }

function pack:grade(p, ctx)
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级" }
end

return pack
