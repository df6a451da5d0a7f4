-- 作业条件危险性评价法（LEC 法）规则包 —— 一个与全国默认方法不同的方法
--
-- 依据：Graham, K. J. & Kinney, G. F.,《Practical Risk Analysis for Safety Management》
-- (1976)，即国内安全评价通用的"作业条件危险性评价法"：L、E、C 三个分值表和按
-- D = L × E × C 划分的五个危险等级。三张分值表和等级表逐项转录在
-- fixtures/methods/lec/README.md，本文件的表与之一一对应。
--
-- 评定方法（每一步写进"理由"）：
--   1. 三个因素取自本单位自定义的事实（riskgrade import DB fact_definitions），不作推定：
--        L 发生的可能性      风险点的 lec_l（"可能性L"列）
--        E 暴露的频繁程度    风险点所属职权的 lec_e（"频繁程度E"列：行使该职权的频繁程度）
--        C 后果              风险点的 lec_c（"后果C"列）
--      缺少任何一个，评定停止并指出缺哪一项、填在哪一列 —— 不以任何默认值代替。
--   2. D = L × E × C（分值表中有 0.5、0.2、0.1，D 保留两位小数，不会舍入出误差）。
--   3. 按等级表定危险等级（本方法自己的等级，即结果的 level），再对应全国统一的三级：
--        D > 320          极其危险   不能继续作业   → 一级
--        160 < D ≤ 320    高度危险   要立即整改     → 一级
--        70 < D ≤ 160     显著危险   需要整改       → 二级
--        20 < D ≤ 70      一般危险   需要注意       → 三级
--        D ≤ 20           稍有危险   可以接受       → 三级
--      等级表写作"> 320、160～320、70～160、20～70、< 20"，相邻两档共用端点；按表中
--      所举算例（1 × 0.5 × 40 = 20 为"稍有危险"），每档含其上端点，故写作上面的区间。
--      五个等级对应三级是本单位的规定（表中没有）：要求立即整改以上的为一级（重点管理），
--      需要整改的为二级（强化管理），需要注意和可以接受的为三级（常规管理）。
--   4. 不使用全国四因素（权力重要程度、自由裁量权、发生概率、危害程度），结果中不给出，
--      评定结果里这四项为空；因素只有 L、E、C 三项。
--
-- 本方法没有复评标记和预警：它只评定等级。

local pack = {}

---------------------------------------------------------------------------------------
-- 一、分值表和等级表 (the published tables)
---------------------------------------------------------------------------------------

-- L：发生的可能性。键是事实 lec_l 的可选值（文本），值为分值和表中的说明。
pack.L_SCALE = {
  ["10"] = { 10, "完全可以预料" },
  ["6"] = { 6, "相当可能" },
  ["3"] = { 3, "可能，但不经常" },
  ["1"] = { 1, "可能性小，完全意外" },
  ["0.5"] = { 0.5, "很不可能，可以设想" },
  ["0.2"] = { 0.2, "极不可能" },
  ["0.1"] = { 0.1, "实际不可能" },
}

-- E：暴露于危险环境的频繁程度（此处：行使该职权的频繁程度）。
pack.E_SCALE = {
  ["10"] = { 10, "连续暴露" },
  ["6"] = { 6, "每天工作时间内暴露" },
  ["3"] = { 3, "每周一次或偶然暴露" },
  ["2"] = { 2, "每月一次暴露" },
  ["1"] = { 1, "每年几次暴露" },
  ["0.5"] = { 0.5, "非常罕见地暴露" },
}

-- C：后果的分值。表中的说明写的是人身伤亡（100 大灾难、40 灾难、15 非常严重、7 严重、
-- 3 重大、1 引人注目）；每个分值对廉政风险意味着什么，由本单位的评估细则说明，
-- 这里只取分值。
pack.C_SCALE = {
  ["100"] = { 100 }, ["40"] = { 40 }, ["15"] = { 15 }, ["7"] = { 7 }, ["3"] = { 3 }, ["1"] = { 1 },
}

-- 等级表，从高到低：above 为"D 大于该值"，min 为"D 不小于该值"；level 为本方法的
-- 危险等级，tier 为对应的全国三级，action 为表中的处置要求。
pack.TIERS = {
  { tier = "一级", above = 320, level = "极其危险", action = "不能继续作业" },
  { tier = "一级", above = 160, level = "高度危险", action = "要立即整改" },
  { tier = "二级", above = 70, level = "显著危险", action = "需要整改" },
  { tier = "三级", above = 20, level = "一般危险", action = "需要注意" },
  { tier = "三级", min = 0, level = "稍有危险", action = "可以接受" },
}

