-- wrk script: GET a path in which {n} is replaced by a rotating account number (0..999).
local counter = 0
function init(args)
  path_template = args[1]
  counter = math.random(0, 1000)
end
request = function()
  counter = counter + 1
  return wrk.format("GET", (path_template:gsub("{n}", tostring(counter % 1000))))
end
