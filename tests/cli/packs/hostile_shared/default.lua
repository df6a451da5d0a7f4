-- The national pack of the hostile_shared test: every point 三级, with a reason that
-- shows what it read from the libraries, its own table and ctx.
local pack = {}
pack.TIER = "三级"

function pack:grade(p, ctx)
  return { factors = { importance = math.min(2, 3), discretion = 1, likelihood = 1, harm = 1 },
           score = date.days(ctx.as_of, "2026-12-31"), tier = self.TIER,
           reasons = { ("min %d, as_of %s, %s"):format(math.min(2, 3), ctx.as_of, self.TIER) } }
end

return pack
