#!/usr/bin/env bash
# Headless Chromium for the report's browser test (tests/Loyalty.Core.IntegrationTests/Cli/DemoReportBrowserTests.cs), from
# Debian's package; Playwright drives it through its ExecutablePath and never downloads a browser. Idempotent.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version 2>/dev/null | head -1
