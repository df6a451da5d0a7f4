-- 东营市残疾人联合会 廉政风险等级评定规则："四评一审"
--
-- 依据：《市残联开展廉政风险防控管理工作实施方案》（东残联党组），
-- 见 shared/seeds/002_d2af8be9044ab1dc.txt：
--   第3行  对岗位、部室、单位三个层面……排查廉政风险点，并按照岗位自评、部室互评、群众点评、
--          集体评议、党组审核的"四评一审"要求，分别确定1、2、3三个风险等级。
--   第7行  采用自上而下分析查找和自下而上逐级审核的方式……各部室、单位工作人员按岗位风险等级
--          确定，并报会党组审核，在单位内公示。
--   第16–17行  部室、岗位及分管领导根据风险点划分一、二、三风险等级（6月1日至22日）；
--          会党组审核各廉政风险点等级划分情况（6月23日召开党组会议）。
--
-- 评定办法：
--   一、四评。岗位自评、部室互评、群众点评、集体评议对四个因素（权力重要程度、自由裁量权、
--       发生概率、危害程度）各打1–5分。每个评议主体取其最近一次评分，按下表权重加权平均
--       （四舍五入）；与事实推定值比较取较高者（同全国默认办法，防止避高就低）；
--       某因素无人评议的，取推定值。按全国默认办法的权重计算得分、按阈值得出"四评等级"。
--   二、一审。党组审核有最终决定权：取最近一次党组审核会议（同一日期）的评分，
--       党组审核评定的因素以党组的分值为准（可以高于也可以低于四评），未评定的因素沿用四评；
--       据此计算得分、定级。
--   三、党组审核须在四评之后：最近一次党组审核早于最近一次四评的（例如上一年度的审核），
--       视为本次评定尚未经党组审核。尚未经党组审核的，暂按四评等级定级，待党组审核。
--   需重新评定的标记和预警处置沿用全国默认办法。

local pack = inherit("default")

---------------------------------------------------------------------------------------
-- 一、参数
---------------------------------------------------------------------------------------

-- 四评：各评议主体的权重（集体评议经会议集体研究，权重加倍）。
-- 全国默认办法据此表计算评议的加权平均；党组审核不在此表，单独作为"一审"。
pack.RATING_WEIGHTS = {
  ["岗位自评"] = 1, ["部室互评"] = 1, ["群众点评"] = 1, ["集体评议"] = 2,
}

-- 一审：党组审核
pack.AUDIT_SOURCE = "党组审核"

-- 因素的次序（写理由时按此次序）
pack.FACTOR_ORDER = { "importance", "discretion", "likelihood", "harm" }

---------------------------------------------------------------------------------------
-- 二、四评
---------------------------------------------------------------------------------------

-- 推定值与四评加权平均取较高者（rated 为全国默认办法的加权平均，按本包的四评权重）
function pack:settle(p, ctx, key, derived, reasons)
  local name = self.FACTOR_NAMES[key]
  local rated, sum, weights = self:rated(p, name, ctx)
  if rated == nil then
    self:note(reasons, ("%s：无四评，取推定值%d"):format(name, derived))
    return derived
  end
  local v = math.max(derived, rated)
  self:note(reasons, ("%s：推定%d，四评加权平均%d/%d≈%d，取%d"):format(
    name, derived, sum, weights, rated, v))
  return v
end

-- 得分算式，如"3×4 + 2×3 + 2×2 + 3×3 = 31"
function pack:formula(f)
  local w = self.WEIGHTS
  return ("%d×%d + %d×%d + %d×%d + %d×%d = %d"):format(
    w.importance, f.importance, w.discretion, f.discretion,
    w.likelihood, f.likelihood, w.harm, f.harm, self:score(f))
end

---------------------------------------------------------------------------------------
-- 三、一审：党组审核
---------------------------------------------------------------------------------------

local function later(a, b)   -- a、b 中较晚的日期（nil 视为没有）
  if a == nil then return b end
  if b == nil then return a end
  return date.days(a, b) > 0 and b or a
end

