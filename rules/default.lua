-- 全国默认规则包 (national default rule pack)
--
-- 依据：中纪委监察部《关于加强廉政风险防控的指导意见》(2013) 第6条（评定风险等级）、
-- 第12条（实施预警处置）、第13条（坚持动态管理）。
--
-- 评定方法（每一步都写进"理由"，供集体审定时说明）：
--   1. 四个因素各取 1–5 分：权力重要程度、自由裁量权、发生概率、危害程度。
--      先由风险点的事实推定（职权类别、三重一大、涉及资金、风险信息、防控措施、层级），
--      再看四评一审：某因素有评议时，取各评议主体最近一次评分的加权平均（四舍五入），
--      与推定值比较取较高者 —— 评议可以提高、不能压低事实所示的风险（防止避高就低）。
--   2. 得分 = Σ 权重 × 因素分（权重为整数，得分 10–50）。
--   3. 按阈值定级：得分 ≥ 36 为一级，≥ 26 为二级，其余为三级。
--   4. 标出需重新评定的风险点，并对需要处置的提出预警。
--
-- 本文件只有数据和小函数；修改权重、阈值、期限，改下面的表即可。
-- 各单位的规则包（rules/agencies/单位代码.lua）以 inherit("default") 继承本包，
-- 只覆盖不同之处：函数一律以 self 取参数，覆盖的表和函数即对继承者生效。

local pack = {}

---------------------------------------------------------------------------------------
-- 一、参数 (parameters)
---------------------------------------------------------------------------------------

-- 因素权重：得分 = 3×权力重要程度 + 2×自由裁量权 + 2×发生概率 + 3×危害程度
pack.WEIGHTS = { importance = 3, discretion = 2, likelihood = 2, harm = 3 }
pack.WEIGHT_TOTAL = 10   -- 权重合计；riskgrade lint 核对

-- 等级阈值：从高到低，得分不低于 min 即为该等级
pack.TIERS = {
  { tier = "一级", min = 36 },
  { tier = "二级", min = 26 },
  { tier = "三级", min = 0 },
}

-- 权力重要程度：按职权类别推定；没有对应职权的风险点按层级推定
pack.IMPORTANCE_BY_KIND = {
  ["行政许可"] = 4, ["行政审批"] = 4, ["行政处罚"] = 4, ["行政强制"] = 4, ["行政征收"] = 4,
  ["行政给付"] = 3, ["监督检查"] = 3, ["行政确认"] = 2, ["其他"] = 2,
  ["人事管理"] = 4, ["财务管理"] = 4, ["资产管理"] = 3, ["采购管理"] = 4,
  ["重大事项决策"] = 5, ["重要人事任免"] = 5, ["重大项目安排"] = 5, ["大额资金使用"] = 5,
}
pack.IMPORTANCE_BY_LEVEL = { ["单位"] = 3, ["科室"] = 2, ["岗位"] = 2 }
pack.MAJOR_BONUS = 1              -- 三重一大事项：权力重要程度 +1
pack.FUNDS_IMPORTANT = 100        -- 涉及资金 ≥ 100 万元：权力重要程度 +1

-- 自由裁量权：按职权类别推定；没有对应职权的为 2
pack.DISCRETION_BY_KIND = {
  ["行政许可"] = 4, ["行政审批"] = 4, ["行政处罚"] = 5, ["行政强制"] = 4, ["行政征收"] = 3,
  ["行政给付"] = 3, ["监督检查"] = 3, ["行政确认"] = 2, ["其他"] = 2,
  ["人事管理"] = 4, ["财务管理"] = 3, ["资产管理"] = 3, ["采购管理"] = 4,
  ["重大事项决策"] = 4, ["重要人事任免"] = 4, ["重大项目安排"] = 4, ["大额资金使用"] = 4,
}
pack.DISCRETION_NO_POWER = 2

