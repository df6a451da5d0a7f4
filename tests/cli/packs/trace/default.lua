-- A pack that says where each reason comes from (here() is nil unless grade --trace).
local pack = {}
function pack:grade(p, ctx)
  local reasons, at = {}, {}
  reasons[1] = "第一条理由"; at[1] = here()
  reasons[2] = "第二条理由"; at[2] = here()
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级", reasons = reasons, trace = at }
end
return pack
