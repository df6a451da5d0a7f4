-- 《腐败风险等级评估办法》规则包 —— 按岗位掌握的重要权力定级，不用全国四因素
--
-- 依据：《腐败风险等级评估办法》（某局为推进腐败风险预警防控工作制定，"特制定本办法"；
-- 原文收在 shared/seeds/003_2e02417516b1fc95.txt 第三篇）：
--   一、腐败风险种类：思想道德风险、岗位职责风险、业务流程风险、制度机制风险、外部环境风险。
--   二、腐败风险等级：
--     （一）一级腐败风险，是指直接行使执纪执法、行政许可、行政处罚和行政收费、项目审批及
--           人事管理、财务管理、物资采购供应等重要权力可能发生的腐败风险；
--     （二）二级腐败风险，是指直接行使部分行政许可、行政处罚、人事管理、财务管理、物资采购
--           供应等重要权力可能发生的腐败风险；
--     （三）三级腐败风险，是指基本没有行政许可、行政处罚等权力，较少或基本不掌握人、财、物
--           管理权可能发生的腐败风险。
-- 原文和逐格推算的定级表见 fixtures/methods/powers/README.md，本文件的表与之一一对应。
--
-- 评定方法（每一步写进"理由"）：
--   1. 两项事实取自本单位自定义的事实（riskgrade import DB fact_definitions），不作推定：
--        行使程度  风险点的 exercise（"行使程度"列）：直接行使、直接行使部分、较少或基本没有
--        重要权力  风险点所属职权的 important_power（职权表"重要权力"列）：二（一）所列八项
--                  之一，或"其他"（不属于所列重要权力）
--      行使程度为"较少或基本没有"的，不问职权；否则须有所属职权，且职权已填重要权力。
--      缺少任何一项，评定停止并指出缺哪一项、填在哪一列 —— 不以任何默认值代替。
--   2. 按二（一）至（三）定级，等级名称用本办法自己的"一级腐败风险"等（结果的 level），
--      对应全国统一的一级、二级、三级：
--        直接行使     二（一）所列八项重要权力之一                 → 一级腐败风险（一级）
--        直接行使部分 二（二）所列五项之一                         → 二级腐败风险（二级）
--        直接行使部分 执纪执法、行政收费、项目审批                 → 二级腐败风险（二级）
--        其余（较少或基本没有；或行使的不是所列重要权力）          → 三级腐败风险（三级）
--      第三行是本单位对二（二）"等重要权力"的理解：二（二）比二（一）少列了执纪执法、行政收费
--      和项目审批三项，"等"字读作二（一）所列的重要权力，部分行使其中任何一项都是二级。
--      第四行：二（三）说的是基本没有上述重要权力；行使的职权不属于所列重要权力的，同样
--      "基本没有"，定为三级。
--   3. 风险种类（一、）即风险点表的"风险类别"列（思想道德、岗位职责、业务流程、制度机制、
--      外部环境五类，导入时已核对），写进理由；本办法不按风险种类定级。
--   4. 本办法没有分值，也不用全国四因素：结果不给出四因素（评定结果里为空），也不另设因素。
--      得分只是等级的序号（一级 3、二级 2、三级 1），使按得分排序即按等级排序，不是评分。
--
-- 本办法没有复评标记和预警：它只评定等级。

local pack = {}