-- 发生概率：基准 2；近 365 天内每条属实风险信息 +1（最多 +2）；
-- 有防控措施效果不佳或逾期未落实 +1
pack.LIKELIHOOD_BASE = 2
pack.SIGNAL_WINDOW_DAYS = 365
pack.SIGNAL_BONUS_MAX = 2
pack.MEASURE_PENALTY = 1

-- 危害程度：按层级推定；涉及资金 ≥ 500 万元 +1；有属实的"严重"风险信息 +1
pack.HARM_BY_LEVEL = { ["单位"] = 4, ["科室"] = 3, ["岗位"] = 2 }
pack.FUNDS_HARMFUL = 500

-- 四评一审各主体的权重（加权平均）
pack.RATING_WEIGHTS = {
  ["岗位自评"] = 1, ["部室互评"] = 1, ["群众点评"] = 1, ["集体评议"] = 2, ["党组审核"] = 3,
}

-- 复评周期（天）：超过即需重新评定
pack.REVIEW_DAYS = { ["一级"] = 180, ["二级"] = 365, ["三级"] = 730 }

-- 预警完成时限（天），按风险等级
pack.DUE_DAYS = { ["一级"] = 15, ["二级"] = 30, ["三级"] = 60 }

-- 分级负责：岗位风险由科室负责人、科室风险由分管领导、单位风险由主要领导负责
pack.RESPONSIBLE_BY_LEVEL = {
  ["岗位"] = "department_head", ["科室"] = "leader_in_charge", ["单位"] = "principal",
}

-- 新的属实风险信息按严重程度处置
pack.DISPOSITION_BY_SEVERITY = {
  ["一般"] = "风险提示", ["较重"] = "诫勉谈话", ["严重"] = "责令纠错",
}
-- 防控措施失效、定级偏低按风险等级处置
pack.DISPOSITION_BY_TIER = { ["一级"] = "诫勉谈话", ["二级"] = "风险提示", ["三级"] = "风险提示" }

-- 等级校准（riskgrade calibrate，查找避高就低）：同一职权类别，比较各单位风险点的平均等级分
-- （一级 3 分、二级 2 分、三级 1 分）与其他单位合并的平均等级分，低 markedly_lower 分及以上
-- 为"明显偏低"；本单位少于 min_points 个、其他单位合计少于 min_peer_points 个风险点的，
-- 样本不足，不作判断。这是跨单位的比较，只以本规则包（全国默认）为准，单位规则包改动无效。
pack.CALIBRATION = { min_points = 5, min_peer_points = 10, markedly_lower = 0.5 }

-- 因素的中文名称（与四评一审中的"评定因素"一致）
pack.FACTOR_NAMES = {
  importance = "权力重要程度", discretion = "自由裁量权",
  likelihood = "发生概率", harm = "危害程度",
}

local TIER_RANK = { ["一级"] = 1, ["二级"] = 2, ["三级"] = 3 }
local SEVERITY_RANK = { ["一般"] = 1, ["较重"] = 2, ["严重"] = 3 }

---------------------------------------------------------------------------------------
-- 二、因素推定 (deriving the factors from the facts)
---------------------------------------------------------------------------------------

local function cap(v) return math.min(5, math.max(1, v)) end

-- 以 ctx.as_of 为准：晚于评定日的信息一律不计
local function on_or_before(d, as_of) return date.days(d, as_of) >= 0 end

function pack:importance(p, why)
  local v
  if p.power then
    v = self.IMPORTANCE_BY_KIND[p.power.kind]
    why(("职权类别%s，权力重要程度定为%d"):format(p.power.kind, v))
    if p.power.major then
      v = v + self.MAJOR_BONUS
      why(("属三重一大事项，+%d"):format(self.MAJOR_BONUS))
    end
    if (p.power.funds or 0) >= self.FUNDS_IMPORTANT then
      v = v + 1
      why(("涉及资金%g万元，不低于%d万元，+1"):format(p.power.funds, self.FUNDS_IMPORTANT))
    end
  else
    v = self.IMPORTANCE_BY_LEVEL[p.level]
    why(("无对应职权，按%s层级定为%d"):format(p.level, v))
  end
  return cap(v)
