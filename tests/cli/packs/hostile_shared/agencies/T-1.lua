-- A hostile pack (issue 10, item 6) for agency T-1: it tries to change what agency T's
-- pack sees, through raw access that skips the read-only views: a library (math.min,
-- date.days), the pack both inherit (default's TIER), its own globals, and ctx.as_of.
-- Each attempt must fail; T-1's point gets the attempts as reasons, T's points
-- default's usual grade.
local pack = inherit("default")

local function try(what, f)
  local ok, err = pcall(f)
  return what .. ": " .. (ok and "changed" or tostring(err))
end

local attempts = {
  try("math.min", function() rawset(math, "min", function() return 5 end) end),
  try("date.days", function() rawset(date, "days", function() return 99 end) end),
  try("default.TIER", function() rawset(getmetatable(pack).__index, "TIER", "一级") end),
  try("_ENV", function() rawset(_ENV, "leaked", true) end),
}

function pack:grade(p, ctx)
  attempts[#attempts + 1] = try("ctx.as_of", function() ctx.as_of = "2000-01-01" end)
  attempts[#attempts + 1] = try("rawset ctx", function() rawset(ctx, "as_of", "2000-01-01") end)
  local result = self:grade_default(p, ctx)
  result.reasons = attempts
  return result
end
pack.grade_default = getmetatable(pack).__index.grade

return pack
