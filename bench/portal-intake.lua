-- wrk script of bench/portal-intake: every request files a distinct complaint (POST
-- /complaints/new, urlencoded) with the CSRF cookie and token passed as arguments; the tracking
-- numbers answered are collected per thread and written, one a line, to $PORTAL_INTAKE_FILED.
-- Usage: wrk ... -s bench/portal-intake.lua URL -- COOKIE TOKEN

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

local cookie, token
local count = 0
filed = {}
refused = 0

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  cookie, token = args[1], urlencode(args[2])
end

function request()
  count = count + 1
  local n = tostring(id * 100000000 + count)
  local body = "name=Bench+Rightsholder+" .. n ..
      "&organisation=Example+Press&email=rights" .. n .. "%40press.example" ..
      "&authority=rightsholder&works=" .. urlencode("https://press.example/work/" .. n) ..
      "&allegation=" .. urlencode("Work " .. n .. " was crawled although robots.txt disallowed it.") ..
      "&declaration=yes&csrf_token=" .. token
  return wrk.format("POST", "/complaints/new",
                    {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie},
                    body)
end

function response(status, headers, body)
  local tracking = status == 200 and body:match("C%-%d%d%d%d%-%d%d%d%d%d%d")
  if tracking then
    filed[#filed + 1] = tracking
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("PORTAL_INTAKE_FILED"), "w"))
  out:write(string.format("duration_us %d\n", summary.duration))
  for _, thread in ipairs(threads) do
    out:write(string.format("refused %d\n", thread:get("refused")))
    for _, tracking in ipairs(thread:get("filed")) do out:write(tracking, "\n") end
  end
  out:close()
end
