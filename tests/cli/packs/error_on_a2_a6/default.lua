-- A pack that fails on two points, the first of them only after a little work: graded in
-- several threads, A6 is likely to fail before A2 does, yet the run must name A2, the
-- first failing point in code order, as one thread would.
local pack = {}
function pack:grade(p, ctx)
  if p.code == "A2" then
    local n = 0
    for i = 1, 1000000 do n = n + i end
    error("A2 失败（在一些计算之后）")
  end
  if p.code == "A6" then error("A6 失败（立即）") end
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级" }
end
return pack