-- 最近一次党组审核：返回 审核日期、{评定因素 -> 分值}、最近一次四评日期。
-- 晚于评定日的评分一律不计；没有党组审核的，审核日期为 nil。
function pack:audit(p, ctx)
  local audited_on, reviewed_on
  for _, r in ipairs(p.ratings) do
    if date.days(r.date, ctx.as_of) >= 0 then
      if r.source == self.AUDIT_SOURCE then
        audited_on = later(audited_on, r.date)
      elseif self.RATING_WEIGHTS[r.source] then
        reviewed_on = later(reviewed_on, r.date)
      end
    end
  end
  local values = {}
  for _, r in ipairs(p.ratings) do   -- 按日期升序给出，同日后者覆盖前者
    if r.source == self.AUDIT_SOURCE and r.date == audited_on then
      values[r.factor] = r.value
    end
  end
  return audited_on, values, reviewed_on
end

-- 定级：有（四评之后的）党组审核的，以党组审核为准；否则按四评。
-- 返回 因素、等级、定级理由。
function pack:decide(p, ctx, review, review_tier, why)
  local audited_on, values, reviewed_on = self:audit(p, ctx)
  if audited_on == nil then
    return review, review_tier,
      ("东营残联：尚无党组审核，按四评加权定为%s（待党组审核）"):format(review_tier)
  end
  if reviewed_on and date.days(audited_on, reviewed_on) > 0 then
    return review, review_tier,
      ("东营残联：最近一次党组审核（%s）早于本次四评（%s），按四评加权定为%s（待党组重新审核）")
        :format(audited_on, reviewed_on, review_tier)
  end

  local f, rated = {}, {}
  for _, key in ipairs(self.FACTOR_ORDER) do
    local name = self.FACTOR_NAMES[key]
    if values[name] then
      f[key] = values[name]
      rated[#rated + 1] = ("%s%d"):format(name, values[name])
    else
      f[key] = review[key]
    end
  end
  why(("党组审核（%s）：%s%s"):format(audited_on, table.concat(rated, "、"),
    #rated < #self.FACTOR_ORDER and "，其余因素沿用四评" or ""))
  local tier = self:tier(self:score(f))
  why(("党组审核后得分 = %s，为%s"):format(self:formula(f), tier))
  if tier == review_tier then
    return f, tier, ("东营残联：党组审核定为%s（与四评加权一致）"):format(tier)
  end
  return f, tier, ("东营残联：党组审核定为%s（四评加权为%s）"):format(tier, review_tier)
end

---------------------------------------------------------------------------------------
-- 四、入口
---------------------------------------------------------------------------------------

function pack:grade(p, ctx)
  local reasons = {}
  local function why(text) self:note(reasons, text, 3) end

  -- 四评
  local review = {}
  review.importance = self:settle(p, ctx, "importance", self:importance(p, why), reasons)
  review.discretion = self:settle(p, ctx, "discretion", self:discretion(p, why), reasons)
  review.likelihood = self:settle(p, ctx, "likelihood", self:likelihood(p, ctx, why), reasons)
  review.harm = self:settle(p, ctx, "harm", self:harm(p, ctx, why), reasons)
  local review_tier = self:tier(self:score(review))
  why(("四评加权：得分 = %s，为%s"):format(self:formula(review), review_tier))

  -- 一审
  local f, tier, reason = self:decide(p, ctx, review, review_tier, why)
  why(reason)

  local score = self:score(f)
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
-- 五、测试用例 (cases for `riskgrade test DYCL`)
-- 取自 fixtures/agencies/DYCL 的风险点（评定日期 2026-12-01，评分与该目录 08_ratings.csv 相同），
-- 等级按上述"四评一审"办法手工计算（过程见该目录 README.md 与 expected.csv）；
-- 需重新评定的标记和预警按全国默认办法（rules/README.md）手工推出。
---------------------------------------------------------------------------------------

local FACTOR_COLUMNS = { "权力重要程度", "自由裁量权", "发生概率", "危害程度" }

-- 评分表：每行 { 评议主体, 评议日期, 分值 }，按日期升序。分值为四位数字串时依次是
-- 权力重要程度、自由裁量权、发生概率、危害程度（如 "2212"）；为表时只评其中列出的因素。
local function ratings(rows)
  local list = {}
  for _, row in ipairs(rows) do
    local source, day, values = row[1], row[2], row[3]
    for i, name in ipairs(FACTOR_COLUMNS) do
      local value
      if type(values) == "string" then value = tonumber(values:sub(i, i)) else value = values[name] end
      if value then
        list[#list + 1] = { source = source, factor = name, value = value, date = day }
      end
    end
  end
  return list
end

-- 2026 年度的"四评"日期（岗位自评、部室互评、群众点评、集体评议）与党组会议日期
local S, M, Q, J, A = "2026-06-05", "2026-06-12", "2026-06-18", "2026-06-22", "2026-06-23"

pack.CASES = {
  { name = "DYCL-06 党组审核提高等级：四评4323得31（二级），党组审核5434得41，定为一级",
    point = { level = "科室", category = "外部环境",
      power = { kind = "行政征收", major = false, funds = 0 },
      approved_tier = "一级", approved_on = A, last_graded = A,
      people = { leader_in_charge = "DYCL-P03" },
      ratings = ratings {
        { "岗位自评", S, "2212" }, { "部室互评", M, "3323" }, { "群众点评", Q, "3333" },
        { "集体评议", J, "3323" }, { "党组审核", A, "5434" } } },
    expect = { tier = "一级", score = 41,
      factors = { importance = 5, discretion = 4, likelihood = 3, harm = 4 },
      flags = {}, warnings = {} } },

  { name = "DYCL-11 党组审核降低等级：四评5333得36（一级），党组审核5323得34，定为二级",
    point = { level = "岗位", category = "岗位职责",
      power = { kind = "财务管理", major = false, funds = 300 },
      approved_tier = "二级", approved_on = A, last_graded = A,
      people = { department_head = "DYCL-P08" },
      ratings = ratings {
        { "岗位自评", S, "3222" }, { "部室互评", M, "4333" }, { "群众点评", Q, "3323" },
        { "集体评议", J, "4333" }, { "党组审核", A, "5323" } } },
    expect = { tier = "二级", score = 34,
      factors = { importance = 5, discretion = 3, likelihood = 2, harm = 3 },
      flags = {}, warnings = {} } },

  { name = "DYCL-18 党组审核低于事实推定：四评4323得31（二级），党组审核2222得20，定为三级",
    point = { level = "科室", category = "业务流程",
      power = { kind = "行政给付", major = false, funds = 150 },
      approved_tier = "三级", approved_on = A, last_graded = A,
      people = { leader_in_charge = "DYCL-P04" },
      measures = { { text = "补贴名单公示，开设网上信箱", status = "已落实", due = "2026-08-31" } },
      ratings = ratings {
        { "岗位自评", S, "2222" }, { "部室互评", M, "3223" }, { "群众点评", Q, "3323" },
        { "集体评议", J, "2222" }, { "党组审核", A, "2222" } } },
    expect = { tier = "三级", score = 20,
      factors = { importance = 2, discretion = 2, likelihood = 2, harm = 2 },
      flags = {}, warnings = {} } },

  { name = "DYCL-23 党组审核只评发生概率5：其余沿用四评4323，得4353即37，定为一级（四评二级）",
    point = { level = "岗位", category = "外部环境",
      power = { kind = "行政征收", major = false, funds = 0 },
      approved_tier = "一级", approved_on = A, last_graded = A,
      people = { department_head = "DYCL-P07" },
      ratings = ratings {
        { "岗位自评", S, "3322" }, { "部室互评", M, "4333" }, { "集体评议", J, "4323" },
        { "党组审核", A, { ["发生概率"] = 5 } } } },
    expect = { tier = "一级", score = 37,
      factors = { importance = 4, discretion = 3, likelihood = 5, harm = 3 },
      flags = {}, warnings = {} } },

  { name = "DYCL-21 党组审核与四评一致：2223得23，定为三级",
    point = { level = "科室", category = "制度机制",
      power = { kind = "其他", major = false, funds = 30 },
      approved_tier = "三级", approved_on = A, last_graded = A,
      people = { leader_in_charge = "DYCL-P04" },
      ratings = ratings {
        { "岗位自评", S, "2222" }, { "部室互评", M, "2223" }, { "群众点评", Q, "3223" },
        { "集体评议", J, "2223" }, { "党组审核", A, "2223" } } },
    expect = { tier = "三级", score = 23,
      factors = { importance = 2, discretion = 2, likelihood = 2, harm = 3 },
      flags = {}, warnings = {} } },

  { name = "DYCL-07 尚无党组审核：四评4322得28，暂定二级（待党组审核），未经集体审定",
    point = { level = "岗位", category = "岗位职责",
      power = { kind = "行政征收", major = false, funds = 0 },
      last_graded = J,
      people = { department_head = "DYCL-P07" },
      ratings = ratings {
        { "岗位自评", S, "2222" }, { "部室互评", M, "3323" }, { "群众点评", Q, "4333" },
        { "集体评议", J, "3322" } } },
    expect = { tier = "二级", score = 28,
      factors = { importance = 4, discretion = 3, likelihood = 2, harm = 2 },
      flags = { "unapproved" }, warnings = {} } },

  { name = "DYCL-03 尚无党组审核：单位层级大额资金1200万元，四评5435得44，暂定一级",
    point = { level = "单位", category = "制度机制",
      power = { kind = "大额资金使用", major = true, funds = 1200 },
      last_graded = J,
      people = { principal = "DYCL-P01" },
      ratings = ratings { { "岗位自评", S, "4424" }, { "集体评议", J, "5435" } } },
    expect = { tier = "一级", score = 44,
      factors = { importance = 5, discretion = 4, likelihood = 3, harm = 5 },
      flags = { "unapproved" }, warnings = {} } },

  { name = "DYCL-24 只有岗位自评2222，低于事实推定5322：取推定值，得31，暂定二级",
    point = { level = "岗位", category = "业务流程",
      power = { kind = "财务管理", major = false, funds = 300 },
      last_graded = S,
      people = { department_head = "DYCL-P08" },
      ratings = ratings { { "岗位自评", S, "2222" } } },
    expect = { tier = "二级", score = 31,
      factors = { importance = 5, discretion = 3, likelihood = 2, harm = 2 },
      flags = { "unapproved" }, warnings = {} } },

  { name = "DYCL-17 党组审核（2025-06-24）早于本次四评（2026-06-22）：按四评4422得30定二级（待党组重新审核），审定一级为定级偏高",
    point = { level = "岗位", category = "岗位职责",
      power = { kind = "人事管理", major = false, funds = 0 },
      approved_tier = "一级", approved_on = "2025-06-24", last_graded = J,
      people = { department_head = "DYCL-P06" },
      ratings = ratings {
        { "集体评议", "2025-06-20", "4434" }, { "党组审核", "2025-06-24", "4434" },
        { "岗位自评", S, "3322" }, { "部室互评", M, "3323" }, { "群众点评", Q, "3322" },
        { "集体评议", J, "3322" } } },
    expect = { tier = "二级", score = 30,
      factors = { importance = 4, discretion = 4, likelihood = 2, harm = 2 },
      flags = { "over_graded" }, warnings = {} } },

  { name = "DYCL-06 以2026-06-22为评定日：6月23日的党组审核尚未发生、不计，按四评4323得31暂定二级",
    as_of = "2026-06-22",
    point = { level = "科室", category = "外部环境",
      power = { kind = "行政征收", major = false, funds = 0 },
      people = { leader_in_charge = "DYCL-P03" },
      ratings = ratings {
        { "岗位自评", S, "2212" }, { "部室互评", M, "3323" }, { "群众点评", Q, "3333" },
        { "集体评议", J, "3323" }, { "党组审核", A, "5434" } } },
    expect = { tier = "二级", score = 31,
      factors = { importance = 4, discretion = 3, likelihood = 2, harm = 3 },
      flags = { "unapproved", "review_due" }, warnings = {} } },

  { name = "补充（仿 DYCL-14，但没有任何评议）：各因素无四评、取推定值2222，得20，暂定三级（待党组审核）",
    point = { level = "岗位", category = "岗位职责",
      last_graded = J,
      people = { department_head = "DYCL-P05" } },
    expect = { tier = "三级", score = 20,
      factors = { importance = 2, discretion = 2, likelihood = 2, harm = 2 },
      flags = { "unapproved" }, warnings = {} } },
}

return pack
