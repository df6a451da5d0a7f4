-- A pack that asks twice for the same warning on one point: the run counts three asks,
-- but only two warnings exist (one per reason), and the summary counts those.
local pack = {}
local function warning(reason, disposition)
  return { reason = reason, disposition = disposition, due = "2026-12-31", text = "整改" }
end
function pack:grade(p, ctx)
  local result = { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
                   score = 10, tier = "三级", reasons = { "测试" } }
  if p.code == "A1" then
    result.warnings = { warning("甲", "风险提示"), warning("乙", "风险提示"),
                        warning("甲", "诫勉谈话") }
  end
  return result
end
return pack
