-- A pack that gives a warning without a reason (预警事由 is required).
return {
  grade = function(self, p, ctx)
    return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
             score = 10, tier = "三级",
             warnings = { { reason = "", disposition = "风险提示", responsible = "P3",
                            due = "2026-12-31", text = "落实整改" } } }
  end,
}
