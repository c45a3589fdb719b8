#!/usr/bin/env bash
# Builds the solution and runs the test suite; ends with the plain line "N passed, N failed, N skipped".
# The numerics tests run a second time with AVX-512 disabled, so the Vector256 + FMA kernels are exercised
# on an AVX-512 machine too (the kernel dispatch is chosen once, at start-up).
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results=TestResults
rm -rf "$results"; mkdir -p "$results"

dotnet build Microsoft.ML.LocalFlow.sln -c Release -nologo -v q || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

status=0
run() { # name, extra env..., then -- dotnet test args
  local name=$1; shift
  env "$@" dotnet test test/Microsoft.ML.LocalFlow.Tests/Microsoft.ML.LocalFlow.Tests.csproj -c Release --no-build -nologo \
    --logger "trx;LogFileName=$PWD/$results/$name.trx" --logger "console;verbosity=minimal" ${FILTER:+--filter "$FILTER"} || status=1
}
FILTER="${TEST_FILTER:-}" run all
FILTER="FullyQualifiedName~Microsoft.ML.LocalFlow.Tests.Numerics" run numerics-avx2 DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0

# Sum the counters of every TRX file: the closing line comes from the real results.
passed=0; failed=0; skipped=0
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  line=$(grep -o '<Counters [^>]*' "$f" | head -1)
  get() { echo "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); p=$(get passed); fl=$(get failed); ex=$(get executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0}))
  skipped=$((skipped + ${total:-0} - ${ex:-0}))
done
if [ "$(ls "$results"/*.trx 2>/dev/null | wc -l)" -eq 0 ]; then failed=$((failed + 1)); fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
