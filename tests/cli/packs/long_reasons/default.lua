-- A pack whose reasons are long: five of 1,801 bytes each (600 times 理, 3 bytes in
-- UTF-8, then the reason's number), 9,009 bytes joined one per line.  Each is within a
-- reason's limit (4,000 characters); together they are more than grade once kept (8 KiB).
local pack = {}
function pack:grade(p, ctx)
  local reasons = {}
  for i = 1, 5 do reasons[i] = string.rep("理", 600) .. i end
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级", reasons = reasons }
end
return pack
