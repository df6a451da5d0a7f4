-- Agency T: a point with a power is 一级; everything else as the base pack.
local pack = inherit("default")
pack.LABEL = "测试区司法局"

function pack:tier(p)
  if p.power then return "一级" end
  return self.TIERS[1]
end

return pack