end

function pack:discretion(p, why)
  if p.power then
    local v = self.DISCRETION_BY_KIND[p.power.kind]
    why(("职权类别%s，自由裁量权定为%d"):format(p.power.kind, v))
    return v
  end
  why(("无对应职权，自由裁量权定为%d"):format(self.DISCRETION_NO_POWER))
  return self.DISCRETION_NO_POWER
end

-- 防控措施是否失效：状态为"效果不佳"，或已过完成时限仍未落实
local function measure_problem(m, as_of)
  if m.status == "效果不佳" then return "效果不佳" end
  if m.due and m.status ~= "已落实" and date.days(m.due, as_of) > 0 then
    return ("逾期未落实（完成时限%s，%s）"):format(m.due, m.status)
  end
  return nil
end

function pack:likelihood(p, ctx, why)
  local v = self.LIKELIHOOD_BASE
  why(("发生概率基准%d"):format(v))
  local recent = 0
  for _, s in ipairs(p.signals) do
    local age = date.days(s.date, ctx.as_of)
    if s.substantiated and age >= 0 and age <= self.SIGNAL_WINDOW_DAYS then
      recent = recent + 1
    end
  end
  local bonus = math.min(recent, self.SIGNAL_BONUS_MAX)
  if bonus > 0 then
    v = v + bonus
    why(("近%d天内属实风险信息%d条，+%d"):format(self.SIGNAL_WINDOW_DAYS, recent, bonus))
  end
  for _, m in ipairs(p.measures) do
    local problem = measure_problem(m, ctx.as_of)
    if problem then
      v = v + self.MEASURE_PENALTY
      why(("防控措施%s：%s，+%d"):format(problem, m.text, self.MEASURE_PENALTY))
      break
    end
  end
  return cap(v)
end

function pack:harm(p, ctx, why)
  local v = self.HARM_BY_LEVEL[p.level]
  why(("%s层级，危害程度定为%d"):format(p.level, v))
  if p.power and (p.power.funds or 0) >= self.FUNDS_HARMFUL then
    v = v + 1
    why(("涉及资金%g万元，不低于%d万元，+1"):format(p.power.funds, self.FUNDS_HARMFUL))
  end
  for _, s in ipairs(p.signals) do
    if s.substantiated and s.severity == "严重" and on_or_before(s.date, ctx.as_of) then
      v = v + 1
      why(("有属实的严重风险信息（%s %s），+1"):format(s.date, s.source))
      break
    end
  end
  return cap(v)
end

-- 四评一审：每个评议主体取其最近一次评分，按主体权重加权平均，四舍五入。
-- 返回 nil 表示该因素没有评议。
function pack:rated(p, factor_name, ctx)
  local latest = {}   -- 评议主体 -> 最近一次评分
  for _, r in ipairs(p.ratings) do
    if r.factor == factor_name and on_or_before(r.date, ctx.as_of) then
      latest[r.source] = r   -- 评分按日期升序给出，后者覆盖前者
    end
  end
  local sum, weights = 0, 0
  for source, w in pairs(self.RATING_WEIGHTS) do
    local r = latest[source]
    if r then
      sum = sum + w * r.value
      weights = weights + w
    end
  end
  if weights == 0 then return nil end
  -- 整数运算的四舍五入：round(sum / weights)
  return (2 * sum + weights) // (2 * weights), sum, weights
end

---------------------------------------------------------------------------------------
-- 三、定级 (the tier)
---------------------------------------------------------------------------------------

function pack:score(f)
  local w = self.WEIGHTS
  return w.importance * f.importance + w.discretion * f.discretion
       + w.likelihood * f.likelihood + w.harm * f.harm
end

