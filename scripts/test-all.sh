#!/usr/bin/env bash
# Runs every test of wacalls on a fresh Debian machine with Java 17 and Maven.
# Whatever the tests need beyond that is installed here when missing, so nothing is done by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }

need java || { echo "Java 17 is required (java not found)" >&2; exit 1; }
need mvn || { echo "Maven is required (mvn not found)" >&2; exit 1; }

java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
if [[ "${java_major%%.*}" -lt 17 ]]; then
  echo "Java 17 or newer is required, found ${java_major}" >&2
  exit 1
fi

# System packages the tests need, installed only when missing. The media interop tests drive Debian's Chromium
# through its chromedriver (sdk-media: dev.wacalls.media.interop.ChromiumPeer) and decode its recordings with ffmpeg.
apt_packages=(chromium chromium-driver ffmpeg iproute2)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing test prerequisites: ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq "${missing[@]}"
  else sudo apt-get update -qq && sudo apt-get install -y -qq "${missing[@]}"; fi
fi

# The werift interop tests (sdk-media: dev.wacalls.media.interop.WeriftEchoTest) run a Node program; its npm packages
# are installed here, never by Maven. The lock holds versions and integrity hashes but no registry host
# (.npmrc there sets omit-lockfile-registry-resolved), so npm ci fetches from whatever registry npm is configured for.
if ! need node || ! need npm; then
  echo "Installing test prerequisites: nodejs npm"
  if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq nodejs npm
  else sudo apt-get update -qq && sudo apt-get install -y -qq nodejs npm; fi
fi
werift_peer=sdk-media/src/test/node/werift-peer
if [[ ! -d "$werift_peer/node_modules" ]]; then
  echo "Installing the werift test peer's npm packages in $werift_peer"
  if [[ -f "$werift_peer/package-lock.json" ]]; then
    (cd "$werift_peer" && npm ci --no-audit --no-fund)
  else
    (cd "$werift_peer" && npm install --no-audit --no-fund)
  fi
fi

# verify: compile everything (benchmarks and samples included), run every module's tests.
exec mvn -B -ntp verify "$@"