---------------------------------------------------------------------------------------
-- 一、《办法》的表 (the method's table)
---------------------------------------------------------------------------------------

-- 行使程度的三个可选值（事实 exercise）。
pack.DIRECT = "直接行使"
pack.PARTLY = "直接行使部分"
pack.LITTLE = "较少或基本没有"

-- 重要权力（事实 important_power）不属于二（一）所列八项时填的值。
pack.OTHER = "其他"

-- 等级表，从高到低。min 是得分（等级的序号，见上文第 4 点）；clause 是《办法》条文，
-- exercise 与 powers 是该级的条件：以该行使程度行使 powers 中的一项重要权力；
-- also 是"等重要权力"按本单位理解归入该级的权力（见上文第 2 点）。
pack.TIERS = {
  { tier = "一级", min = 3, level = "一级腐败风险", clause = "二（一）",
    exercise = pack.DIRECT,
    powers = { "执纪执法", "行政许可", "行政处罚", "行政收费", "项目审批",
               "人事管理", "财务管理", "物资采购供应" } },
  { tier = "二级", min = 2, level = "二级腐败风险", clause = "二（二）",
    exercise = pack.PARTLY,
    powers = { "行政许可", "行政处罚", "人事管理", "财务管理", "物资采购供应" },
    also = { "执纪执法", "行政收费", "项目审批" } },
  { tier = "三级", min = 1, level = "三级腐败风险", clause = "二（三）" },
}

-- 得分的取值范围（riskgrade lint 核对等级表）。
pack.SCORE_RANGE = { min = 1, max = 3 }

---------------------------------------------------------------------------------------
-- 二、评定 (grading)
---------------------------------------------------------------------------------------

-- list 中是否有 x。
local function has(list, x)
  for _, v in ipairs(list or {}) do
    if v == x then return true end
  end
  return false
end

-- 所属职权的重要权力；行使程度为"较少或基本没有"的不问职权，返回 nil。缺少时停止评定。
function pack:important_power(p, exercise)
  if exercise == self.LITTLE then return nil end
  if p.power == nil then
    error(("风险点 %s 的行使程度为%s，但没有所属职权：请在风险点表的\"职权编码\"列填写它行使的职权")
      :format(p.code, exercise), 0)
  end
  local power = p.power.facts.important_power
  if power == nil then
    error(("风险点 %s 所属职权 %s 缺少重要权力：请在职权表的\"重要权力\"列填写")
      :format(p.code, p.power.code), 0)
  end
  return power
end

-- 按等级表定级：返回 TIERS 中的一项，以及该项是否按"等重要权力"归入（also）。
function pack:class(exercise, power)
  for _, t in ipairs(self.TIERS) do
    if t.exercise == nil then return t, false end
    if exercise == t.exercise then
      if has(t.powers, power) then return t, false end
      if has(t.also, power) then return t, true end
    end
  end
end

-- 定级的理由：引《办法》条文。
function pack:why(class, exercise, power, by_also)
  if by_also then
    return ("%s%s：二（二）未列%s，按“等重要权力”理解为二（一）所列重要权力，依%s定为%s（%s）")
      :format(exercise, power, power, class.clause, class.level, class.tier)
  elseif class.exercise then
    return ("%s%s：属%s所列重要权力，定为%s（%s）")
      :format(exercise, power, class.clause, class.level, class.tier)
  elseif exercise == self.LITTLE then
    return ("较少或基本没有重要权力，依%s定为%s（%s）"):format(class.clause, class.level, class.tier)
  end
  return ("%s的职权不属于二（一）所列重要权力，即基本没有重要权力，依%s定为%s（%s）")
    :format(exercise, class.clause, class.level, class.tier)
end

function pack:grade(p, ctx)
  local exercise = p.facts.exercise
  if exercise ~= self.DIRECT and exercise ~= self.PARTLY and exercise ~= self.LITTLE then
    error(("风险点 %s %s：请在风险点表的\"行使程度\"列填写%s、%s或%s")
      :format(p.code, exercise == nil and "缺少行使程度" or ("的行使程度为%s"):format(exercise),
              self.DIRECT, self.PARTLY, self.LITTLE), 0)
  end
  local power = self:important_power(p, exercise)
  local class, by_also = self:class(exercise, power)
  local reasons = { ("风险种类：%s风险（《办法》一）"):format(p.category),
                    ("行使程度：%s"):format(exercise) }
  if power then
    reasons[#reasons + 1] = ("所属职权 %s %s：%s"):format(p.power.code, p.power.name,
      power == self.OTHER and "不属于《办法》所列重要权力" or "重要权力为" .. power)
  end
  reasons[#reasons + 1] = self:why(class, exercise, power, by_also)
  return { score = class.min, level = class.level, tier = class.tier, reasons = reasons }
end

---------------------------------------------------------------------------------------
-- 三、测试用例 (riskgrade test --rules rules/methods/powers)
---------------------------------------------------------------------------------------

-- 一个风险点：行使程度在风险点上，重要权力在其职权上；power 为 nil 时没有所属职权。
local function point(exercise, power)
  return { code = "CASE", category = "岗位职责", facts = { exercise = exercise },
           power = power and { code = "QL", name = "职权", kind = "其他",
                               facts = { important_power = power } } }
end

pack.CASES = {
  { name = "直接行使行政许可：一级腐败风险", point = point("直接行使", "行政许可"),
    expect = { tier = "一级", level = "一级腐败风险", score = 3,
               factors = { importance = false, discretion = false, likelihood = false,
                           harm = false } } },
  { name = "直接行使物资采购供应：一级腐败风险", point = point("直接行使", "物资采购供应"),
    expect = { tier = "一级", level = "一级腐败风险", score = 3 } },
  { name = "直接行使部分财务管理：二级腐败风险", point = point("直接行使部分", "财务管理"),
    expect = { tier = "二级", level = "二级腐败风险", score = 2 } },
  { name = "直接行使部分执纪执法：按\"等重要权力\"二级", point = point("直接行使部分", "执纪执法"),
    expect = { tier = "二级", level = "二级腐败风险", score = 2 } },
  { name = "直接行使非重要权力：三级腐败风险", point = point("直接行使", "其他"),
    expect = { tier = "三级", level = "三级腐败风险", score = 1 } },
  { name = "较少或基本没有执纪执法：三级腐败风险", point = point("较少或基本没有", "执纪执法"),
    expect = { tier = "三级", level = "三级腐败风险", score = 1 } },
  { name = "没有所属职权，较少或基本没有：三级腐败风险", point = point("较少或基本没有", nil),
    expect = { tier = "三级", level = "三级腐败风险", score = 1 } },
}

return pack
