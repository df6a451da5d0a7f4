-- prelude.lua: run once in each rule state before any pack, with the sandboxed globals.
-- It gives every pack its own environment, in which the libraries and the packs it
-- inherits from are read-only, and provides inherit(name).  Embedded in the binary
-- (build/prelude.c); called by rules.c with loadpack, the C function that reads a pack
-- file as text and returns it as a function with the given environment.
--
-- Returns require_pack(name) -> pack table, and parents (name -> the name it inherits).

local loadpack = ...
local setmetatable, type, error, next, tostring = setmetatable, type, error, next, tostring

-- Read-only views of tables, made once per table and kept while the table lives.
-- A flat table (one holding no tables, as every library does) is indexed directly: no
-- function call on each math.min or date.days a pack makes for every point.
local views = setmetatable({}, { __mode = "k" })

local function readonly(t, what, flat)
  local view = views[t]
  if view then return view end
  view = setmetatable({}, {
    __index = flat and t or function(_, k)
      local v = t[k]
      if type(v) == "table" then return readonly(v, what) end
      return v
    end,
    __newindex = function(_, k)
      error(("%s is read-only (field '%s'): assign a whole new table to your own pack instead")
        :format(what, tostring(k)), 2)
    end,
    __len = function() return #t end,
    __pairs = function()
      return function(_, k)
        local nk, nv = next(t, k)
        if type(nv) == "table" then nv = readonly(nv, what) end
        return nk, nv
      end, view, nil
    end,
    __metatable = false,
  })
  views[t] = view
  return view
end

-- Whether t holds no tables (then a read-only view need not wrap what it returns).
local function flat(t)
  for _, v in next, t do
    if type(v) == "table" then return false end
  end
  return true
end

-- What every pack sees: the sandboxed globals, libraries read-only.
local shared = {}
for name, value in next, _G do
  if type(value) == "table" then
    shared[name] = readonly(value, "the library '" .. name .. "'", flat(value))
  else
    shared[name] = value
  end
end
shared._G = nil
getmetatable("").__metatable = false   -- the string library is reachable through strings

-- sorted_pairs(t): like pairs, in the order of the keys (numbers before strings), so a
-- pack that walks a table gives the same result on every run.
function shared.sorted_pairs(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    return a < b
  end)
  local i = 0
  return function()
    i = i + 1
    local k = keys[i]
    if k ~= nil then return k, t[k] end
  end
end

local loaded, loading, parents, current = {}, {}, {}, {}

local function environment(name)
  return setmetatable({}, {
    __index = shared,
    __newindex = function(_, k)
      error(("pack '%s': assignment to the global '%s': declare it local"):format(name, tostring(k)), 2)
    end,
    __metatable = false,
  })
end

local function require_pack(name)
  local pack = loaded[name]
  if pack then return pack end
  if loading[name] then
    error(("pack '%s' inherits from itself"):format(name), 0)
  end
  loading[name] = true
  current[#current + 1] = name
  pack = loadpack(name, environment(name))()
  current[#current] = nil
  loading[name] = nil
  if type(pack) ~= "table" then
    error(("pack '%s' must return a table, got %s"):format(name, type(pack)), 0)
  end
  if type(pack.grade) ~= "function" then
    error(("pack '%s' has no method grade(self, point, ctx)"):format(name), 0)
  end
  loaded[name] = pack
  return pack
end

-- inherit(name): a new pack that has everything of pack `name` and may override any of
-- it.  The base is read-only: assign whole new tables to change weights or thresholds.
function shared.inherit(name)
  if type(name) ~= "string" then
    error("inherit: expected the name of a pack, e.g. \"default\"", 2)
  end
  local base = require_pack(name)
  parents[current[#current]] = name
  return setmetatable({}, { __index = readonly(base, "pack '" .. name .. "'") })
end

return require_pack, parents
