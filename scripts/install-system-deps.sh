#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs: Thunderbird (153 ESR from bookworm-security, French UI),
# Dovecot (IMAP + LMTP) for the local test and demo servers, NSS tools (certutil), openssl.
# Nothing is started as a system service: the bench starts its own servers and stops them by PID.
set -euo pipefail
# thunderbird-l10n-fr: the demo runs in French, as users do; xvfb, openbox, imagemagick and
# fonts-dejavu-core: `npm run screenshots` (a real window under a virtual display).
packages=(thunderbird thunderbird-l10n-fr dovecot-imapd dovecot-lmtpd libnss3-tools openssl ca-certificates xvfb openbox imagemagick fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "paquets système déjà installés : ${packages[*]}"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installation des paquets système : ${missing[*]}"
# Services must not start on install (no systemd here, and we run our own instances).
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  trap '$sudo rm -f /usr/sbin/policy-rc.d' EXIT
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
version=$(/usr/lib/thunderbird/thunderbird --version 2>/dev/null || true)
echo "installé : $version"
