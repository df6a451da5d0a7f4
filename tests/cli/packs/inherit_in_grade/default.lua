-- A pack that loads another pack from grade(), for point A3: refused, so that the other
-- pack's code never runs in one grading thread's state only (agencies/ZZ.lua says so if
-- it does), whether the pack catches the error or not.
local pack = {}
function pack:grade(p, ctx)
  if p.code == "A3" then
    local ok, err = pcall(inherit, "ZZ")
    if not ok then inherit("ZZ") end
  end
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级" }
end
return pack
