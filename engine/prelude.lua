-- prelude.lua: run once in each rule state before any pack, with the sandboxed globals.
-- It gives every pack its own environment, in which the libraries, ctx and the packs it
-- inherits from are read-only, and provides inherit(name).  Embedded in the binary
-- (build/prelude.c); called by rules.c with loadpack, the C function that reads a pack
-- file as text and returns it as a function with the given environment (and the file's
-- path), and ctx, the table handed to every grade().
--
-- Returns require_pack(name) -> pack table, parents (name -> the name it inherits), and
-- the read-only view of ctx to hand to the packs.
--
-- Read-only means that no write of one pack reaches another pack, a library or ctx:
-- a view is an empty proxy whose real table the pack cannot reach (its metatable is
-- hidden), a write through it is an error, and so is a raw write into it (rawset),
-- which would otherwise land in the proxy that every pack shares.  Packs may not give a
-- table a finalizer (__gc), which Lua runs with the CPU limit off, nor __close or
-- __mode.

local loadpack, ctx = ...
local setmetatable, rawset, rawget, type, error, next, tostring, pcall =
  setmetatable, rawset, rawget, type, error, next, tostring, pcall

-- The tables a pack may not write into, raw or not: each read-only view and each pack's
-- globals, with the function that says why.
local protected = setmetatable({}, { __mode = "k" })

-- __newindex of a protected table: level 2 is the code that assigns.
local function refuse(t, k)
  error(protected[t](k), 2)
end

-- Read-only views of tables, made once per table and kept while the table lives.
-- A flat table (one holding no tables, as every library does) is indexed directly: no
-- function call on each math.min or date.days a pack makes for every point.
local views = setmetatable({}, { __mode = "k" })

local HINT = "assign a whole new table to your own pack instead"

local function readonly(t, what, flat, hint)
  local view = views[t]
  if view then return view end
  view = setmetatable({}, {
    __index = flat and t or function(_, k)
      local v = t[k]
      if type(v) == "table" then return readonly(v, what, false, hint) end
      return v
    end,
    __newindex = refuse,
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
  protected[view] = function(k)
    return ("%s is read-only (field '%s'): %s"):format(what, tostring(k), hint or HINT)
  end
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

-- rawset(t, k, v), except into a protected table.
function shared.rawset(t, k, v)
  local why = protected[t]
  if why then error(why(k), 2) end
  return rawset(t, k, v)
end

-- setmetatable(t, mt), except with a finalizer (run with hooks off, so no CPU limit),
-- __close or __mode (which would make results depend on when the collector runs).
local REFUSED = { "__gc", "__close", "__mode" }
function shared.setmetatable(t, mt)
  if type(mt) == "table" then
    for i = 1, #REFUSED do
      if rawget(mt, REFUSED[i]) ~= nil then
        error(("setmetatable: a metatable with %s is not allowed in a rule pack")
          :format(REFUSED[i]), 2)
      end
    end
  end
  return setmetatable(t, mt)
end

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
  local env = setmetatable({}, { __index = shared, __newindex = refuse, __metatable = false })
  protected[env] = function(k)
    return ("pack '%s': assignment to the global '%s': declare it local"):format(name, tostring(k))
  end
  return env
end

local function require_pack(name)
  local pack = loaded[name]
  if pack then return pack end
  if loading[name] then
    error(("pack '%s' inherits from itself"):format(name), 0)
  end
  local chunk, path = loadpack(name, environment(name))
  loading[name] = true
  current[#current + 1] = name
  local ok, result = pcall(chunk)
  current[#current] = nil
  loading[name] = nil
  if not ok then
    if type(result) ~= "string" then
      error(("%s: error object is a %s value"):format(path, type(result)), 0)
    end
    error(result, 0)
  end
  pack = result
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
  -- Only while a pack is loading: a pack loaded from grade() would run its code in one
  -- grading thread's state and not the others', and be missing from the run's packs.
  if #current == 0 then
    error("inherit: only at the top of a pack, when it is loaded (not from grade())", 2)
  end
  local base = require_pack(name)
  parents[current[#current]] = name
  return setmetatable({}, { __index = readonly(base, "pack '" .. name .. "'") })
end

return require_pack, parents, readonly(ctx, "ctx", true, "it is the same for every point")
