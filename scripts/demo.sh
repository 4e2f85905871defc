#!/usr/bin/env bash
# One command for a new machine: system packages, npm packages, build, then the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
npm ci --no-audit --no-fund
npm run demo
