-- 临沂市工商行政管理局河东分局 廉政、监管风险点等级评定规则
--
-- 依据：《开展廉政、监管风险点防范管理的实践和思考》（临沂市工商局河东分局），
-- 见 shared/seeds/003_2e02417516b1fc95.txt 第二篇（第35–58行）。
--
-- 一、廉政风险和监管风险"同时查找、同时防范"（第38行）：执法科室在查找廉政风险点的基础上，
--     还要查找监管风险点（第42行）。两类风险点按同一标准评定等级。
-- 二、按可能导致的后果定级（第43行）：
--     凡是容易造成严重违纪违法行为的廉政与监管风险点，而容易造成被司法机关追究刑事责任的，
--     均应评定为"一级风险"；凡是容易造成一般违规违纪行为的廉政与监管风险点，而容易受到内部
--     责任追究，被党政纪处分的，均应定为"二级风险"；凡是容易造成轻微违规违纪行为的廉政与
--     监管风险点，而容易受到内部责任追究，被通报批评、诫勉或提醒谈话的，均应评定为"三级风险"。
-- 三、四个因素和得分仍按全国默认办法计算，作为排序和参考，不作为本局定级依据。
-- 四、需重新评定的标记和预警处置沿用全国默认办法；另对未评定"可能后果"的风险点加标记：
--     本办法无从定级，暂按全国默认办法的得分定级，须补填可能后果后重新评定。

local pack = inherit("default")

---------------------------------------------------------------------------------------
-- 一、定级标准
---------------------------------------------------------------------------------------

-- 可能后果 → 风险等级
pack.TIER_BY_CONSEQUENCE = {
  ["追究刑事责任"] = "一级",
  ["党纪政纪处分"] = "二级",
  ["批评教育"]     = "三级",
}

-- 各等级的认定情形（原文摘要），写入定级理由
pack.CONSEQUENCE_TEXT = {
  ["追究刑事责任"] = "容易造成严重违纪违法行为，被司法机关追究刑事责任",
  ["党纪政纪处分"] = "容易造成一般违规违纪行为，受到内部责任追究、被党政纪处分",
  ["批评教育"]     = "容易造成轻微违规违纪行为，被通报批评、诫勉或提醒谈话",
}

-- 未填风险类型的，按廉政风险对待
pack.DEFAULT_RISK_TYPE = "廉政风险"

-- 未评定可能后果的标记
pack.NO_CONSEQUENCE_FLAG = { code = "no_consequence", label = "未评定可能后果" }

-- 全国默认办法中被本局替换的两步，保留以备引用
local national_tier = pack.tier
local national_flags = pack.flags

---------------------------------------------------------------------------------------
-- 二、定级
---------------------------------------------------------------------------------------

function pack:risk_type(p)
  return p.risk_type or self.DEFAULT_RISK_TYPE
end

-- 按可能后果定级；没有可能后果的，暂按全国默认办法的得分定级。
-- 返回 等级、定级理由。
function pack:tier(score, p)
  local by_score = national_tier(self, score)
  if p == nil then return by_score end
  local kind = self:risk_type(p)
  local tier = self.TIER_BY_CONSEQUENCE[p.consequence]
  if tier == nil then
    return by_score, ("临沂工商：%s点，未评定可能后果，暂按全国默认办法得分%d定为%s，须补填可能后果后重新评定")
      :format(kind, score, by_score)
  end
  return tier, ("临沂工商：%s点，可能后果为%s（%s），定为%s"):format(
    kind, p.consequence, self.CONSEQUENCE_TEXT[p.consequence], tier)
end

---------------------------------------------------------------------------------------
-- 三、需重新评定：全国默认办法的标记，加上"未评定可能后果"
---------------------------------------------------------------------------------------

