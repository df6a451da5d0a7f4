-- packtest.lua: the harness of `riskgrade test`, run in a rule state after the prelude.
-- Embedded in the binary (build/prelude.c).  Called by harness.c with:
--   require_pack  the prelude's loader
--   lines_of      C: the executable lines of a Lua function, as a set
--   hits          a table the C line hook fills: hits[source][line] = true
--   sources       the text of each pack loaded, as it was hashed and run
--   check_result  C: raises what a run would stop with if a result breaks the contract
-- Returns the steps of `riskgrade test`, which harness.c calls one by one, each case
-- under its own CPU limit (a case the limit stops cannot run any Lua code after it):
--   prepare(name) -> number of cases, run_case(i), fail_case(i, error), finish() -> report;
-- and those of `riskgrade lint`, likewise: lint(name, declared) -> number of cases to grade for
-- their scores, lint_case(i), lint_fail(i, error), lint_finish() -> list of findings.

local require_pack, lines_of, hits, sources, check_result = ...

local LISTS = { "ratings", "measures", "signals", "changes" }

-- The case's point, with empty lists where the case gives none, so cases stay short.
local function facts(point)
  local p = {}
  for k, v in pairs(point) do p[k] = v end
  for _, k in ipairs(LISTS) do p[k] = p[k] or {} end
  -- Declared facts, as the engine hands them: always a table, on the point and on its
  -- power and post when it has them.
  p.facts = p.facts or {}
  for _, k in ipairs({ "power", "post" }) do
    if type(p[k]) == "table" and p[k].facts == nil then
      local copy = {}
      for key, v in pairs(p[k]) do copy[key] = v end
      copy.facts = {}
      p[k] = copy
    end
  end
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
  if expect.level and expect.level ~= got.level then
    diff("level", expect.level, tostring(got.level))
  end
  if expect.recheck_on and expect.recheck_on ~= got.recheck_on then
    diff("recheck_on", expect.recheck_on, tostring(got.recheck_on))
  end
  -- Each factor the case names, the national four or the method's own; false for one
  -- the result must not give.
  local names = {}
  for k in pairs(expect.factors or {}) do names[#names + 1] = tostring(k) end
  table.sort(names)
  for _, k in ipairs(names) do
    local want, have = expect.factors[k], (got.factors or {})[k]
    if want == false then want = nil end
    if want ~= have then
      diff("factors." .. k, tostring(want), tostring(have))
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

-- The first part of result b that differs from result a, by the fields a run stores or
-- follows (a warning's due, responsible person and text only matter when it is issued),
-- or nil when they are the same.
local function first_difference(a, b)
  for _, k in ipairs({ "tier", "score", "level" }) do
    if a[k] ~= b[k] then return k end
  end
  local fa, fb = a.factors or {}, b.factors or {}
  for k, v in pairs(fa) do if fb[k] ~= v then return "factors." .. tostring(k) end end
  for k, v in pairs(fb) do if fa[k] ~= v then return "factors." .. tostring(k) end end
  local ra, rb = a.reasons or {}, b.reasons or {}
  if #ra ~= #rb then return "reasons" end
  for i = 1, #ra do if ra[i] ~= rb[i] then return ("reasons[%d]"):format(i) end end
  local lists = { flags = { "code", "label", "evidence" }, warnings = { "reason", "disposition" } }
  for _, list in ipairs({ "flags", "warnings" }) do
    local la, lb = a[list] or {}, b[list] or {}
    if #la ~= #lb then return list end
    for i = 1, #la do
      for _, k in ipairs(lists[list]) do
        if la[i][k] ~= lb[i][k] then return ("%s[%d].%s"):format(list, i, k) end
      end
    end
  end
  return nil
end

-- The promise of result got, graded as of as_of: the same point graded again the day
-- before its recheck_on (at most ten years on) must give the same result; returns the
-- list of lines saying how it does not.
local function check_promise(pack, point, as_of, got)
  local r = got.recheck_on
  if type(r) ~= "string" or not date.valid(r) or not date.valid(as_of) then return {} end
  local last = date.add(r, -1)
  if date.days(as_of, last) > 3650 then last = date.add(as_of, 3650) end
  if date.days(as_of, last) <= 0 then return {} end
  local again = pack.grade(pack, facts(point), { as_of = last })
  local what = "result"
  if type(again) == "table" then what = first_difference(got, again) end
  if what == nil then return {} end
  return { ("recheck_on: %s promises the result as of %s holds until then, but as of %s "
            .. "its %s differs"):format(r, as_of, last, what) }
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
  facts = true,
}
local SUBFACTS = {
  power = { code = true, name = true, kind = true, scope = true, legal_basis = true,
            major = true, funds = true, facts = true },
  post = { code = true, name = true, facts = true },
  department = { code = true, name = true },
  people = { department_head = true, leader_in_charge = true, principal = true },
}
local TIER_NAMES = { "一级", "二级", "三级" }

-- Every `p.name`, `p.name.sub` and `p.name.sub.third` in the pack's text (the point is
-- called p by convention).
local function fact_references(text)
  local refs = {}
  local line = 1
  local rest = text
  while true do
    local s, e = re.find(rest, [[(?<![\w.:])p\.[A-Za-z_]\w*(\.[A-Za-z_]\w*){0,2}]])
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
  if type(case) ~= "table" then case = {} end
  local expect = type(case.expect) == "table" and case.expect or {}
  if expect.tier then report.tiers[expect.tier] = true end
  if #diffs > 0 then
    -- A name that is not a string is shown by the case's place, as lint shows it.
    report.failures[#report.failures + 1] = {
      name = type(case.name) == "string" and case.name or ("case " .. i),
      index = i, diffs = diffs }
  end
