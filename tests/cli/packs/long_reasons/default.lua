-- A pack whose texts are long.  Reasons: five of 1,801 bytes each (600 times 理, 3 bytes
-- in UTF-8, then the reason's number), 9,009 bytes joined one per line.  Each is within a
-- reason's limit (4,000 characters); together they are more than grade once kept (8 KiB).
-- A1 also gets a warning whose reason is 400 times 预 (1,200 bytes, within a warning
-- reason's 1,000 characters), more than a warning once kept of it (511 bytes), and ten
-- flags whose codes are 20 times 标 and a digit 0-9 (61 bytes each: together, ", "
-- between them, 628 bytes, more than an approval once kept of them, 511).
local pack = {}
function pack:grade(p, ctx)
  local reasons = {}
  for i = 1, 5 do reasons[i] = string.rep("理", 600) .. i end
  local warnings, flags
  if p.code == "A1" then
    warnings = { { reason = string.rep("预", 400), disposition = "风险提示",
                   due = "2026-12-31", text = "整改" } }
    flags = {}
    for i = 0, 9 do
      flags[#flags + 1] = { code = string.rep("标", 20) .. i, label = "标记" .. i, evidence = "e" }
    end
  end
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级", reasons = reasons, warnings = warnings, flags = flags }
end
return pack
