#!/usr/bin/env bash
# Runs every Stowage test on a fresh machine: installs what the tests need, restores, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v kubectl >/dev/null 2>&1 || need_apt+=(kubectl)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${need_apt[@]}" >/dev/null || true
  fi
fi
command -v kubectl >/dev/null 2>&1 || { echo "kubectl is required for the end-to-end tests" >&2; exit 1; }

dotnet restore Stowage.slnx --nologo -v q
dotnet build Stowage.slnx --nologo -c Release --no-restore -v q -clp:ErrorsOnly
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Stowage.slnx --nologo -c Release --no-build -v q "$@" 2>&1 | tee "$log" || status=$?
# One plain summary line over every test project.
awk '/Passed!|Failed!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { gsub(",", "", f); printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
