-- A hostile pack (issue 10, item 4): a result whose fields come from an __index that
-- never returns.  Reading the result runs pack code too, so it must run under the same
-- CPU limit as grade() itself.
local pack = {}

function pack:grade(p, ctx)
  return setmetatable({ factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
                        score = 10 },
                      { __index = function(_, key)
                          while true do end
                        end })
end

return pack
