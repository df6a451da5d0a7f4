-- CALIBRATION.min_points 写成了字符串 "5"：riskgrade calibrate 应报错并指出键名。
local pack = {}
pack.CALIBRATION = { min_points = "5", min_peer_points = 10, markedly_lower = 0.5 }

function pack:grade(p, ctx)
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级" }
end

return pack