-- 按得分定级；p 与 ctx 也传给本方法，单位规则包可据风险点的事实另定（只覆盖本方法即可）
function pack:tier(score, p, ctx)
  for _, t in ipairs(self.TIERS) do
    if score >= t.min then return t.tier end
  end
  error("等级阈值表缺少最低一档（min = 0）")
end

---------------------------------------------------------------------------------------
-- 四、需重新评定 (re-grading flags)
---------------------------------------------------------------------------------------

local function after_last_graded(p, d, as_of)
  return p.last_graded ~= nil and date.days(p.last_graded, d) > 0 and on_or_before(d, as_of)
end

function pack:flags(p, tier, score, ctx)
  local flags = {}
  local function flag(code, label, evidence)
    flags[#flags + 1] = { code = code, label = label, evidence = evidence }
  end

  if p.approved_tier == nil then
    flag("unapproved", "未经集体审定", ("计算为%s（得分%d），尚无审定等级"):format(tier, score))
  elseif TIER_RANK[tier] < TIER_RANK[p.approved_tier] then
    flag("under_graded", "定级偏低（避高就低）",
         ("计算为%s（得分%d），审定为%s（%s）"):format(tier, score, p.approved_tier, p.approved_on))
  elseif TIER_RANK[tier] > TIER_RANK[p.approved_tier] then
    flag("over_graded", "定级偏高",
         ("计算为%s（得分%d），审定为%s（%s）"):format(tier, score, p.approved_tier, p.approved_on))
  end

  local seen = {}   -- 每类变更只标一次，以最早的一次为依据
  for _, c in ipairs(p.changes) do
    if after_last_graded(p, c.date, ctx.as_of) then
      local code = c.kind == "法律法规调整" and "law_changed" or "duty_changed"
      if not seen[code] then
        seen[code] = true
        flag(code, c.kind, ("%s %s（上次评定%s）"):format(c.date, c.text, p.last_graded))
      end
    end
  end

  for _, s in ipairs(p.signals) do
    if s.substantiated and after_last_graded(p, s.date, ctx.as_of) then
      flag("new_signal", "新的属实风险信息",
           ("%s %s（%s）：%s"):format(s.date, s.source, s.severity, s.text))
      break
    end
  end

  for _, m in ipairs(p.measures) do
    local problem = measure_problem(m, ctx.as_of)
    if problem then
      flag("measure_failed", "防控措施未见实效", ("%s：%s"):format(m.text, problem))
      break
    end
  end

  local cycle_tier = p.approved_tier or tier
  if p.last_graded == nil then
    flag("review_due", "超过复评周期", "从未评定")
  else
    local cycle = self.REVIEW_DAYS[cycle_tier]
    if date.days(p.last_graded, ctx.as_of) > cycle then
      -- 依据写应复评的日期，不写已过天数：风险点未变，下次评定时依据也不变
      flag("review_due", "超过复评周期", ("上次评定%s，%s复评周期%d天，应于%s前复评"):format(
             p.last_graded, cycle_tier, cycle, date.add(p.last_graded, cycle)))
    end
  end
  return flags
end

---------------------------------------------------------------------------------------
-- 五、预警 (warnings)
---------------------------------------------------------------------------------------

function pack:warnings(p, tier, flags, ctx)
  local people = p.people or {}
  local responsible = people[self.RESPONSIBLE_BY_LEVEL[p.level]]
  local due = date.add(ctx.as_of, self.DUE_DAYS[tier])
  local warnings = {}
  local function warn(reason, disposition, text)
    warnings[#warnings + 1] = {
      reason = reason, disposition = disposition, responsible = responsible,
      due = due, text = text,
    }
  end

  -- 最严重的一条新的属实风险信息决定处置方式
  local worst
  for _, s in ipairs(p.signals) do
    if s.substantiated and after_last_graded(p, s.date, ctx.as_of)
       and (worst == nil or SEVERITY_RANK[s.severity] > SEVERITY_RANK[worst.severity]) then
      worst = s
    end
  end
  if worst then
    -- 事由不含来源与严重程度：同一风险点更严重的新信息升级原预警，而不是另发一条
    warn("新的属实风险信息", self.DISPOSITION_BY_SEVERITY[worst.severity],
         "核查" .. worst.date .. "的风险信息（" .. worst.source .. "，" .. worst.severity
           .. "），落实整改并书面反馈")
  end

  for _, f in ipairs(flags) do
    if f.code == "under_graded" then
      warn("定级偏低（避高就低）", self.DISPOSITION_BY_TIER[tier],
           "重新评定风险等级，报领导班子集体审定")
    elseif f.code == "measure_failed" then
      warn("防控措施未见实效", self.DISPOSITION_BY_TIER[tier],
           "完善防控措施并按期落实：" .. f.evidence)
    end
  end
  return warnings
end

---------------------------------------------------------------------------------------
-- 六、入口 (the entry point the engine calls)
---------------------------------------------------------------------------------------

-- 推定值与评议值取较高者，并写明理由
-- 记录一条理由；grade --trace 时同时记下它出自规则包的哪一行（平时 here 返回 nil）。
-- depth：2 为调用本方法的那一行，3 为再上一层（经 why 转来的理由）。
function pack:note(reasons, text, depth)
  local n = #reasons + 1
  reasons[n] = text
  local at = here(depth or 2)
  if at then
    reasons.at = reasons.at or {}
    reasons.at[n] = at
  end
end

function pack:settle(p, ctx, key, derived, reasons)
  local name = self.FACTOR_NAMES[key]
  local rated, sum, weights = self:rated(p, name, ctx)
  if rated == nil then
    self:note(reasons, ("%s取推定值%d"):format(name, derived))
    return derived
  end
  local v = math.max(derived, rated)
  self:note(reasons, ("%s：推定%d，四评一审加权平均%d/%d≈%d，取%d"):format(
    name, derived, sum, weights, rated, v))
  return v
end

function pack:grade(p, ctx)
  local reasons = {}
  local function why(text) self:note(reasons, text, 3) end

  local f = {}
  f.importance = self:settle(p, ctx, "importance", self:importance(p, why), reasons)
  f.discretion = self:settle(p, ctx, "discretion", self:discretion(p, why), reasons)
  f.likelihood = self:settle(p, ctx, "likelihood", self:likelihood(p, ctx, why), reasons)
  f.harm = self:settle(p, ctx, "harm", self:harm(p, ctx, why), reasons)

  local score = self:score(f)
  local tier = self:tier(score, p, ctx)
  local w = self.WEIGHTS
  why(("得分 = %d×%d + %d×%d + %d×%d + %d×%d = %d，定为%s"):format(
    w.importance, f.importance, w.discretion, f.discretion,
    w.likelihood, f.likelihood, w.harm, f.harm, score, tier))

  local flags = self:flags(p, tier, score, ctx)
  return {
    factors = f,
    score = score,
    tier = tier,
    reasons = reasons,
    trace = reasons.at,
    flags = flags,
    warnings = self:warnings(p, tier, flags, ctx),
    recheck_on = self:recheck_on(p, tier, ctx),
  }
end

---------------------------------------------------------------------------------------
-- 七、结果管到哪天 (until when the result holds)
---------------------------------------------------------------------------------------

-- 评定结果只取决于风险点的事实和评定日期 ctx.as_of。事实不变时，结果只可能在下列日期改变：
-- 风险信息、评议、变更的日期（从这天起计入）；风险信息满 365 天的次日（移出近期）；
-- 防控措施完成时限的次日（可能逾期）；上次评定加复评周期的次日（超过复评周期）。
-- 返回其中晚于评定日期的最早一个（都没有则为 "9999-12-31"）。在此之前、事实不变的评定，
-- riskgrade 沿用本次结果，不再运行本包（grade --regrade-all 除外）；预警的完成时限虽随评定
-- 日期而变，但只用于新发或升级的预警，沿用时原预警仍然有效，不受影响。
-- 单位规则包覆盖的方法如另以 ctx.as_of 比较其他日期，须一并覆盖本方法。
function pack:recheck_on(p, tier, ctx)
  local as_of, first = ctx.as_of, "9999-12-31"
  local function from(d, n)   -- 日期 d 之后第 n 天起，结果可能改变
    if date.days(d, first) > n then
      local on = date.add(d, n)
      if on > as_of then first = on end
    end
  end
  for _, s in ipairs(p.signals) do
    from(s.date, 0)
    from(s.date, self.SIGNAL_WINDOW_DAYS + 1)
  end
  for _, r in ipairs(p.ratings) do from(r.date, 0) end
  for _, c in ipairs(p.changes) do from(c.date, 0) end
  for _, m in ipairs(p.measures) do
    if m.due then from(m.due, 1) end
  end
  if p.last_graded then
    from(p.last_graded, self.REVIEW_DAYS[p.approved_tier or tier] + 1)
  end
  return first
end

---------------------------------------------------------------------------------------
-- 八、测试用例 (cases for `riskgrade test`)
-- 即 fixtures/tiny 的七个风险点，其等级、标记与预警均按上述方法手工计算
-- （过程见 fixtures/tiny/README.md），评定日期 2026-12-01。
-- 结果管到哪天（recheck_on）按第七节推算，取晚于 2026-12-01 的最早一个：
--   A1 信息 2026-03-01 满 365 天的次日 2027-03-02（复评 2026-06-01+366 = 2027-06-02 更晚）；
--   A2 各日期都已过去（复评 2025-01-10+181、措施时限次日 2026-10-02），9999-12-31；
--   A3 信息 2026-03-01+366 = 2027-03-02；A4 评定日之后的评议 2027-01-01；
--   A5 信息 2026-08-01+366 = 2027-08-02（复评 2026-01-15+731 = 2028-01-16）；
--   A6 评定日之后的信息 2026-12-15；A7 复评 2025-12-20+366 = 2026-12-21。
---------------------------------------------------------------------------------------

pack.CASES = {
  { name = "A1 行政处罚岗位：两条近期属实信息，自评低不压分，定级偏低",
    point = { level = "岗位", category = "业务流程",
      power = { kind = "行政处罚", major = false, funds = 0 },
      approved_tier = "二级", approved_on = "2026-06-01", last_graded = "2026-06-01",
      people = { department_head = "P3" },
      ratings = {
        { source = "岗位自评", factor = "发生概率", value = 1, date = "2026-05-01" },
        { source = "党组审核", factor = "发生概率", value = 3, date = "2026-05-20" } },
      measures = { { text = "处罚决定集体讨论", status = "已落实", due = "2026-06-30" } },
      signals = {
        { date = "2026-03-01", source = "信访举报", severity = "一般", substantiated = true, text = "t" },
        { date = "2026-09-10", source = "审计", severity = "较重", substantiated = true, text = "t" } },
      changes = { { kind = "职责权限变更", date = "2026-04-01", text = "t", via = "post" } } },
    expect = { tier = "一级", score = 36,
      factors = { importance = 4, discretion = 5, likelihood = 4, harm = 2 },
      flags = { "under_graded", "new_signal" }, warnings = { "诫勉谈话", "诫勉谈话" },
      recheck_on = "2027-03-02" } },

  { name = "A2 大额资金使用（三重一大，800万元）：法规调整、措施逾期、超过复评周期",
    point = { level = "单位", category = "制度机制",
      power = { kind = "大额资金使用", major = true, funds = 800 },
      approved_tier = "一级", approved_on = "2025-01-10", last_graded = "2025-01-10",
      people = { principal = "P1" },
      measures = { { text = "大额支出一律上会研究", status = "落实中", due = "2026-10-01" } },
      changes = { { kind = "法律法规调整", date = "2025-06-01", text = "t", via = "power" } } },
    expect = { tier = "一级", score = 44,
      factors = { importance = 5, discretion = 4, likelihood = 3, harm = 5 },
      flags = { "law_changed", "measure_failed", "review_due" }, warnings = { "诫勉谈话" },
      recheck_on = "9999-12-31" } },

  { name = "A3 思想道德岗位：审定一级而计算三级，职责变更在上次评定之后",
    point = { level = "岗位", category = "思想道德",
      approved_tier = "一级", approved_on = "2026-03-01", last_graded = "2026-03-01",
      signals = { { date = "2026-03-01", source = "信访举报", severity = "一般", substantiated = true, text = "t" } },
      changes = { { kind = "职责权限变更", date = "2026-04-01", text = "t", via = "post" } } },
    expect = { tier = "三级", score = 22,
      flags = { "over_graded", "duty_changed", "review_due" }, warnings = {},
      recheck_on = "2027-03-02" } },

  { name = "A4 科室风险：未审定，评议抬高危害程度，评定日之后的评议不计",
    point = { level = "科室", category = "岗位职责",
      ratings = {
        { source = "群众点评", factor = "危害程度", value = 5, date = "2026-04-01" },
        { source = "部室互评", factor = "危害程度", value = 4, date = "2026-04-01" },
        { source = "集体评议", factor = "危害程度", value = 4, date = "2026-04-02" },
        { source = "岗位自评", factor = "权力重要程度", value = 1, date = "2026-04-01" },
        { source = "群众点评", factor = "危害程度", value = 1, date = "2027-01-01" } } },
    expect = { tier = "二级", score = 26,
      factors = { importance = 2, discretion = 2, likelihood = 2, harm = 4 },
      flags = { "unapproved", "review_due" }, warnings = {}, recheck_on = "2027-01-01" } },

  { name = "A5 外部环境：严重属实信息、措施效果不佳，无人负责的预警",
    point = { level = "岗位", category = "外部环境",
      power = { kind = "行政确认", major = false, funds = 0 },
      approved_tier = "三级", approved_on = "2026-01-15", last_graded = "2026-01-15",
      measures = { { text = "调解回避制度", status = "效果不佳", due = "2026-09-30" } },
      signals = {
        { date = "2026-08-01", source = "信访举报", severity = "严重", substantiated = true, text = "t" },
        { date = "2026-10-01", source = "舆论监督", severity = "一般", substantiated = false, text = "t" } } },
    expect = { tier = "二级", score = 27,
      factors = { importance = 2, discretion = 2, likelihood = 4, harm = 3 },
      flags = { "under_graded", "new_signal", "measure_failed" },
      warnings = { "责令纠错", "风险提示", "风险提示" }, recheck_on = "2027-08-02" } },

  { name = "A6 平稳的风险点：评定日之后的信息与此前的变更都不触发",
    point = { level = "岗位", category = "业务流程",
      approved_tier = "三级", approved_on = "2025-12-01", last_graded = "2025-12-01",
      measures = { { text = "报销双人复核", status = "落实中", due = "2027-01-31" } },
      signals = { { date = "2026-12-15", source = "巡视", severity = "严重", substantiated = true, text = "t" } },
      changes = { { kind = "职责权限变更", date = "2025-11-01", text = "t", via = "post" } } },
    expect = { tier = "三级", score = 20, flags = {}, warnings = {}, recheck_on = "2026-12-15" } },

  { name = "A7 岗位职责：一般属实信息在上次评定之后，风险提示",
    point = { level = "岗位", category = "岗位职责",
      approved_tier = "二级", approved_on = "2025-12-20", last_graded = "2025-12-20",
      people = { department_head = "P3" },
      signals = { { date = "2026-03-01", source = "信访举报", severity = "一般", substantiated = true, text = "t" } },
      changes = { { kind = "职责权限变更", date = "2026-04-01", text = "t", via = "post" } } },
    expect = { tier = "三级", score = 22,
      flags = { "over_graded", "duty_changed", "new_signal" }, warnings = { "风险提示" },
      recheck_on = "2026-12-21" } },
}

return pack
