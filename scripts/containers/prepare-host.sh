#!/usr/bin/env bash
# Prepares a Debian CI machine with no Docker engine to build and run the
# images with podman (docs/deploy.md, "Containers on a machine without
# Docker"). Run by .ci/run only: it installs system packages and writes
# /etc/containers/containers.conf, which `npm run test:containers` itself never
# does to a developer's machine.
set -euo pipefail

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  echo "containers: docker works; nothing to prepare"
  exit 0
fi

missing=()
for tool in podman runc debootstrap; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "containers: installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq podman runc debootstrap >/dev/null
fi

# crun cannot set ulimits or cgroups in this sandbox ("hybrid mode not
# supported"); runc with cgroupfs can. Written only where no configuration exists.
conf=/etc/containers/containers.conf
if [ ! -e "$conf" ]; then
  mkdir -p /etc/containers
  cat >"$conf" <<'CONF'
[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
CONF
  echo "containers: wrote $conf (runc, cgroupfs)"
fi
podman info >/dev/null
echo "containers: podman $(podman --version | awk '{print $3}') ready"
