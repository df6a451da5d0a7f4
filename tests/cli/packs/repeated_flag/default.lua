-- A pack that gives the same flag code twice for one point: a mistake in the pack.
return {
  grade = function(self, p, ctx)
    return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
             score = 10, tier = "三级",
             flags = { { code = "under_graded", label = "定级偏低", evidence = "一" },
                       { code = "under_graded", label = "定级偏低", evidence = "二" } } }
  end,
}
