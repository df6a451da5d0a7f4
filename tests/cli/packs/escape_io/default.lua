-- A pack that tries to read a file: io is not in the sandbox.
return {
  grade = function(self, p, ctx)
    local f = io.open("/etc/passwd")
    return f
  end,
}
