#!/usr/bin/env bash
# The README's main job: fit Local Flow Matching on the bundled penguins table with the default preset, write
# synthetic rows to out/penguins.synthetic.csv, and print the quality report (real vs synthetic).
# Needs only the .NET 10 SDK; takes a few minutes on 2 cores. Exit code: lfm's (0 ok; docs/cli.md lists the others).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== building lfm (Release)"
dotnet build src/Microsoft.ML.LocalFlow.Cli/Microsoft.ML.LocalFlow.Cli.csproj -c Release -nologo -v q -clp:ErrorsOnly
lfm() { dotnet src/Microsoft.ML.LocalFlow.Cli/bin/Release/net10.0/lfm.dll "$@"; }

mkdir -p out
rows=$(( $(wc -l < data/penguins.csv) - 1 ))

echo "== lfm fit data/penguins.csv --model out/penguins.lfm (default preset)"
time lfm fit data/penguins.csv --model out/penguins.lfm --seed 1

echo "== lfm sample --rows $rows --out out/penguins.synthetic.csv"
lfm sample --model out/penguins.lfm --rows "$rows" --out out/penguins.synthetic.csv --seed 1

echo "== lfm evaluate data/penguins.csv out/penguins.synthetic.csv"
lfm evaluate data/penguins.csv out/penguins.synthetic.csv --label species
