-- wrk script: POS earns at store 9 for members listed in $MEMBERS_FILE, each with a new receipt reference.
local token = os.getenv("TOKEN")
local members = {}
local counter = 0
local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
function init(args)
  for line in io.lines(os.getenv("MEMBERS_FILE")) do members[#members + 1] = line end
  math.randomseed(os.time() + (tid or 0) * 7919)
  prefix = string.format("%d-%d-%d", os.time(), tid or 0, math.random(1, 1000000000))
end
function request()
  counter = counter + 1
  local member = members[math.random(1, #members)]
  local body = '{"memberId":"' .. member .. '","channel":"STORE","storeId":"9","reference":"bench-' .. prefix .. '-' .. counter ..
    '","occurredAt":"2026-11-20T02:15:00Z","currency":"CNY","lines":[{"sku":"OX-BLU-M","category":"apparel","amount":"10.00"}]}'
  return wrk.format("POST", "/api/members/points/earns",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
