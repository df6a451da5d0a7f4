-- recheck_on promises checked by riskgrade test: the tier is 一级 from 2027-01-01 on (the
-- date a measure falls due), 二级 before.  The case "too long" promises 2027-06-01, so
-- the same point graded as of 2027-05-31 differs (tier); "right" promises 2027-01-01,
-- and as of 2026-12-31 the result is the same; "forever", graded as of 2027-02-01 when
-- nothing is left to change, promises 9999-12-31, checked ten years on (2037-01-29).
local pack = {}

function pack:grade(p, ctx)
  local late = date.days("2027-01-01", ctx.as_of) >= 0
  local promise = { TOO_LONG = "2027-06-01", RIGHT = "2027-01-01", FOREVER = "9999-12-31" }
  return {
    factors = { importance = 2, discretion = 2, likelihood = 2, harm = 2 },
    score = late and 36 or 26, tier = late and "一级" or "二级",
    reasons = { late and "措施已逾期" or "措施未到期" },
    recheck_on = promise[p.code],
  }
end

pack.CASES = {
  { name = "too long", point = { code = "TOO_LONG" }, expect = { tier = "二级" } },
  { name = "right", point = { code = "RIGHT" }, expect = { tier = "二级", recheck_on = "2027-01-01" } },
  { name = "forever", as_of = "2027-02-01", point = { code = "FOREVER" },
    expect = { tier = "一级" } },
}

return pack
