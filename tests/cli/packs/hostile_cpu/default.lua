-- A hostile pack (issue 10, item 3): ways to outrun the CPU limit of one point.  Each case
-- makes one attempt (named by the point's code); each must stop within seconds, by the
-- limit (which pcall cannot catch) or by a cap on the C function that would loop, and
-- the harness must go on with the next case.
local pack = {}

local ATTACKS = {
  -- The limit's error caught by pcall or xpcall, and the loop goes on.
  pcall_loop = function()
    while true do pcall(function() while true do end end) end
  end,
  xpcall_loop = function()
    while true do xpcall(function() while true do end end, function(m) return m end) end
  end,
  -- Loops inside C functions, where no hook runs.
  rep_empty = function() return string.rep("", 2^62) end,
  rep_sep = function() return ("x"):rep(2^40, "") end,
  move_range = function() return table.move({}, 1, 2^40, 2) end,
  concat_range = function()
    return table.concat(setmetatable({}, { __index = rawlen }), "", 1, 2^40)
  end,
  insert_len = function()
    table.insert(setmetatable({}, { __len = function() return 2^60 end }), 1, "x")
  end,
  remove_len = function()
    table.remove(setmetatable({}, { __len = function() return 2^60 end }), 1)
  end,
  sort_len = function()
    table.sort(setmetatable({}, { __len = function() return 2^31 - 2 end, __index = rawlen }))
  end,
  -- Plain find of a long needle that almost matches everywhere: quadratic if naive.
  find_quadratic = function()
    local hay, needle = ("a"):rep(2^23), ("a"):rep(2^22) .. "b"
    if hay:find(needle, 1, true) then return "found" end
  end,
  -- Copies of one long string sorted without a function: each comparison reads 16 MiB
  -- inside C (Lua's sort calls no Lua code between them unless given one).
  sort_equal = function()
    local s, t = ("a"):rep(2^24), {}
    for i = 1, 20000 do t[i] = s end
    table.sort(t)
  end,
}

function pack:grade(p, ctx)
  local outcome = ATTACKS[p.code]()
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = outcome == nil and "三级" or "一级" }
end

-- Every case expects 三级: a case that stops is reported with the error that stopped it.
local names = {}
for name in pairs(ATTACKS) do names[#names + 1] = name end
table.sort(names)
pack.CASES = {}
for i, name in ipairs(names) do
  pack.CASES[i] = { name = name, point = { code = name }, expect = { tier = "三级" } }
end

return pack
