-- A pack with cases, one of them wrong on purpose: tier by the power's presence.
local pack = {}

function pack:tier(p)
  if p.power then return "一级" end
  return "三级"
end

function pack:unused()
  return "never called"
end

function pack:grade(p, ctx)
  local tier = self:tier(p)
  local flags = {}
  if p.approved_tier and p.approved_tier ~= tier then
    flags[1] = { code = "changed", label = "等级变化", evidence = p.approved_tier }
  end
  return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
           score = 10, tier = tier, flags = flags }
end

pack.CASES = {
  { name = "有职权的为一级", point = { power = { kind = "行政许可" } },
    expect = { tier = "一级", flags = {} } },
  { name = "故意写错的用例", point = { approved_tier = "一级" },
    expect = { tier = "二级", score = 12, flags = {} } },
}

return pack
