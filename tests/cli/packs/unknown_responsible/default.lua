-- A pack that names as responsible for its warning a person code (P99) that is not in
-- the persons table: a mistake in the pack's data, not in the database.
return {
  grade = function(self, p, ctx)
    return { factors = { importance = 1, discretion = 1, likelihood = 1, harm = 1 },
             score = 10, tier = "三级",
             warnings = { { reason = "测试预警", disposition = "风险提示",
                            responsible = "P99", due = "2026-12-31",
                            text = "落实整改" } } }
  end,
}
