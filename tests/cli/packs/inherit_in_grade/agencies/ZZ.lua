print("ZZ loaded")
return inherit("default")
