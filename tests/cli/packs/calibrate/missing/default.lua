-- 缺少 CALIBRATION 表的规则包：riskgrade calibrate 应报错并指出文件与表名。
local pack = {}

function pack:grade(p, ctx)
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级" }
end

return pack
