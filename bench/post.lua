-- wrk script: POST a body in which {n} is replaced by a rotating account number (0..999) and
-- {i} by a request counter, so that writes spread over the seeded accounts and stay unique.
local counter = 0
local template = nil

function init(args)
  local f = io.open(args[1], "r")
  template = f:read("*a")
  f:close()
  path_template = args[2]
  counter = math.random(0, 1000000) * 1000
end

request = function()
  counter = counter + 1
  local n = tostring(counter % 1000)
  local body = template:gsub("{n}", n):gsub("{i}", tostring(counter))
  local path = path_template:gsub("{n}", n)
  -- wrk.format takes these headers instead of wrk.headers (-H): add those (the API key) back.
  local headers = {["Content-Type"] = "application/json"}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  return wrk.format("POST", path, headers, body)
end
