-- A pack that fails on one point: the run must stop and write nothing.
local pack = {}
function pack:grade(p, ctx)
  if p.code == "A4" then error("人为错误：用于测试") end
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级" }
end
return pack
