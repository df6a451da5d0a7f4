-- A pack that returns a tier that does not exist.
return {
  grade = function(self, p, ctx)
    return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
             score = 10, tier = "四级" }
  end,
}
