-- packtest.lua: the harness of `riskgrade test`, run in a rule state after the prelude.
-- Embedded in the binary (build/packtest.c).  Called by rules.c with:
--   require_pack  the prelude's loader
--   lines_of      C: the executable lines of a Lua function, as a set
--   hits          a table the C line hook fills: hits[source][line] = true
-- Returns run(name) -> report table (see the end of this file).

local require_pack, lines_of, hits = ...

local LISTS = { "ratings", "measures", "signals", "changes" }

-- The case's point, with empty lists where the case gives none, so cases stay short.
local function facts(point)
  local p = {}
  for k, v in pairs(point) do p[k] = v end
  for _, k in ipairs(LISTS) do p[k] = p[k] or {} end
  p.code = p.code or "CASE"
  p.level = p.level or "岗位"
  p.category = p.category or "业务流程"
  p.risk_type = p.risk_type or "廉政风险"
  return p
end

local function sorted(list)
  local copy = {}
  for i, v in ipairs(list) do copy[i] = v end
  table.sort(copy)
  return copy
end

local function show(list)
  if #list == 0 then return "（无）" end
  return table.concat(sorted(list), ", ")
end

local function same(a, b)
  a, b = sorted(a), sorted(b)
  if #a ~= #b then return false end
  for i = 1, #a do if a[i] ~= b[i] then return false end end
  return true
end

-- Compare what the pack returned with what the case expects; returns a list of lines.
local function compare(expect, got)
  local diffs = {}
  local function diff(field, want, have)
    diffs[#diffs + 1] = ("%s: expected %s, got %s"):format(field, want, have)
  end
  if expect.tier and expect.tier ~= got.tier then diff("tier", expect.tier, tostring(got.tier)) end
  if expect.score and expect.score ~= got.score then
    diff("score", tostring(expect.score), tostring(got.score))
  end
  for _, k in ipairs({ "importance", "discretion", "likelihood", "harm" }) do
    local want = expect.factors and expect.factors[k]
    if want and want ~= (got.factors or {})[k] then
      diff("factors." .. k, tostring(want), tostring((got.factors or {})[k]))
    end
  end
  if expect.flags then
    local codes = {}
    for i, f in ipairs(got.flags or {}) do codes[i] = f.code end
    if not same(expect.flags, codes) then diff("flags", show(expect.flags), show(codes)) end
  end
  if expect.warnings then
    local dispositions = {}
    for i, w in ipairs(got.warnings or {}) do dispositions[i] = w.disposition end
    if not same(expect.warnings, dispositions) then
      diff("warnings", show(expect.warnings), show(dispositions))
    end
  end
  return diffs
end

local function run_case(pack, case)
  local ok, got = pcall(pack.grade, pack, facts(case.point or {}),
                        { as_of = case.as_of or "2026-12-01" })
  if not ok then return { "error: " .. tostring(got) }, nil end
  return compare(case.expect or {}, got), got
end

-- The functions the pack defines itself (not those it inherits), by name.
local function own_functions(pack)
  local fns = {}
  for name, v in next, pack do
    if type(v) == "function" then fns[#fns + 1] = { name = name, fn = v } end
  end
  table.sort(fns, function(a, b) return a.name < b.name end)
  return fns
end

-- Lines of the pack's own functions that no case ran.
local function coverage(pack)
  local report, total, run = {}, 0, 0
  for _, f in ipairs(own_functions(pack)) do
    local lines, source = lines_of(f.fn)
    local missed = {}
    for line in pairs(lines) do
      total = total + 1
      if hits[source] and hits[source][line] then run = run + 1 else missed[#missed + 1] = line end
    end
    table.sort(missed)
    if #missed > 0 then
      report[#report + 1] = { name = f.name, lines = missed }
    end
  end
  return report, total, run
end

-- run(name): load pack `name`, run its own CASES, and report:
--   { cases = n, failures = { { name, diffs = {...} } }, tiers = set of tiers expected,
--     missed = { { name, lines } }, lines = total, run = lines run }
return function(name)
  local pack = require_pack(name)
  for k in pairs(hits) do hits[k] = nil end
  local cases = rawget(pack, "CASES") or {}
  local report = { cases = #cases, failures = {}, tiers = {} }
  for i, case in ipairs(cases) do
    local diffs = run_case(pack, case)
    if case.expect and case.expect.tier then report.tiers[case.expect.tier] = true end
    if #diffs > 0 then
      report.failures[#report.failures + 1] =
        { name = case.name or ("case " .. i), index = i, diffs = diffs }
    end
  end
  report.missed, report.lines, report.run = coverage(pack)
  return report
end
