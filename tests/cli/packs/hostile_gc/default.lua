-- A hostile pack (issue 10, item 4): finalizers that never return, which Lua would run
-- when the state is closed, after the command's work is done: an object of the pack's
-- own, and an error object.  Packs may not give tables a __gc (nor __close or __mode):
-- each attempt is refused, the pack notes the refusal and loads.
local pack = {}

local function forever() while true do end end

local refused = {}
local ok, err = pcall(setmetatable, {}, { __gc = forever })
refused[#refused + 1] = not ok and err or "accepted"
ok, err = pcall(function() error(setmetatable({}, { __gc = forever })) end)
refused[#refused + 1] = type(err) == "string" and err or "accepted"
ok, err = pcall(setmetatable, {}, { __close = forever })
refused[#refused + 1] = not ok and err or "accepted"
ok, err = pcall(setmetatable, {}, { __mode = "k" })
refused[#refused + 1] = not ok and err or "accepted"
pack.REFUSED = refused

function pack:grade(p, ctx)
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = "三级", reasons = self.REFUSED }
end

pack.CASES = {
  { name = "三级", point = {}, expect = { tier = "三级" } },
}

return pack
