#!/usr/bin/env bash
# Runs the most complete demo there is today: the recruiter's flow (enable calling, invite, consent, call,
# hang up, call back) against the built-in WhatsApp emulator on 127.0.0.1, through real HTTP and signed webhooks.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp install -DskipTests -pl samples/quickstart -am
exec mvn -q -B -ntp -pl samples/quickstart exec:java
