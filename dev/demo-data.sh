#!/usr/bin/env bash
# Demo data through the gateway, as the real clients would send it. Idempotent: every write is one a retry
# may repeat (existing members, SKUs and batches are returned, not duplicated).
set -euo pipefail
GATEWAY=${SANTONG_GATEWAY_URL:-http://localhost:8080}
TOKEN_URL=${SANTONG_KEYCLOAK_URL:-http://localhost:8180}/realms/santong/protocol/openid-connect/token

token() { # token <form...>
  local body
  body=$(curl -fsS "$TOKEN_URL" "$@") || { echo "no token from Keycloak for $*" >&2; exit 1; }
  sed -E 's/.*"access_token":"([^"]+)".*/\1/' <<<"$body"
}
user_token() { token -d grant_type=password -d client_id=santong-dev -d client_secret=santong-dev-secret -d username="$1" -d password=santong-demo; }
pos_token() { token -d grant_type=client_credentials -d client_id="pos-store-$1" -d client_secret="pos-store-$1-secret"; }

# post <token> <path> <json> <what>: prints the HTTP status; fails on anything but 2xx.
post() {
  local status
  status=$(curl -sS -o /tmp/santong-demo-response.$$ -w '%{http_code}' -H "Authorization: Bearer $1" \
    -H 'Content-Type: application/json' -d "$3" "$GATEWAY$2")
  if [ "${status:0:1}" != 2 ]; then echo "$4: HTTP $status $(cat /tmp/santong-demo-response.$$)" >&2; rm -f /tmp/santong-demo-response.$$; exit 1; fi
  rm -f /tmp/santong-demo-response.$$
  printf '%-52s %s\n' "$4" "$status"
}

HQ=$(user_token hq-admin)
post "$HQ" /api/goods/skus '{"code":"OX-BLU-M","spuCode":"SHIRT-OXFORD","name":"Oxford shirt, blue, M","warrantyMonths":12,"gtins":["4006381333931"],"storeCodes":["ST-OXBLUM"]}' "SKU OX-BLU-M (GTIN 4006381333931)"
post "$HQ" /api/goods/skus '{"code":"OX-BLU-L","spuCode":"SHIRT-OXFORD","name":"Oxford shirt, blue, L","warrantyMonths":12,"gtins":["036000291452"]}' "SKU OX-BLU-L (UPC 036000291452)"
post "$HQ" /api/goods/skus '{"code":"KETTLE-1","name":"Electric kettle 1.7 l","warrantyMonths":24,"gtins":["96385074"]}' "SKU KETTLE-1 (GTIN-8 96385074)"

put() {
  local status
  status=$(curl -sS -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3" "$GATEWAY$2")
  [ "${status:0:1}" = 2 ] || { echo "$4: HTTP $status" >&2; exit 1; }
  printf '%-52s %s\n' "$4" "$status"
}
put "$HQ" /api/goods/locations/WH-SH '{"name":"Shanghai warehouse","kind":"WAREHOUSE","latitude":31.10,"longitude":121.60,"pickupEnabled":false,"onlineBuffer":0}' "location WH-SH (warehouse)"
put "$HQ" /api/goods/locations/9 '{"name":"Store 9, Nanjing Road","kind":"STORE","latitude":31.2352,"longitude":121.4748,"pickupEnabled":true,"onlineBuffer":2}' "location 9 (store)"
put "$HQ" /api/goods/locations/12 '{"name":"Store 12, Xujiahui","kind":"STORE","latitude":31.1955,"longitude":121.4365,"pickupEnabled":true,"onlineBuffer":1}' "location 12 (store)"
put "$HQ" /api/goods/locations/15 '{"name":"Store 15, Pudong","kind":"STORE","latitude":31.2397,"longitude":121.4998,"pickupEnabled":true,"onlineBuffer":1}' "location 15 (store)"
put "$HQ" /api/goods/products/SHIRT-OXFORD '{"name":"Oxford shirt","category":"shirts","warrantyMonths":12,"status":"ACTIVE"}' "product SHIRT-OXFORD"
put "$HQ" /api/goods/skus/OX-BLU-M/listings/ONLINE '{"listed":true}' "OX-BLU-M listed online"
put "$HQ" /api/goods/skus/OX-BLU-L/listings/ONLINE '{"listed":true}' "OX-BLU-L listed online"
put "$HQ" /api/goods/skus/KETTLE-1/listings/ONLINE '{"listed":true}' "KETTLE-1 listed online"
post "$HQ" /api/goods/skus/OX-BLU-L/prices '{"channel":"ALL","currency":"CNY","amount":"209.00","validFrom":"2026-01-01T00:00:00Z"}' "OX-BLU-L price 209.00 CNY everywhere"
post "$HQ" /api/goods/skus/KETTLE-1/prices '{"channel":"ALL","currency":"CNY","amount":"259.00","validFrom":"2026-01-01T00:00:00Z"}' "KETTLE-1 price 259.00 CNY everywhere"
post "$HQ" /api/goods/skus/OX-BLU-M/prices '{"channel":"ALL","currency":"CNY","amount":"199.00","validFrom":"2026-01-01T00:00:00Z"}' "OX-BLU-M price 199.00 CNY everywhere"
post "$HQ" /api/goods/stock/movements '{"sku":"OX-BLU-M","location":"WH-SH","cause":"RECEIPT","quantity":200,"businessTime":"2026-11-01T00:00:00Z","reference":"PO-DEMO-1"}' "200 OX-BLU-M received at WH-SH"
post "$HQ" /api/goods/stock/movements '{"sku":"OX-BLU-M","location":"9","cause":"RECEIPT","quantity":12,"businessTime":"2026-11-01T00:00:00Z","reference":"PO-DEMO-2"}' "12 OX-BLU-M received at store 9"

POS9=$(pos_token 9)
POS12=$(pos_token 12)
post "$POS9" /api/members '{"channel":"STORE","storeId":"9","phone":"138 0013 8000","displayName":"Wei Zhang"}' "member enrolled at store 9 (138 0013 8000)"
post "$POS12" /api/members '{"channel":"STORE","storeId":"12","phone":"139 0013 9000","displayName":"Fang Liu"}' "member enrolled at store 12 (139 0013 9000)"
post "$(user_token alice)" /api/members '{"channel":"ONLINE","email":"alice@demo.santong.dev","displayName":"Alice Wang"}' "member enrolled online (alice)"

post "$HQ" /api/members/consent-notices '{"purpose":"MARKETING_SMS","text":"We may text you offers. Reply TD to stop at any time."}' "consent notice: marketing SMS"
post "$HQ" /api/members/consent-notices '{"purpose":"PERSONALISED_OFFERS","text":"We choose offers for you from what you buy online and in stores."}' "consent notice: personalised offers"
post "$(user_token alice)" /api/members/me/consents '{"purpose":"PERSONALISED_OFFERS","action":"GIVEN","noticeVersion":1}' "alice consents to personalised offers"
curl -fsS -o /dev/null -H "Authorization: Bearer $HQ" "$GATEWAY/api/members/segments" && \
  { status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $HQ" -H 'Content-Type: application/json' \
      -d '{"name":"omnichannel-shoppers","description":"Seen online and in a store in the last 90 days","rule":{"seenInChannelsAll":["ONLINE","STORE"],"activeWithinDays":90}}' \
      "$GATEWAY/api/members/segments"); printf '%-52s %s\n' "segment omnichannel-shoppers (201 new, 409 exists)" "$status"; }

status=$(curl -sS -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $HQ" -H 'Content-Type: application/json' \
  -d '{"holdMonths":12,"tiers":[{"code":"MEMBER","name":"Member","rank":0},{"code":"SILVER","name":"Silver","rank":1,"minSpend":"2000.00","spendCurrency":"CNY","minPoints":2000},{"code":"GOLD","name":"Gold","rank":2,"minSpend":"8000.00","spendCurrency":"CNY"}]}' \
  "$GATEWAY/api/members/tiers"); printf '%-52s %s\n' "tiers MEMBER / SILVER / GOLD" "$status"
WEI=$(curl -fsS -H "Authorization: Bearer $POS9" "$GATEWAY/api/members/lookup?phone=13800138000" | sed -E 's/.*"memberId":"([^"]+)".*/\1/')
post "$POS9" /api/members/points/earns "{\"memberId\":\"$WEI\",\"channel\":\"STORE\",\"storeId\":\"9\",\"reference\":\"9-3-20261120-1041\",\"occurredAt\":\"2026-11-20T02:15:00Z\",\"currency\":\"CNY\",\"lines\":[{\"sku\":\"OX-BLU-M\",\"category\":\"apparel\",\"amount\":\"2399.00\"}]}" "points for a store 9 sale (Wei, 2,399 CNY)"

# post_once <token> <path> <json> <what> [idempotency key]: like post, but 409 (recorded by an earlier run, on
# another day) is fine too.
post_once() {
  local status key=()
  [ -n "${5:-}" ] && key=(-H "Idempotency-Key: $5")
  status=$(curl -sS -o /tmp/santong-demo-response.$$ -w '%{http_code}' -H "Authorization: Bearer $1" "${key[@]}" \
    -H 'Content-Type: application/json' -d "$3" "$GATEWAY$2")
  if [ "${status:0:1}" != 2 ] && [ "$status" != 409 ]; then echo "$4: HTTP $status $(cat /tmp/santong-demo-response.$$)" >&2; rm -f /tmp/santong-demo-response.$$; exit 1; fi
  rm -f /tmp/santong-demo-response.$$
  if [ "$status" = 409 ]; then printf '%-52s %s\n' "$4 (from an earlier run)" "$status"; else printf '%-52s %s\n' "$4" "$status"; fi
}
# Alice's online order two days ago (the shop's server records it with its earn), returned at store 9's service desk.
SHOP=$(token -d grant_type=client_credentials -d client_id=shop-backend -d client_secret=shop-backend-secret)
ALICE=$(curl -fsS -H "Authorization: Bearer $(user_token alice)" -H 'Content-Type: application/json' -d '{"channel":"ONLINE"}' "$GATEWAY/api/members" \
  | sed -E 's/.*"member":\{"id":"([^"]+)".*/\1/')
ORDERED_AT=$(date -u -d '-2 days' +%Y-%m-%dT%H:%M:%SZ)
post_once "$SHOP" /api/members/points/earns "{\"memberId\":\"$ALICE\",\"channel\":\"ONLINE\",\"reference\":\"SO-DEMO-1\",\"occurredAt\":\"$ORDERED_AT\",\"currency\":\"CNY\",\"lines\":[{\"sku\":\"OX-BLU-M\",\"category\":\"apparel\",\"quantity\":2,\"amount\":\"398.00\"}],\"tenders\":[{\"method\":\"ALIPAY\",\"amount\":\"398.00\"}]}" "alice's online order SO-DEMO-1 (2 × OX-BLU-M)"
post_once "$(user_token staff-9)" /api/aftersales/cases '{"type":"RETURN","channel":"STORE","storeId":"9","purchase":{"channel":"ONLINE","reference":"SO-DEMO-1"},"lines":[{"skuCode":"OX-BLU-M","quantity":1,"reasonCode":"TOO_SMALL"}],"reason":"too small"}' "online order returned at store 9" demo-return-so-demo-1

post "$POS9" /api/sync/stores/9/batches '{"batchId":"demo-ws3-0001","transactions":[
 {"workstationId":"3","businessDay":"2026-11-20","sequenceNumber":1041,"type":"SALE","businessTime":"2026-11-20T02:15:00Z",
  "payload":{"currency":"CNY","lines":[{"gtin":"4006381333931","quantity":1,"amount":"199.00"}],"tenders":[{"type":"CARD","amount":"199.00"}]}},
 {"workstationId":"3","businessDay":"2026-11-20","sequenceNumber":1042,"type":"NO_SALE","businessTime":"2026-11-20T02:20:00Z"}]}' \
  "store 9 till batch (2 transactions)"
put "$POS9" /api/sync/stores/9/days/2026-11-20/close '{"currency":"CNY","transactionCount":2,"gross":"199.00","returns":"0.00",
  "tenders":{"CARD":"199.00"},"itemsSold":{"4006381333931":1},"workstations":[{"workstationId":"3","firstSequence":1041,"lastSequence":1042}]}' \
  "store 9 day close 2026-11-20"
