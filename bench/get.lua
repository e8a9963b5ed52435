-- wrk script: GET a path in which {n} is replaced by a rotating account number (0..999).
local counter = 0
local threads = 0
-- Threads numbered (each Lua state's math.random starts alike): they read different accounts.
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  path_template = args[1]
  counter = id * 389
end
request = function()
  counter = counter + 1
  return wrk.format("GET", (path_template:gsub("{n}", tostring(counter % 1000))))
end