function pack:flags(p, tier, score, ctx)
  local flags = national_flags(self, p, tier, score, ctx)
  if self.TIER_BY_CONSEQUENCE[p.consequence] == nil then
    flags[#flags + 1] = {
      code = self.NO_CONSEQUENCE_FLAG.code,
      label = self.NO_CONSEQUENCE_FLAG.label,
      evidence = ("%s点未填可能后果，暂按得分%d定为%s"):format(self:risk_type(p), score, tier),
    }
  end
  return flags
end

---------------------------------------------------------------------------------------
-- 四、入口
---------------------------------------------------------------------------------------

function pack:grade(p, ctx)
  local reasons = {}
  local function why(text) self:note(reasons, text, 3) end

  -- 四个因素和得分：全国默认办法，仅供参考
  local f = {}
  f.importance = self:settle(p, ctx, "importance", self:importance(p, why), reasons)
  f.discretion = self:settle(p, ctx, "discretion", self:discretion(p, why), reasons)
  f.likelihood = self:settle(p, ctx, "likelihood", self:likelihood(p, ctx, why), reasons)
  f.harm = self:settle(p, ctx, "harm", self:harm(p, ctx, why), reasons)
  local score = self:score(f)
  local w = self.WEIGHTS
  why(("得分 = %d×%d + %d×%d + %d×%d + %d×%d = %d（全国默认办法对应%s，本局不以得分定级）"):format(
    w.importance, f.importance, w.discretion, f.discretion,
    w.likelihood, f.likelihood, w.harm, f.harm, score, national_tier(self, score)))

  -- 本局定级：看可能后果
  local tier, reason = self:tier(score, p)
  why(reason)

  local flags = self:flags(p, tier, score, ctx)
  return {
    factors = f,
    score = score,
    tier = tier,
    reasons = reasons,
    trace = reasons.at,          -- grade --trace：每条理由出自哪一行
    flags = flags,
    warnings = self:warnings(p, tier, flags, ctx),
  }
end

---------------------------------------------------------------------------------------
-- 五、测试用例 (cases for `riskgrade test LYGS`)
-- 取自 fixtures/agencies/LYGS 的风险点（评定日期 2026-12-01）：等级按第43行的可能后果手工认定
-- （见该目录 README.md 与 expected.csv），因素和得分按全国默认办法手工计算，仅供参考；
-- 需重新评定的标记和预警按全国默认办法（rules/README.md）手工推出。
-- 最后两例为补充：未评定可能后果的风险点（fixture 中没有），暂按全国默认办法的得分定级。
---------------------------------------------------------------------------------------

