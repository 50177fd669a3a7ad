#!/usr/bin/env bash
# The reconciliation benchmark: the packaged server with a 512 MB heap on a fresh data directory, the
# registry's side of a synthetic Saitama City COPYed into identity_current, the extract uploaded through the
# API; prints the upload time and the comparison time, then the plain-PostgreSQL reference on the same
# database (reference.sql: COPY of the same extract and the same comparison in one statement) and the ratio.
# Usage (from the root, after ./mvnw -B -DskipTests package):
#   benchmarks/reconciliation/run.sh [ROWS, default 1350000] [DIR, kept: data already generated there is reused]
set -euo pipefail
ROWS=${1:-1350000}
WORK=${2:-$(mktemp -d /tmp/reconciliation-bench.XXXXXX)}
HERE=$(cd "$(dirname "$0")" && pwd)
TOKEN=bootstrap-admin-token-for-benchmarks-0123456789
PORT=18480
[ -f "$WORK/extract.csv.gz" ] || python3 "$HERE/generate.py" "$ROWS" "$WORK"
rm -rf "$WORK/data"
java -Xmx512m -jar registry-api/target/registry-api.jar --server.port=$PORT --registry.data-dir="$WORK/data" \
    --registry.bootstrap-admin-token=$TOKEN > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER; wait $SERVER' EXIT
until curl -sf localhost:$PORT/actuator/health | grep -q UP; do sleep 1; done
PG=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
psql -q -h localhost -p "$PG" -U postgres -c "\\copy identity_current_g1 FROM '$WORK/registry.tsv'" -c "ANALYZE identity_current_g1"
CS=cs-token-for-the-reconciliation-benchmark-0123
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"id\":\"cs-saitama\",\"role\":\"MUNICIPAL_CS\",\"municipalityCode\":\"111007\",\"token\":\"$CS\"}" \
    localhost:$PORT/api/v1/admin/accounts
START=$(date +%s.%N)
ID=$(curl -sf -H "Authorization: Bearer $CS" -H 'Content-Type: text/csv' -H 'Content-Encoding: gzip' \
    --data-binary @"$WORK/extract.csv.gz" localhost:$PORT/api/v1/identity/reconciliations | sed 's/.*"id":"\([^"]*\)".*/\1/')
UPLOADED=$(date +%s.%N)
until curl -sf -H "Authorization: Bearer $CS" localhost:$PORT/api/v1/identity/reconciliations/$ID | grep -q COMPLETED; do sleep 0.5; done
DONE=$(date +%s.%N)
curl -sf -H "Authorization: Bearer $CS" localhost:$PORT/api/v1/identity/reconciliations/$ID; echo
echo "rows $ROWS: upload $(echo "$UPLOADED - $START" | bc) s, comparison $(echo "$DONE - $UPLOADED" | bc) s, total $(echo "$DONE - $START" | bc) s"
(cd "$WORK" && psql -q -At -h localhost -p "$PG" -U postgres -v municipality=111007 -f "$HERE/reference.sql") | tee "$WORK/reference.log"
read -r _ COPIED COMPARED < <(grep '^reference ' "$WORK/reference.log")
echo "plain PostgreSQL: COPY $COPIED s, comparison $COMPARED s, total $(echo "$COPIED + $COMPARED" | bc) s;" \
    "registry / reference: $(echo "scale=2; ($DONE - $START) / ($COPIED + $COMPARED)" | bc)"
grep -c OutOfMemoryError "$WORK/server.log" || true
