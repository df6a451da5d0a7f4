-- A pack that inherits from itself through its own agency code.
return inherit("T")