end

-- run_case(i): grade case i and record how it differs from what it expects.  An error
-- goes to the caller, which records it with fail_case.
local function run_case(i)
  local pack, case = current.pack, current.cases[i]
  if type(case) ~= "table" then
    error(("pack.CASES[%d]: expected a table { name = ..., point = {...}, expect = {...} }, got %s")
          :format(i, type(case)), 0)
  end
  for _, field in ipairs({ "point", "expect" }) do
    if case[field] ~= nil and type(case[field]) ~= "table" then
      error(("pack.CASES[%d].%s: expected a table, got %s"):format(i, field, type(case[field])), 0)
    end
  end
  local as_of = case.as_of or "2026-12-01"
  local got = pack.grade(pack, facts(case.point or {}), { as_of = as_of })
  check_result(got)
  local diffs = compare(case.expect or {}, got)
  for _, line in ipairs(check_promise(pack, case.point or {}, as_of, got)) do
    diffs[#diffs + 1] = line
  end
  record(i, diffs)
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

-- The lint of the pack being checked: its findings so far, in three groups printed in
-- order (TIERS, the scores TIERS must cover, the rest), and what the score check needs.
local linting

-- What a number is, in a finding: 26, 0.4 (never 26.0 or 4e-01).
local function num(x)
  if math.type(x) == "float" and x == math.floor(x) and x > -2^53 and x < 2^53 then
    return ("%d"):format(x)
  end
  return tostring(x)
end

-- A threshold of TIERS as a finding shows it: "min 36" (a score of at least 36 gets the
-- tier) or "above 320" (a score above 320 does).
local function threshold(t)
  return (t.above and "above " or "min ") .. num(t.at)
end

-- Whether the TIERS entry t (checked) gives its tier to score.
local function gives(t, score)
  if t.above then return score > t.at end
  return score >= t.at
end

local function finite(x)
  return type(x) == "number" and x == x and x ~= math.huge and x ~= -math.huge
end

-- The thresholds of TIERS, checked: entries { tier, min [, level] } or { tier, above
-- [, level] } from the highest tier down.  Returns the valid entries (each with its index
-- i, its threshold at and whether it is an above).
local function check_tiers(tiers, find)
  local seen, last, valid = {}, nil, {}
  for i, t in ipairs(tiers) do
    local at = type(t) == "table" and (t.min == nil and t.above or t.min)
    if type(t) ~= "table" or type(t.tier) ~= "string" or type(at) ~= "number"
       or (t.min ~= nil and t.above ~= nil) then
      find("TIERS[%d]: expected { tier = \"…\", min = <number> } or { tier = \"…\", above = <number> }, got %s", i,
           type(t) == "table" and "a table without them" or type(t))
    elseif not finite(at) then
      find("TIERS[%d] (%s): %s is %s: expected a finite number", i, t.tier,
           t.min ~= nil and "min" or "above", tostring(at))
    else
      local entry = { i = i, tier = t.tier, at = at, above = t.min == nil }
      seen[t.tier] = true
      if t.level ~= nil and type(t.level) ~= "string" then
        find("TIERS[%d] (%s): level is a %s: expected the method's name for the grade, a string",
             i, t.tier, type(t.level))
      end
      -- Each entry must take some scores the one before it leaves: a lower threshold,
      -- or the same number as a min after an above.
      if last and not (at < last.at or (at == last.at and last.above and not entry.above)) then
        find("TIERS[%d] (%s, %s) is not below the tier before it (%s): %s can never be given",
             i, t.tier, threshold(entry), threshold(last), t.tier)
      end
      last = entry
      valid[#valid + 1] = entry
    end
  end
  for _, tier in ipairs(TIER_NAMES) do
    if not seen[tier] then find("TIERS has no %s", tier) end
  end
  return valid
end

-- SCORE_RANGE = { min = …, max = … }, the scores the pack can give: checked, and TIERS
-- against it.  Returns true when it is there (valid or not).
local function check_range(range, valid, find)
  if range == nil then return false end
  if type(range) ~= "table" or not finite(range.min) or not finite(range.max) then
    find("SCORE_RANGE: expected { min = <number>, max = <number> }, got %s",
         type(range) == "table" and "a table without two finite numbers" or type(range))
    return true
  end
  if range.min > range.max then
    find("SCORE_RANGE: min %s is above max %s", num(range.min), num(range.max))
    return true
  end
  local lowest = valid[#valid]
  if lowest and not gives(lowest, range.min) then
    if lowest.above then
      find("TIERS: the lowest threshold is above %s but scores start at %s (SCORE_RANGE): scores from %s to %s get no tier",
           num(lowest.at), num(range.min), num(range.min), num(lowest.at))
    else
      find("TIERS: the lowest threshold is %s but scores start at %s (SCORE_RANGE): scores from %s to below %s get no tier",
           num(lowest.at), num(range.min), num(range.min), num(lowest.at))
    end
  end
  for _, t in ipairs(valid) do
    if not gives(t, range.max) then
      find("TIERS[%d] (%s, %s) is above the highest score %s (SCORE_RANGE): %s can never be given",
           t.i, t.tier, threshold(t), num(range.max), t.tier)
    end
  end
  return true
end

-- Where each sheet's declared facts are read.
local READ_AS = { points = "p.facts", powers = "p.power.facts", posts = "p.post.facts" }

-- The declared facts (lint --db): a list of { name, sheet, table } as a map name ->
-- that entry, and a set of names per table.
local function declared_map(list)
  if list == nil then return nil end
  local by_name, by_table = {}, { points = {}, powers = {}, posts = {} }
  for _, f in ipairs(list) do
    by_name[f.name] = f
    by_table[f.table][f.name] = true
  end
  return { by_name = by_name, by_table = by_table }
end

-- A declared fact name read as `read` (p.facts, p.power.facts…) of table: a finding if
-- no fact is declared by that name for that sheet.
local function check_declared(ref, name, table, declared, find)
  if declared == nil or declared.by_table[table][name] then return end
  local other = declared.by_name[name]
  if other then
    find("line %d: %s: '%s' is declared for %s: read it as %s.%s", ref.line, ref.text, name,
         other.sheet, READ_AS[other.table], name)
  else
    find("line %d: %s: no fact '%s' is declared for %s (riskgrade facts DB lists them)",
         ref.line, ref.text, name, ({ points = "风险点", powers = "职权", posts = "岗位" })[table])
  end
end

-- The facts a pack reads that a point does not have: p.name, p.name.sub, and with the
-- declared facts (lint --db), p.facts.NAME, p.power.facts.NAME, p.post.facts.NAME.
local function check_facts(text, find, declared)
  for _, ref in ipairs(fact_references(text)) do
    local parts, at = {}, 1
    while true do
      local dot = ref.text:find(".", at, true)
      parts[#parts + 1] = ref.text:sub(at, dot and dot - 1 or -1)
      if not dot then break end
      at = dot + 1
    end
    local top, sub, third = parts[2], parts[3], parts[4]
    if not FACTS[top] then
      find("line %d: %s: a point has no fact '%s'", ref.line, ref.text, top)
    elseif sub and SUBFACTS[top] and not SUBFACTS[top][sub] then
      find("line %d: %s: %s has no field '%s'", ref.line, ref.text, top, sub)
    elseif top == "facts" and sub then
      check_declared(ref, sub, "points", declared, find)
    elseif (top == "power" or top == "post") and sub == "facts" and third then
      check_declared(ref, third, top .. "s", declared, find)
    end
  end
end

-- lint(name): the static checks a supervisor needs before a review.  Returns how many of
-- the pack's cases lint_case must grade: TIERS has no SCORE_RANGE to be checked against,
-- so the scores the cases give are checked instead.  lint_finish gives the findings.
local function lint(name, declared_list)
  local pack = require_pack(name)
  local declared = declared_map(declared_list)
  local tiers_found, rest = {}, {}
  local function into(list)
    return function(fmt, ...) list[#list + 1] = fmt:format(...) end
  end
  local find = into(rest)
  local cases = rawget(pack, "CASES") or {}
  linting = { pack = pack, tiers = tiers_found, scores = {}, rest = rest, cases = cases }

  local tiers = pack.TIERS
  if type(tiers) == "table" then
    local valid = check_tiers(tiers, into(tiers_found))
    if not check_range(pack.SCORE_RANGE, valid, into(tiers_found)) and #valid > 0 then
      linting.lowest = valid[#valid]
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

  check_facts(sources[name], find, declared)

  local expected = {}
  for _, case in ipairs(cases) do
    if case.expect and case.expect.tier then expected[case.expect.tier] = true end
  end
  for _, tier in ipairs(TIER_NAMES) do
    if not expected[tier] then find("no case expects %s", tier) end
  end
  if linting.lowest == nil then return 0 end
  local n = 0
  for _ in ipairs(cases) do n = n + 1 end
  return n
end

local function case_name(i)
  local case = linting.cases[i]
  return type(case) == "table" and type(case.name) == "string" and case.name or ("case " .. i)
end

-- lint_case(i): grade case i for its score.  An error goes to the caller (lint_fail).
local function lint_case(i)
  local pack, case = linting.pack, linting.cases[i]
  local got = pack.grade(pack, facts(case.point or {}), { as_of = case.as_of or "2026-12-01" })
  local score = type(got) == "table" and got.score
  if type(score) == "number" and score == score then
    linting.scores[#linting.scores + 1] = { name = case_name(i), score = score }
  end
end

-- lint_fail(i, err): case i stopped with err, so its score is not known.
local function lint_fail(i, err)
  if type(err) ~= "string" and type(err) ~= "number" then
    err = ("(error object is a %s value)"):format(type(err))
  end
  linting.scores[#linting.scores + 1] = { name = case_name(i), err = tostring(err) }
end

-- lint_finish(): the findings of the pack linted, in order.
local function lint_finish()
  local out, lowest = {}, linting.lowest
  for _, f in ipairs(linting.tiers) do out[#out + 1] = f end
  if lowest ~= nil then
    if #linting.cases == 0 then
      out[#out + 1] = "TIERS: neither SCORE_RANGE nor a case says which scores the pack gives, so lint cannot check that every score gets a tier: declare SCORE_RANGE = { min = …, max = … }"
    end
    for _, s in ipairs(linting.scores) do
      if s.err then
        out[#out + 1] = ("TIERS: case '%s' stopped with an error, so its score is not known (riskgrade test shows it): %s")
          :format(s.name, s.err)
      elseif not gives(lowest, s.score) then
        out[#out + 1] = ("TIERS: case '%s' scores %s, below the lowest threshold (%s): it gets no tier (declare SCORE_RANGE to check every score)")
          :format(s.name, num(s.score), threshold(lowest))
      end
    end
  end
  for _, f in ipairs(linting.rest) do out[#out + 1] = f end
  linting = nil
  return out
end

return prepare, run_case, fail_case, finish, lint, lint_case, lint_fail, lint_finish
