-- wrk script: online holds of one unit of $SKU at $LOCATION, each for a new order (TOKEN: the shop server's).
local token = os.getenv("TOKEN")
local sku = os.getenv("SKU")
local location = os.getenv("LOCATION")
local counter = 0
local tid_seq = 0
function setup(thread)
  tid_seq = tid_seq + 1
  thread:set("tid", tid_seq)
end
function init(args)
  math.randomseed(os.time() + (tid or 0) * 104729)
  prefix = string.format("%d-%d-%d", os.time(), tid or 0, math.random(1, 1000000000))
end
function request()
  counter = counter + 1
  local body = '{"sku":"' .. sku .. '","location":"' .. location .. '","quantity":1,"channel":"ONLINE","orderReference":"bench-' ..
    prefix .. '-' .. counter .. '","ttlSeconds":3600}'
  return wrk.format("POST", "/api/goods/reservations",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
-- Answers by status, summed over the threads at the end (wrk runs each thread in its own Lua state).
statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
local threads = {}
local setup_holds = setup
function setup(thread)
  setup_holds(thread)
  table.insert(threads, thread)
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do total[status] = (total[status] or 0) + n end
  end
  local line = "statuses:"
  for status, n in pairs(total) do line = line .. " " .. status .. "=" .. n end
  print(line)
end
