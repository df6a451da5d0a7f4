-- A minimal base pack: every point 三级; the tier comes from self:tier(), so a pack that
-- inherits can change it.
local pack = {}
pack.LABEL = "基础包"
pack.TIERS = { "三级" }

function pack:tier(p) return self.TIERS[1] end

function pack:grade(p, ctx)
  local tier = self:tier(p)
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = tier, reasons = { self.LABEL .. "：" .. tier } }
end

return pack
