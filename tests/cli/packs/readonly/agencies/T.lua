-- A pack that changes the table it inherits instead of assigning its own.
local pack = inherit("default")
pack.TIERS[1] = "一级"
return pack
