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
