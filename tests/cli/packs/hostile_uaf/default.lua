-- A hostile pack (issue 10, item 1): its flags hand their strings over through __index,
-- a fresh string on every read, and make garbage meanwhile, so the collector frees each
-- string as soon as nothing holds it.  The engine must keep what it read until the run
-- has stored it: the flags stored must read exactly as made here.
local pack = {}

local function garbage()
  local junk = {}
  for i = 1, 3000 do junk[i] = { i, tostring(i) } end
end

-- A flag whose fields are made on each read: code "f1", label "标签1", evidence
-- "证据1：……" (long, so that it is a string of its own).
local function flag(point, i)
  return setmetatable({}, { __index = function(_, key)
    garbage()
    if key == "code" then return "f" .. i end
    if key == "label" then return "标签" .. i end
    if key == "evidence" then
      return ("证据%d：%s的第%d条证据，由元方法现造"):format(i, point, i) .. ("。"):rep(20)
    end
  end })
end

function pack:grade(p, ctx)
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级",
           flags = { flag(p.code, 1), flag(p.code, 2), flag(p.code, 3) } }
end

return pack
