# Sourced by the goods benchmarks: tokens (HQ admin in HQ, the shop's server in TOKEN), the benchmark warehouse
# WH-BENCH at $GOODS, and sku <code> <units> <mode: one-row | flash | buckets count> to make a SKU stocked there.
KC=http://localhost:8180/realms/santong/protocol/openid-connect/token
token() { curl -fsS "$KC" "$@" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
HQ=$(token -d grant_type=password -d client_id=santong-dev -d client_secret=santong-dev-secret -d username=hq-admin -d password=santong-demo)
export TOKEN; TOKEN=$(token -d grant_type=client_credentials -d client_id=shop-backend -d client_secret=shop-backend-secret)
export LOCATION=WH-BENCH
hq() { curl -fsS -o /dev/null -H "Authorization: Bearer $HQ" -H 'Content-Type: application/json' "$@"; }
hq -X PUT -d '{"name":"Benchmark warehouse","kind":"WAREHOUSE","pickupEnabled":false,"onlineBuffer":0}' "$GOODS/api/goods/locations/WH-BENCH"
sku() {
  hq -X POST -d "{\"code\":\"$1\",\"name\":\"Benchmark $1\",\"warrantyMonths\":0}" "$GOODS/api/goods/skus"
  hq -X POST -d "{\"sku\":\"$1\",\"location\":\"WH-BENCH\",\"cause\":\"RECEIPT\",\"quantity\":$2,\"businessTime\":\"2026-11-20T00:00:00Z\",\"reference\":\"bench-$1\"}" \
    "$GOODS/api/goods/stock/movements"
  case $3 in
    one-row) ;;
    flash) hq -X PUT "$GOODS/api/goods/stock/$1/WH-BENCH/flash-sale" ;;
    *) hq -X PUT -d "{\"buckets\":$3}" "$GOODS/api/goods/stock/$1/WH-BENCH/hot-mode" ;;
  esac
}