-- D 的取值范围：0.1 × 0.5 × 1 到 10 × 10 × 100（riskgrade lint 核对等级表）。
pack.SCORE_RANGE = { min = 0.05, max = 10000 }

---------------------------------------------------------------------------------------
-- 二、评定 (grading)
---------------------------------------------------------------------------------------

-- 取一个因素：事实 value 按分值表 scale 换成分值；缺少时停止评定，说明缺哪一项。
function pack:factor(p, scale, value, what, column)
  if value == nil then
    error(("风险点 %s 缺少 %s：请在%s列填写"):format(p.code, what, column), 0)
  end
  local entry = scale[value]
  if entry == nil then
    error(("风险点 %s 的 %s 为 %s，不在分值表中"):format(p.code, what, value), 0)
  end
  return entry[1], entry[2]
end

-- 按等级表定等级：返回 TIERS 中 D 落入的那一项。
function pack:class(d)
  for _, t in ipairs(self.TIERS) do
    if (t.above and d > t.above) or (t.min and d >= t.min) then return t end
  end
end

-- 分值写作表中的样子：6、0.5。
local function show(x)
  if x == math.floor(x) then return ("%d"):format(x) end
  return ("%g"):format(x)
end

-- 一条理由，说明写在括号里。
local function because(name, value, meaning)
  return meaning and ("%s = %s（%s）"):format(name, show(value), meaning)
    or ("%s = %s"):format(name, show(value))
end

function pack:grade(p, ctx)
  local l, l_means = self:factor(p, self.L_SCALE, p.facts.lec_l, "L（发生的可能性）",
    "风险点表的\"可能性L\"")
  local e, e_means = self:factor(p, self.E_SCALE, p.power and p.power.facts.lec_e,
    "E（行使职权的频繁程度）", p.power and ("职权 " .. p.power.code .. " 的\"频繁程度E\"")
    or "所属职权（风险点还没有职权）的\"频繁程度E\"")
  local c = self:factor(p, self.C_SCALE, p.facts.lec_c, "C（后果）", "风险点表的\"后果C\"")
  local d = math.floor(l * e * c * 100 + 0.5) / 100
  local class = self:class(d)
  return {
    factors = { ["L（可能性）"] = l, ["E（频繁程度）"] = e, ["C（后果）"] = c },
    score = d,
    level = class.level,
    tier = class.tier,
    reasons = {
      because("L", l, l_means),
      because("E", e, e_means),
      because("C", c),
      ("D = L × E × C = %s × %s × %s = %s，%s（%s），定为%s"):format(show(l), show(e), show(c),
        show(d), class.level, class.action, class.tier),
    },
  }
end

---------------------------------------------------------------------------------------
-- 三、测试用例 (riskgrade test --rules rules/methods/lec)
---------------------------------------------------------------------------------------

-- 一个风险点：L、C 在风险点上，E 在其职权上。
local function point(l, e, c)
  return { code = "CASE", facts = { lec_l = l, lec_c = c },
           power = { code = "QL", kind = "行政处罚", facts = { lec_e = e } } }
end

pack.CASES = {
  { name = "3 × 10 × 15 = 450：极其危险", point = point("3", "10", "15"),
    expect = { tier = "一级", score = 450, level = "极其危险" } },
  { name = "6 × 3 × 15 = 270：高度危险", point = point("6", "3", "15"),
    expect = { tier = "一级", score = 270, level = "高度危险" } },
  { name = "6 × 6 × 3 = 108：显著危险", point = point("6", "6", "3"),
    expect = { tier = "二级", score = 108, level = "显著危险" } },
  { name = "1 × 10 × 7 = 70：一般危险（含上端点）", point = point("1", "10", "7"),
    expect = { tier = "三级", score = 70, level = "一般危险" } },
  { name = "1 × 0.5 × 40 = 20：稍有危险（表中算例）", point = point("1", "0.5", "40"),
    expect = { tier = "三级", score = 20, level = "稍有危险" } },
  { name = "0.1 × 0.5 × 1 = 0.05：最低分", point = point("0.1", "0.5", "1"),
    expect = { tier = "三级", score = 0.05, level = "稍有危险",
               factors = { ["L（可能性）"] = 0.1, ["E（频繁程度）"] = 0.5, ["C（后果）"] = 1 } } },
}

return pack
