#!/usr/bin/env bash
# Runs every Stowage test on a fresh machine: installs what the tests need, restores, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v kubectl >/dev/null 2>&1 || need_apt+=(kubectl)
# The node storage pool's tests make real ext4 filesystems on loop devices (as root).
has_e2fsprogs() { PATH="$PATH:/usr/sbin:/sbin" command -v mkfs.ext4 >/dev/null 2>&1; }
has_e2fsprogs || need_apt+=(e2fsprogs)
# Pods run as OCI containers with runc; the built-in busybox image comes from busybox-static.
command -v runc >/dev/null 2>&1 || need_apt+=(runc)
{ [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; } || need_apt+=(busybox-static)
command -v git >/dev/null 2>&1 || need_apt+=(git)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${need_apt[@]}" >/dev/null || true
  fi
fi
command -v kubectl >/dev/null 2>&1 || { echo "kubectl is required for the end-to-end tests" >&2; exit 1; }
if [ "$(id -u)" = 0 ]; then
  has_e2fsprogs || { echo "e2fsprogs (mkfs.ext4, e2fsck, resize2fs) is required for the storage pool tests" >&2; exit 1; }
else
  echo "not root: the storage pool tests that need loop devices will be skipped" >&2
fi

dotnet restore Stowage.slnx --nologo -v q
dotnet build Stowage.slnx --nologo -c Release --no-restore -v q -clp:ErrorsOnly
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Stowage.slnx --nologo -c Release --no-build "$@" 2>&1 | tee "$log" || status=$?
# One plain summary line over every test project.
awk '/Passed!|Failed!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { gsub(",", "", f); printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