pack.CASES = {
  { name = "LYGS-01 廉政风险，追究刑事责任 → 一级（得分30，全国办法为二级）；一级已过180天复评周期",
    point = { level = "岗位", category = "外部环境", risk_type = "廉政风险",
      consequence = "追究刑事责任",
      power = { kind = "行政许可", major = false, funds = 0 },
      approved_tier = "一级", approved_on = "2026-03-20", last_graded = "2026-03-20",
      people = { department_head = "LYGS-P08" },
      measures = { { text = "督察小组每月明查暗访", status = "已落实", due = "2026-06-30" } } },
    expect = { tier = "一级", score = 30,
      factors = { importance = 4, discretion = 4, likelihood = 2, harm = 2 },
      flags = { "review_due" }, warnings = {} } },

  { name = "LYGS-14 监管风险，追究刑事责任 → 一级（得分25，全国办法为三级）；上次评定2025-03-18",
    point = { level = "岗位", category = "岗位职责", risk_type = "监管风险",
      consequence = "追究刑事责任",
      power = { kind = "监督检查", major = false, funds = 0 },
      approved_tier = "一级", approved_on = "2025-03-18", last_graded = "2025-03-18",
      people = { department_head = "LYGS-P12" } },
    expect = { tier = "一级", score = 25,
      factors = { importance = 3, discretion = 3, likelihood = 2, harm = 2 },
      flags = { "review_due" }, warnings = {} } },

  { name = "LYGS-25 廉政风险，党纪政纪处分 → 二级（得分39，全国办法为一级）",
    point = { level = "单位", category = "制度机制", risk_type = "廉政风险",
      consequence = "党纪政纪处分",
      power = { kind = "重大事项决策", major = true, funds = 0 },
      approved_tier = "二级", approved_on = "2026-03-20", last_graded = "2026-03-20",
      people = { principal = "LYGS-P01" } },
    expect = { tier = "二级", score = 39,
      factors = { importance = 5, discretion = 4, likelihood = 2, harm = 4 },
      flags = {}, warnings = {} } },

  { name = "LYGS-13 监管风险，党纪政纪处分 → 二级；审定三级定级偏低，新的较重属实信息，措施逾期",
    point = { level = "岗位", category = "岗位职责", risk_type = "监管风险",
      consequence = "党纪政纪处分",
      power = { kind = "监督检查", major = false, funds = 0 },
      approved_tier = "三级", approved_on = "2026-03-20", last_graded = "2026-03-20",
      people = { department_head = "LYGS-P11" },
      measures = { { text = "签订防范承诺书，巡查记录每周抽查", status = "落实中", due = "2026-08-31" } },
      signals = { { date = "2026-09-14", source = "信访举报", severity = "较重", substantiated = true,
                    text = "行风热线反映辖区无照经营未予查处，经核查属实" } } },
    expect = { tier = "二级", score = 29,
      factors = { importance = 3, discretion = 3, likelihood = 4, harm = 2 },
      flags = { "under_graded", "new_signal", "measure_failed" },
      warnings = { "诫勉谈话", "风险提示", "风险提示" } } },

  { name = "LYGS-08 监管风险，批评教育 → 三级（得分34，全国办法为二级）；审定二级定级偏高，措施效果不佳",
    point = { level = "岗位", category = "业务流程", risk_type = "监管风险",
      consequence = "批评教育",
      power = { kind = "行政处罚", major = false, funds = 0 },
      approved_tier = "二级", approved_on = "2026-03-20", last_graded = "2026-03-20",
      people = { department_head = "LYGS-P09" },
      measures = { { text = "每季度检查办结案件文书", status = "效果不佳", due = "2026-09-30" } } },
    expect = { tier = "三级", score = 34,
      factors = { importance = 4, discretion = 5, likelihood = 3, harm = 2 },
      flags = { "over_graded", "measure_failed" }, warnings = { "风险提示" } } },

  { name = "LYGS-26 廉政风险，批评教育 → 三级（得分29，全国办法为二级）；从未评定、未经审定",
    point = { level = "单位", category = "思想道德", risk_type = "廉政风险",
      consequence = "批评教育",
      people = { principal = "LYGS-P01" } },
    expect = { tier = "三级", score = 29,
      factors = { importance = 3, discretion = 2, likelihood = 2, harm = 4 },
      flags = { "unapproved", "review_due" }, warnings = {} } },

  { name = "补充（仿 LYGS-22 的职权，但未填可能后果、审定为二级）：财务管理420万元，暂按得分31定为二级，标未评定可能后果",
    point = { level = "岗位", category = "业务流程", risk_type = "廉政风险",
      power = { kind = "财务管理", major = false, funds = 420 },
      approved_tier = "二级", approved_on = "2026-09-01", last_graded = "2026-09-01",
      people = { department_head = "LYGS-P06" } },
    expect = { tier = "二级", score = 31,
      factors = { importance = 5, discretion = 3, likelihood = 2, harm = 2 },
      flags = { "no_consequence" }, warnings = {} } },

  { name = "补充：监管风险点未填可能后果、从未评定：单位层级行政处罚，暂按得分38定为一级",
    point = { level = "单位", category = "制度机制", risk_type = "监管风险",
      power = { kind = "行政处罚", major = false, funds = 0 } },
    expect = { tier = "一级", score = 38,
      factors = { importance = 4, discretion = 5, likelihood = 2, harm = 4 },
      flags = { "unapproved", "review_due", "no_consequence" }, warnings = {} } },
}

return pack
