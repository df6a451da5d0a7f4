-- 等级校准测试用规则包 (the test pack of the calibrate-* cases).
-- 每个风险点按其审定等级定级，运行结果的等级即 tests/cli/data/calibrate/03_points.csv 的
-- "审定等级"一列，手工计算见该目录的 README.md。
local pack = {}

-- 本单位至少 3 个、其他单位合计至少 5 个风险点才作判断；低 0.5 分及以上为明显偏低
pack.CALIBRATION = { min_points = 3, min_peer_points = 5, markedly_lower = 0.5 }

function pack:grade(p, ctx)
  return {
    factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
    score = 10,
    tier = p.approved_tier,
    reasons = { "按审定等级定为" .. p.approved_tier },
  }
end

return pack
