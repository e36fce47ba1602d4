-- wrk script: POS enrolments of random mainland mobiles at store 9 (TOKEN from the environment).
local token = os.getenv("TOKEN")
function init(args)
  math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1000000) + (wrk.thread and 1 or 0))
end
function request()
  local phone = string.format("139%08d", math.random(0, 99999999))
  local body = '{"channel":"STORE","storeId":"9","phone":"' .. phone .. '"}'
  return wrk.format("POST", "/api/members", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
