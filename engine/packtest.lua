-- packtest.lua: the harness of `riskgrade test`, run in a rule state after the prelude.
-- Embedded in the binary (build/prelude.c).  Called by harness.c with:
--   require_pack  the prelude's loader
--   lines_of      C: the executable lines of a Lua function, as a set
--   hits          a table the C line hook fills: hits[source][line] = true
--   sources       the text of each pack loaded, as it was hashed and run
-- Returns the steps of `riskgrade test`, which harness.c calls one by one, each case
-- under its own CPU limit (a case the limit stops cannot run any Lua code after it):
--   prepare(name) -> number of cases, run_case(i), fail_case(i, error), finish() -> report;
-- and lint(name) -> list of findings.

local require_pack, lines_of, hits, sources = ...

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

-- The facts a pack receives (rules/README.md, "What grade receives").
local FACTS = {
  code = true, agency = true, agency_name = true, level = true, category = true,
  risk_type = true, consequence = true, manifestation = true, approved_tier = true,
  approved_on = true, last_graded = true, power = true, post = true, department = true,
  people = true, ratings = true, measures = true, signals = true, changes = true,
}
local SUBFACTS = {
  power = { code = true, name = true, kind = true, scope = true, legal_basis = true,
            major = true, funds = true },
  post = { code = true, name = true },
  department = { code = true, name = true },
  people = { department_head = true, leader_in_charge = true, principal = true },
}
local TIER_NAMES = { "一级", "二级", "三级" }

-- Every `p.name` and `p.name.sub` in the pack's text (the point is called p by convention).
local function fact_references(text)
  local refs = {}
  local line = 1
  local rest = text
  while true do
    local s, e = re.find(rest, [[(?<![\w.:])p\.[A-Za-z_]\w*(\.[A-Za-z_]\w*)?]])
    if not s then break end
    local before, nl, at = rest:sub(1, s - 1), 0, 1
    while true do
      local found = before:find("\n", at)
      if not found then break end
      nl, at = nl + 1, found + 1
    end
    refs[#refs + 1] = { text = rest:sub(s, e), line = line + nl }
    line = line + nl
    rest = rest:sub(e + 1)
  end
  return refs
end

-- The test of one pack: its table, its cases and the report being made.
local current

-- prepare(name): load pack `name` and start its report; returns its number of cases.
local function prepare(name)
  local pack = require_pack(name)
  for k in pairs(hits) do hits[k] = nil end
  local cases = rawget(pack, "CASES") or {}
  current = { pack = pack, cases = cases, report = { cases = #cases, failures = {}, tiers = {} } }
  local n = 0
  for _ in ipairs(cases) do n = n + 1 end
  return n
end

local function record(i, diffs)
  local case, report = current.cases[i], current.report
  if case.expect and case.expect.tier then report.tiers[case.expect.tier] = true end
  if #diffs > 0 then
    report.failures[#report.failures + 1] =
      { name = case.name or ("case " .. i), index = i, diffs = diffs }
  end
end

-- run_case(i): grade case i and record how it differs from what it expects.  An error
-- goes to the caller, which records it with fail_case.
local function run_case(i)
  local pack, case = current.pack, current.cases[i]
  local got = pack.grade(pack, facts(case.point or {}), { as_of = case.as_of or "2026-12-01" })
  record(i, compare(case.expect or {}, got))
end

-- fail_case(i, err): record that case i stopped with error err.
local function fail_case(i, err)
  if type(err) ~= "string" and type(err) ~= "number" then
    err = ("(error object is a %s value)"):format(type(err))
  end
  record(i, { "error: " .. err })
end

-- finish(): the report of the pack prepared:
--   { cases = n, failures = { { name, diffs = {...} } }, tiers = set of tiers expected,
--     missed = { { name, lines } }, lines = total, run = lines run }
local function finish()
  local report = current.report
  report.missed, report.lines, report.run = coverage(current.pack)
  return report
end

-- lint(name): the static checks a supervisor needs before a review.
local function lint(name)
  local pack = require_pack(name)
  local findings = {}
  local function find(fmt, ...) findings[#findings + 1] = fmt:format(...) end

  local tiers = pack.TIERS
  if type(tiers) == "table" then
    local seen, last = {}, nil
    for i, t in ipairs(tiers) do
      if type(t) ~= "table" or type(t.tier) ~= "string" or type(t.min) ~= "number" then
        find("TIERS[%d]: expected { tier = \"…\", min = <number> }, got %s", i,
             type(t) == "table" and "a table without them" or type(t))
      else
        seen[t.tier] = true
        if last and t.min >= last then
          find("TIERS[%d] (%s, min %s) is not below the tier before it (min %s): %s can never be given",
               i, tostring(t.tier), tostring(t.min), tostring(last), tostring(t.tier))
        end
        last = t.min
      end
    end
    for _, tier in ipairs(TIER_NAMES) do
      if not seen[tier] then find("TIERS has no %s", tier) end
    end
    local w = pack.WEIGHTS
    if type(w) == "table" and last then
      local lowest = (w.importance or 0) + (w.discretion or 0) + (w.likelihood or 0) + (w.harm or 0)
      if last > lowest then
        find("TIERS: the lowest threshold is %s but scores start at %d: scores %d-%s get no tier",
             tostring(last), lowest, lowest, tostring(last - 1))
      end
    end
  end

  local w = pack.WEIGHTS
  if type(w) == "table" and pack.WEIGHT_TOTAL then
    local sum = 0
    for _, k in ipairs({ "importance", "discretion", "likelihood", "harm" }) do
      sum = sum + (w[k] or 0)
    end
    if sum ~= pack.WEIGHT_TOTAL then
      find("WEIGHTS add up to %s, but WEIGHT_TOTAL declares %s", tostring(sum), tostring(pack.WEIGHT_TOTAL))
    end
  end

  for _, ref in ipairs(fact_references(sources[name])) do
    local top, sub
    local dot2 = ref.text:find(".", 3, true)
    top = dot2 and ref.text:sub(3, dot2 - 1) or ref.text:sub(3)
    sub = dot2 and ref.text:sub(dot2 + 1) or nil
    if not FACTS[top] then
      find("line %d: %s: a point has no fact '%s'", ref.line, ref.text, top)
    elseif sub and SUBFACTS[top] and not SUBFACTS[top][sub] then
      find("line %d: %s: %s has no field '%s'", ref.line, ref.text, top, sub)
    end
  end

  local expected = {}
  for _, case in ipairs(rawget(pack, "CASES") or {}) do
    if case.expect and case.expect.tier then expected[case.expect.tier] = true end
  end
  for _, tier in ipairs(TIER_NAMES) do
    if not expected[tier] then find("no case expects %s", tier) end
  end
  return findings
end

return prepare, run_case, fail_case, finish, lint
