-- A pack that never returns on one point: in a grading thread, the CPU limit must stop
-- it as it does in the main thread, and the run must write nothing.
local pack = {}
function pack:grade(p, ctx)
  if p.code == "A5" then
    while true do end
  end
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级" }
end
return pack
