-- A pack with a syntax error.
local pack = {
return pack
