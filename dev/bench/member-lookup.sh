#!/usr/bin/env bash
# Member-svc figures on the running suite (./santong up first): POS lookup by phone and POS enrolment, with wrk at
# concurrency 16 against member-svc directly (the gateway's per-caller rate limit would cap one POS token).
set -euo pipefail
DURATION=${DURATION:-30s}
MEMBER=${MEMBER_URL:-http://127.0.0.1:8081}
TOKEN=$(curl -fsS http://localhost:8180/realms/santong/protocol/openid-connect/token -d grant_type=client_credentials \
  -d client_id=pos-store-9 -d client_secret=pos-store-9-secret | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
export TOKEN
curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"channel":"STORE","storeId":"9","phone":"138 0013 8000"}' "$MEMBER/api/members"
echo "== warm-up (10 s)"
wrk -t2 -c16 -d10s -H "Authorization: Bearer $TOKEN" "$MEMBER/api/members/lookup?phone=13800138000" >/dev/null
echo "== lookup by phone, concurrency 16, $DURATION"
wrk -t2 -c16 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$MEMBER/api/members/lookup?phone=13800138000" \
  | tee /tmp/santong-bench-lookup.txt
printf 'RESULT|member lookup by phone, 16 clients, direct (a store may send 200/s through the gateway)|%.0f|req/s|-|-|at least 1,000/s through the gateway|MISSED\n' \
  "$(awk '/Requests\/sec/ {print $2}' /tmp/santong-bench-lookup.txt)"
echo "== enrolment of random phones, concurrency 16, $DURATION"
wrk -t2 -c16 -d"$DURATION" --latency -s "$(dirname "$0")/enrol.lua" "$MEMBER"
