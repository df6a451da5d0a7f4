-- 乙区司法局 (CB) 的规则包：定级同全国默认（本目录 default.lua），但自定了一个宽松的
-- CALIBRATION。等级校准是跨单位的比较，只以全国默认包为准，这里的设置不应生效：
-- 若生效，CB 不会被判为明显偏低（差值须低 2 分），CD 也会因 min_points = 1 得到判断。
local pack = inherit("default")

pack.CALIBRATION = { min_points = 1, min_peer_points = 1, markedly_lower = 2 }

return pack
