-- 安阳市工商行政管理局（AYGS）规则包：按类别定级
--
-- 依据：安阳市工商行政管理局《廉政监管风险点》（安工商办〔2009〕187号，2009年10月19日印发）。
--
--   第二条  岗位、工作职责风险点……被划分为五类三级。五类：一类为行政许可、行政审批（证、照）类；
--           二类为行政处罚（案）类；三类为监督检查类；四类为行政事务管理类；五类为公共类。
--           三级：一级为行政许可、行政审批（证、照）、行政处罚（案）、行政事务管理类风险点；
--           二级为监督检查类风险点；三级为公共类风险点。
--   第六条  按类列出风险点：一类（一级）、二类（一级）、三类（二级）、四类（一级，分人事管理、
--           财务管理、资产管理）、五类（三级），五类之下另列（二）思想道德风险点、
--           （三）制度机制风险点。
--
-- 本局的定级方法：
--   1. 风险等级由风险点所属职权的类别决定，不按得分阈值。职权类别归入五类的办法见下表
--      pack.CLASSES；本局职权目录中"其他"类职权专指第五类公共类（履行岗位职责的共性事项），
--      第六条五类之下的思想道德、制度机制风险点亦归入该职权。
--   2. 四个因素和得分仍按全国默认方法计算，写入理由，供集体审定时参考。
--   3. 职权类别不在五类之中（行政征收、行政给付、行政确认、重大事项决策），或风险点没有对应职权的，
--      本办法未作规定：按全国默认方法以得分定级，并在理由中写明，不得就低归入公共类。
--   4. 需重新评定的标记、预警处置沿用全国默认规则包，均以本局按类别定出的等级为准。

local pack = inherit("default")

---------------------------------------------------------------------------------------
-- 一、五类三级（第二条、第六条）
---------------------------------------------------------------------------------------

-- 每一类：类别序号、名称、等级，以及归入该类的职权类别（职权目录中的"职权类别"）。
pack.CLASSES = {
  { class = "一类", name = "行政许可、行政审批（证、照）类", tier = "一级",
    kinds = { "行政许可", "行政审批" } },
  -- 第六条二、第1、7、9项：行政强制措施随案件查办实施，归入行政处罚（案）类
  { class = "二类", name = "行政处罚（案）类", tier = "一级",
    kinds = { "行政处罚", "行政强制" } },
  { class = "三类", name = "监督检查类", tier = "二级",
    kinds = { "监督检查" } },
  -- 第六条四、人事管理、财务管理、资产管理三项；政府采购（资产管理第1项）、
  -- 干部任用（人事管理第1至4项）、大额资金使用（财务管理第4项）、
  -- 基建工程（资产管理第4、5项）均在其中
  { class = "四类", name = "行政事务管理类", tier = "一级",
    kinds = { "人事管理", "财务管理", "资产管理", "采购管理",
              "重要人事任免", "大额资金使用", "重大项目安排" } },
  -- 第六条五：履行岗位职责中具有共性特征的风险点
  { class = "五类", name = "公共类", tier = "三级",
    kinds = { "其他" } },
}

---------------------------------------------------------------------------------------
-- 二、按类别定级
---------------------------------------------------------------------------------------

-- 职权类别所属的类；不在五类之中的返回 nil
function pack:class_of(kind)
  for _, c in ipairs(self.CLASSES) do
    for _, k in ipairs(c.kinds) do
      if k == kind then return c end
    end
  end
  return nil
end

-- 本局的等级及其理由；五类无从归类的，按全国默认阈值以得分定级
function pack:class_tier(p, score)
  local c = p.power and self:class_of(p.power.kind)
  if c then
    return c.tier, ("安阳工商：职权类别%s，属%s“%s”，按类别定为%s"):format(
      p.power.kind, c.class, c.name, c.tier)
  end
  local tier = self:tier(score)
  if p.power then
    return tier, ("安阳工商：职权类别%s不在《廉政监管风险点》五类之中，按全国默认阈值以得分%d定为%s")
      :format(p.power.kind, score, tier)
  end
  return tier, ("安阳工商：无对应职权，无法归入《廉政监管风险点》五类，按全国默认阈值以得分%d定为%s")
    :format(score, tier)
end

---------------------------------------------------------------------------------------
-- 三、入口：因素与得分同全国默认包，等级按类别，标记与预警以本局等级为准
---------------------------------------------------------------------------------------

function pack:grade(p, ctx)
  local reasons = { "" }   -- 第一条理由留给定级依据
  local function why(text) self:note(reasons, text, 3) end

  local f = {}
  f.importance = self:settle(p, ctx, "importance", self:importance(p, why), reasons)
  f.discretion = self:settle(p, ctx, "discretion", self:discretion(p, why), reasons)
  f.likelihood = self:settle(p, ctx, "likelihood", self:likelihood(p, ctx, why), reasons)
  f.harm = self:settle(p, ctx, "harm", self:harm(p, ctx, why), reasons)

  local score = self:score(f)
  local w = self.WEIGHTS
  why(("得分 = %d×%d + %d×%d + %d×%d + %d×%d = %d（全国默认阈值下为%s，供参考）"):format(
    w.importance, f.importance, w.discretion, f.discretion,
    w.likelihood, f.likelihood, w.harm, f.harm, score, self:tier(score)))

  local tier
  tier, reasons[1] = self:class_tier(p, score)

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
-- 四、自检案例（riskgrade test AYGS）
---------------------------------------------------------------------------------------

local APPROVED = { approved_on = "2026-09-01", last_graded = "2026-09-01" }
local function point(t)
  for k, v in pairs(APPROVED) do if t[k] == nil then t[k] = v end end
  return t
end

pack.CASES = {
  { name = "一类：行政许可，一级",
    point = point { power = { kind = "行政许可" }, approved_tier = "一级" },
    expect = { tier = "一级", flags = {} } },
  { name = "二类：行政强制随案件查办，一级",
    point = point { power = { kind = "行政强制" }, approved_tier = "一级" },
    expect = { tier = "一级", flags = {} } },
  { name = "三类：监督检查，二级（得分另有高低也不改变）",
    point = point { level = "单位", power = { kind = "监督检查", funds = 800 }, approved_tier = "二级" },
    expect = { tier = "二级", flags = {} } },
  { name = "四类：资产管理，一级",
    point = point { power = { kind = "资产管理" }, approved_tier = "一级" },
    expect = { tier = "一级", flags = {} } },
  { name = "五类：公共类，三级；审定为一级的标为定级偏高",
    point = point { level = "单位", power = { kind = "其他" }, approved_tier = "一级" },
    expect = { tier = "三级", flags = { "over_graded" } } },
  { name = "审定低于类别等级：定级偏低，诫勉谈话",
    point = point { power = { kind = "行政处罚" }, approved_tier = "二级" },
    expect = { tier = "一级", flags = { "under_graded" }, warnings = { "诫勉谈话" } } },
  { name = "五类之外的职权类别：按全国默认阈值（得分34，二级）",
    point = point { level = "单位", power = { kind = "行政征收" }, approved_tier = "二级" },
    expect = { tier = "二级", score = 34, flags = {} } },
  { name = "无对应职权：按全国默认阈值（得分20，三级）",
    point = point { approved_tier = "三级" },
    expect = { tier = "三级", score = 20, flags = {} } },
}

return pack
