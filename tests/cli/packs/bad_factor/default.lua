-- A pack that returns a factor outside 1-5.
return {
  grade = function(self, p, ctx)
    return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 6 },
             score = 10, tier = "三级" }
  end,
}
