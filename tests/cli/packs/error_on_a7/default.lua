-- A pack that fails on the last point only: graded in several threads, the run must still
-- stop, name the point and the line, and write nothing, though every other point was
-- graded (and most stored) before.
local pack = {}
function pack:grade(p, ctx)
  if p.code == "A7" then error("人为错误：最后一个风险点") end
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级" }
end
return pack
