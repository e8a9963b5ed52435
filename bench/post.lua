-- wrk script: POST a body in which {n} is replaced by a rotating account number (0..999) and
-- {i} by a request counter, so that writes spread over the seeded accounts and stay unique.
local counter = 0
local template = nil
local threads = 0

-- Each wrk thread has its own Lua state whose math.random starts from the same seed: number the
-- threads, so that they write to different accounts and never repeat each other's event ids.
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  local f = io.open(args[1], "r")
  template = f:read("*a")
  f:close()
  path_template = args[2]
  -- Apart by thread (half the accounts) and by start second (runs never reuse an event id).
  counter = id * 1e11 + (id % 2) * 500 + (os.time() % 100000) * 100000
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
