#!/bin/sh
# Test PKI and S/MIME messages for the certificate checks (issue 6), made with the system's openssl
# only (Debian's `openssl` 3.x). Mirrors IGC-Santé's shape with TEST names:
#
#   TEST AC RACINE IGC-SANTE ELEMENTAIRE                       (root, RSA)
#   ├── TEST AC IGC-SANTE ELEMENTAIRE PERSONNES                (S/MIME signers, CRL + CRLDP)
#   └── TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS            (operator servers, CRL + CRLDP)
#   TEST AUTRE RACINE NON IGC-SANTE                            (an untrusted root and its signer)
#
# Usage: scripts/make-test-pki.sh OUTDIR
# The committed copy lives in test/fixtures/pki/ (regenerate with
# `sh scripts/make-test-pki.sh test/fixtures/pki`). Certificate and CRL dates are fixed (so results do not
# depend on the day the fixtures were made); the only "now" in the output is the CMS signing time,
# recorded in manifest.json as `generatedAt` (tests verify at that time + 1 h).
set -eu

OUT=${1:?usage: make-test-pki.sh OUTDIR}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

CA_START=20240101000000Z
CA_END=20450101000000Z
ROOT_END=20500101000000Z
EE_START=20250101000000Z
EE_END=20400101000000Z
EXPIRED_START=20200101000000Z
EXPIRED_END=20220101000000Z
REVOKED_AT=250601000000Z
CRL_LAST=20250701000000Z
CRL_NEXT=20450101000000Z
CRL_BASE=http://igc-sante.test/CRL

mkdir -p "$OUT/ca" "$OUT/certs" "$OUT/crl" "$OUT/chains" "$OUT/mail"

cat > "$WORK/openssl.cnf" <<EOF
[ ca ]
default_ca = CA_default

[ CA_default ]
dir = \$ENV::CADIR
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
crlnumber = \$dir/crlnumber
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = yes
preserve = yes

[ policy_any ]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
serialNumber = optional
surname = optional
givenName = optional
commonName = supplied
emailAddress = optional

[ req ]
distinguished_name = req_dn
string_mask = utf8only
[ req_dn ]

[ v3_root ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
certificatePolicies = 2.5.29.32.0

[ v3_inter ]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 2.5.29.32.0
crlDistributionPoints = URI:$CRL_BASE/ARL-TEST-ELEMENTAIRE.crl

[ v3_smime ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = emailProtection,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:\$ENV::EMAIL
crlDistributionPoints = URI:\$ENV::CRLDP

[ v3_tls_only ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:\$ENV::EMAIL
crlDistributionPoints = URI:\$ENV::CRLDP

[ v3_server ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:\$ENV::DNS
crlDistributionPoints = URI:\$ENV::CRLDP
EOF
export OPENSSL_CONF="$WORK/openssl.cnf"
export EMAIL=none@invalid DNS=invalid CRLDP=$CRL_BASE/none.crl CADIR="$WORK"

quiet() { "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }; }

rsa_key() { quiet openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; }
ec_key() { quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

# new_ca NAME SERIAL_HEX: a CA database under $WORK/NAME.
new_ca() {
  mkdir -p "$WORK/$1/newcerts"
  : > "$WORK/$1/index.txt"
  echo "$2" > "$WORK/$1/serial"
  echo 01 > "$WORK/$1/crlnumber"
}

# issue CA_NAME CA_CERT CA_KEY KEY SUBJECT EXT START END OUT_PEM
issue() {
  quiet openssl req -new -key "$4" -subj "$5" -utf8 -out "$WORK/req.csr"
  CADIR="$WORK/$1" quiet openssl ca -batch -notext -preserveDN -in "$WORK/req.csr" -cert "$2" -keyfile "$3" \
    -extensions "$6" -startdate "$7" -enddate "$8" -out "$9"
}

# --- CAs -------------------------------------------------------------------------------------------
new_ca root 01
rsa_key "$OUT/ca/racine.key"
quiet openssl req -new -key "$OUT/ca/racine.key" -utf8 -out "$WORK/req.csr" \
  -subj "/C=FR/O=ASIP-SANTE/OU=0002 187512751/OU=IGC-SANTE TEST/CN=TEST AC RACINE IGC-SANTE ELEMENTAIRE"
CADIR="$WORK/root" quiet openssl ca -batch -notext -preserveDN -selfsign -in "$WORK/req.csr" \
  -keyfile "$OUT/ca/racine.key" -extensions v3_root -startdate $CA_START -enddate $ROOT_END -out "$OUT/ca/racine.pem"

new_ca personnes 1001
rsa_key "$OUT/ca/personnes.key"
issue root "$OUT/ca/racine.pem" "$OUT/ca/racine.key" "$OUT/ca/personnes.key" \
  "/C=FR/O=ASIP-SANTE/OU=0002 187512751/OU=IGC-SANTE TEST/CN=TEST AC IGC-SANTE ELEMENTAIRE PERSONNES" \
  v3_inter $CA_START $CA_END "$OUT/ca/personnes.pem"

new_ca organisations 2001
rsa_key "$OUT/ca/organisations.key"
issue root "$OUT/ca/racine.pem" "$OUT/ca/racine.key" "$OUT/ca/organisations.key" \
  "/C=FR/O=ASIP-SANTE/OU=0002 187512751/OU=IGC-SANTE TEST/CN=TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS" \
  v3_inter $CA_START $CA_END "$OUT/ca/organisations.pem"

new_ca autre 3001
ec_key "$OUT/ca/autre-racine.key"
quiet openssl req -new -key "$OUT/ca/autre-racine.key" -utf8 -out "$WORK/req.csr" \
  -subj "/C=FR/O=AUTRE TEST/CN=TEST AUTRE RACINE NON IGC-SANTE"
CADIR="$WORK/autre" quiet openssl ca -batch -notext -preserveDN -selfsign -in "$WORK/req.csr" \
  -keyfile "$OUT/ca/autre-racine.key" -extensions v3_root -startdate $CA_START -enddate $ROOT_END -out "$OUT/ca/autre-racine.pem"

PER="personnes $OUT/ca/personnes.pem $OUT/ca/personnes.key"
ORG="organisations $OUT/ca/organisations.pem $OUT/ca/organisations.key"

# --- S/MIME signers (Personnes) -------------------------------------------------------------------
export CRLDP=$CRL_BASE/ACI-EL-PER-TEST.crl
# RPPS-like national id in serialNumber (idNat_PS = "8" + RPPS).
EMAIL=jean.dupont@medecin.mssante.fr
rsa_key "$OUT/certs/jean-dupont-rsa.key"
# shellcheck disable=SC2086
issue $PER "$OUT/certs/jean-dupont-rsa.key" \
  "/C=FR/O=CABINET DR DUPONT/OU=IGC-SANTE TEST/serialNumber=810001234567/SN=DUPONT/GN=JEAN/CN=JEAN DUPONT" \
  v3_smime $EE_START $EE_END "$OUT/certs/jean-dupont-rsa.pem"

# The id in the CN ("idNat/NOM"), ECDSA P-256.
EMAIL=marie.martin@chu-lyon.mssante.fr
ec_key "$OUT/certs/marie-martin-ec.key"
# shellcheck disable=SC2086
issue $PER "$OUT/certs/marie-martin-ec.key" \
  "/C=FR/O=CHU DE LYON/OU=IGC-SANTE TEST/CN=810009876543\\/MARIE MARTIN" \
  v3_smime $EE_START $EE_END "$OUT/certs/marie-martin-ec.pem"

EMAIL=paul.durand@medecin.mssante.fr
rsa_key "$OUT/certs/paul-durand-expire.key"
# shellcheck disable=SC2086
issue $PER "$OUT/certs/paul-durand-expire.key" \
  "/C=FR/O=CABINET DR DURAND/OU=IGC-SANTE TEST/serialNumber=810005555555/CN=PAUL DURAND" \
  v3_smime $EXPIRED_START $EXPIRED_END "$OUT/certs/paul-durand-expire.pem"

EMAIL=luc.bernard@medecin.mssante.fr
rsa_key "$OUT/certs/luc-bernard-revoque.key"
# shellcheck disable=SC2086
issue $PER "$OUT/certs/luc-bernard-revoque.key" \
  "/C=FR/O=CABINET DR BERNARD/OU=IGC-SANTE TEST/serialNumber=810007777777/CN=LUC BERNARD" \
  v3_smime $EE_START $EE_END "$OUT/certs/luc-bernard-revoque.pem"

# A certificate for servers only (no emailProtection), used to sign a message: wrong key usage.
EMAIL=secretariat@clinique.mssante.fr
rsa_key "$OUT/certs/tls-seulement.key"
# shellcheck disable=SC2086
issue $PER "$OUT/certs/tls-seulement.key" \
  "/C=FR/O=CLINIQUE TEST/OU=IGC-SANTE TEST/CN=secretariat@clinique.mssante.fr" \
  v3_tls_only $EE_START $EE_END "$OUT/certs/tls-seulement.pem"

# Under the untrusted root.
EMAIL=eve.intruse@medecin.mssante.fr
export CRLDP=http://autre.test/crl/autre.crl
ec_key "$OUT/certs/eve-autre-racine.key"
issue autre "$OUT/ca/autre-racine.pem" "$OUT/ca/autre-racine.key" "$OUT/certs/eve-autre-racine.key" \
  "/C=FR/O=AUTRE TEST/CN=EVE INTRUSE" v3_smime $EE_START $EE_END "$OUT/certs/eve-autre-racine.pem"

# --- operator servers (Organisations) -------------------------------------------------------------
export CRLDP=$CRL_BASE/ACI-EL-ORG-TEST.crl
DNS=mail.operateur-test.mssante.fr
rsa_key "$OUT/certs/serveur.key"
# shellcheck disable=SC2086
issue $ORG "$OUT/certs/serveur.key" \
  "/C=FR/ST=Rhone (69)/O=OPERATEUR TEST/OU=318310021300099/CN=mail.operateur-test.mssante.fr" \
  v3_server $EE_START $EE_END "$OUT/certs/serveur.pem"

DNS=revoque.operateur-test.mssante.fr
ec_key "$OUT/certs/serveur-revoque.key"
# shellcheck disable=SC2086
issue $ORG "$OUT/certs/serveur-revoque.key" \
  "/C=FR/ST=Rhone (69)/O=OPERATEUR TEST/OU=318310021300099/CN=revoque.operateur-test.mssante.fr" \
  v3_server $EE_START $EE_END "$OUT/certs/serveur-revoque.pem"

DNS=expire.operateur-test.mssante.fr
ec_key "$OUT/certs/serveur-expire.key"
# shellcheck disable=SC2086
issue $ORG "$OUT/certs/serveur-expire.key" \
  "/C=FR/ST=Rhone (69)/O=OPERATEUR TEST/OU=318310021300099/CN=expire.operateur-test.mssante.fr" \
  v3_server $EXPIRED_START $EXPIRED_END "$OUT/certs/serveur-expire.pem"

# A server certificate issued by the PERSONNES CA: a valid chain, but not Élémentaire Organisations.
export CRLDP=$CRL_BASE/ACI-EL-PER-TEST.crl
DNS=mauvaise-ac.operateur-test.mssante.fr
ec_key "$OUT/certs/serveur-mauvaise-ac.key"
# shellcheck disable=SC2086
issue $PER "$OUT/certs/serveur-mauvaise-ac.key" \
  "/C=FR/O=OPERATEUR TEST/CN=mauvaise-ac.operateur-test.mssante.fr" \
  v3_server $EE_START $EE_END "$OUT/certs/serveur-mauvaise-ac.pem"

# --- revocations and CRLs -------------------------------------------------------------------------
revoke() { # CA_NAME CA_CERT CA_KEY CERT
  CADIR="$WORK/$1" quiet openssl ca -batch -revoke "$4" -cert "$2" -keyfile "$3" -crl_reason keyCompromise
  # Fixed revocation date, so the CRL does not depend on the day it was made.
  sed -i "s/^R\t\([0-9Z]*\)\t[0-9Z]*,/R\t\1\t$REVOKED_AT,/" "$WORK/$1/index.txt"
}
gencrl() { # CA_NAME CA_CERT CA_KEY OUT_BASENAME
  CADIR="$WORK/$1" quiet openssl ca -batch -gencrl -cert "$2" -keyfile "$3" \
    -crl_lastupdate $CRL_LAST -crl_nextupdate $CRL_NEXT -out "$OUT/crl/$4.pem"
  quiet openssl crl -in "$OUT/crl/$4.pem" -outform DER -out "$OUT/crl/$4.crl"
  rm -f "$OUT/crl/$4.pem"
}
# shellcheck disable=SC2086
revoke $PER "$OUT/certs/luc-bernard-revoque.pem"
# shellcheck disable=SC2086
revoke $ORG "$OUT/certs/serveur-revoque.pem"
# shellcheck disable=SC2086
gencrl $PER personnes
# shellcheck disable=SC2086
gencrl $ORG organisations
gencrl root "$OUT/ca/racine.pem" "$OUT/ca/racine.key" racine

# A CRL bearing PERSONNES's name but signed with another key: must be ignored.
new_ca faux 01
rsa_key "$WORK/faux.key"
quiet openssl req -new -x509 -key "$WORK/faux.key" -utf8 -days 1 -out "$WORK/faux.pem" \
  -subj "/C=FR/O=ASIP-SANTE/OU=0002 187512751/OU=IGC-SANTE TEST/CN=TEST AC IGC-SANTE ELEMENTAIRE PERSONNES"
gencrl faux "$WORK/faux.pem" "$WORK/faux.key" faux-personnes

# --- chains as servers present them ---------------------------------------------------------------
for s in serveur serveur-revoque serveur-expire; do
  cat "$OUT/certs/$s.pem" "$OUT/ca/organisations.pem" > "$OUT/chains/$s.pem"
done
cat "$OUT/certs/serveur-mauvaise-ac.pem" "$OUT/ca/personnes.pem" > "$OUT/chains/serveur-mauvaise-ac.pem"
cat "$OUT/certs/serveur.pem" > "$OUT/chains/serveur-sans-intermediaire.pem"
cat "$OUT/ca/racine.pem" "$OUT/ca/autre-racine.pem" > "$OUT/ca/racine-et-autre.pem"

# --- messages ---------------------------------------------------------------------------------------
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
DATE_HDR=$(date -u -R)
DAY_BEFORE=$(date -u -R -d '-1 day')

body() { # TEXT -> a MIME entity with CRLF line ends
  printf 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n' "$1" > "$WORK/content.mime"
}
# headers FROM SUBJECT DATE -> outer header lines (CRLF)
headers() {
  printf 'From: %s\r\nTo: secretariat@chu-lyon.mssante.fr\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s@test.invalid>\r\n' \
    "$1" "$2" "$3" "$(echo "$2" | tr -c 'a-zA-Z0-9' '-')"
}
# sign CERT_BASE OUT FROM SUBJECT [DATE] [extra openssl cms options...]
sign() {
  cert=$1 out=$2 from=$3 subject=$4 date=$5
  shift 5
  { headers "$from" "$subject" "$date"
    openssl cms -sign -crlfeol -in "$WORK/content.mime" -signer "$OUT/certs/$cert.pem" -inkey "$OUT/certs/$cert.key" \
      -certfile "$OUT/ca/personnes.pem" "$@" 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
  } > "$OUT/mail/$out.eml"
}
JEAN='Dr Jean Dupont <jean.dupont@medecin.mssante.fr>'
MARIE='Dr Marie Martin <marie.martin@chu-lyon.mssante.fr>'

body "Bonjour, voici le compte rendu de consultation de M. X. Bien confraternellement, Dr Jean Dupont."
sign jean-dupont-rsa good-rsa-detached "$JEAN" "Compte rendu (RSA, détaché)" "$DATE_HDR" -md sha256
sign jean-dupont-rsa good-rsa-opaque "$JEAN" "Compte rendu (RSA, opaque)" "$DATE_HDR" -md sha256 -nodetach
sign jean-dupont-rsa good-rsa-pss-detached "$JEAN" "Compte rendu (RSA-PSS)" "$DATE_HDR" -md sha256 -keyopt rsa_padding_mode:pss
# BER with indefinite lengths (streaming), as some clients send opaque signatures.
sign jean-dupont-rsa good-rsa-opaque-stream "$JEAN" "Compte rendu (opaque, BER)" "$DATE_HDR" -md sha256 -nodetach -stream
# Signer identified by subject key identifier instead of issuer and serial number.
sign jean-dupont-rsa good-rsa-keyid "$JEAN" "Compte rendu (keyid)" "$DATE_HDR" -md sha256 -keyid
# No signed attributes: the signature covers the content itself (no signing time).
sign jean-dupont-rsa good-rsa-noattr "$JEAN" "Compte rendu (sans attributs)" "$DATE_HDR" -md sha256 -noattr
# The signer's certificate is not attached: nothing to verify the signature with.
sign jean-dupont-rsa no-signer-cert "$JEAN" "Sans certificat" "$DATE_HDR" -md sha256 -nocerts
sign jean-dupont-rsa sha1-rsa-detached "$JEAN" "Compte rendu (SHA-1)" "$DATE_HDR" -md sha1
sign jean-dupont-rsa wrong-signer "Pierre Imposteur <pierre.imposteur@medecin.mssante.fr>" "Signataire différent" "$DATE_HDR" -md sha256
sign jean-dupont-rsa future-signing-time "$JEAN" "Date antérieure à la signature" "$DAY_BEFORE" -md sha256
# Stored with bare LF line ends (no -crlfeol): verification must canonicalise to CRLF.
{ headers "$JEAN" "Compte rendu (LF)" "$DATE_HDR" | tr -d '\r'
  openssl cms -sign -in "$WORK/content.mime" -signer "$OUT/certs/jean-dupont-rsa.pem" \
    -inkey "$OUT/certs/jean-dupont-rsa.key" -certfile "$OUT/ca/personnes.pem" -md sha256 2>/dev/null | tr -d '\r'
} > "$OUT/mail/good-rsa-detached-lf.eml"
# Altered after signing: one word of the signed body changed.
sed 's/voici le compte rendu/voici LE compte rendu/' "$OUT/mail/good-rsa-detached.eml" > "$OUT/mail/altered.eml"
cmp -s "$OUT/mail/good-rsa-detached.eml" "$OUT/mail/altered.eml" && { echo "altered.eml not altered" >&2; exit 1; }

body "Bonjour, résultats d'analyses en pièce jointe. Dr Marie Martin."
sign marie-martin-ec good-ec-detached "$MARIE" "Résultats (ECDSA, détaché)" "$DATE_HDR" -md sha256
sign marie-martin-ec good-ec-opaque "$MARIE" "Résultats (ECDSA, opaque)" "$DATE_HDR" -md sha256 -nodetach

body "Bonjour, message signé avec un certificat expiré."
sign paul-durand-expire expired "Dr Paul Durand <paul.durand@medecin.mssante.fr>" "Certificat expiré" "$DATE_HDR" -md sha256
body "Bonjour, message signé avec un certificat révoqué."
sign luc-bernard-revoque revoked "Dr Luc Bernard <luc.bernard@medecin.mssante.fr>" "Certificat révoqué" "$DATE_HDR" -md sha256
body "Bonjour, message signé avec un certificat de serveur."
sign tls-seulement wrong-key-usage "Secrétariat <secretariat@clinique.mssante.fr>" "Mauvais usage de clé" "$DATE_HDR" -md sha256
body "Bonjour, message signé hors IGC-Santé."
{ headers "Eve <eve.intruse@medecin.mssante.fr>" "Racine inconnue" "$DATE_HDR"
  openssl cms -sign -crlfeol -in "$WORK/content.mime" -signer "$OUT/certs/eve-autre-racine.pem" \
    -inkey "$OUT/certs/eve-autre-racine.key" -md sha256 2>/dev/null
} > "$OUT/mail/untrusted.eml"

# A signature directly wrapping another signature.
body "Bonjour, message signé deux fois."
openssl cms -sign -crlfeol -in "$WORK/content.mime" -signer "$OUT/certs/jean-dupont-rsa.pem" \
  -inkey "$OUT/certs/jean-dupont-rsa.key" -certfile "$OUT/ca/personnes.pem" -md sha256 -out "$WORK/inner.mime" 2>/dev/null
cp "$WORK/inner.mime" "$WORK/content.mime"
sign jean-dupont-rsa nested "$JEAN" "Signature imbriquée" "$DATE_HDR" -md sha256

# Encrypted for Jean Dupont (enveloped-data).
body "Bonjour, message chiffré."
{ headers "$MARIE" "Message chiffré" "$DATE_HDR"
  openssl cms -encrypt -crlfeol -aes256 -in "$WORK/content.mime" "$OUT/certs/jean-dupont-rsa.pem" 2>/dev/null
} > "$OUT/mail/encrypted.eml"

# Not signed at all.
{ headers "$JEAN" "Message ordinaire" "$DATE_HDR"
  printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour, message non signé.\r\n'
} > "$OUT/mail/not-signed.eml"

cat > "$OUT/manifest.json" <<EOF
{
  "generatedAt": "$NOW",
  "generator": "scripts/make-test-pki.sh",
  "openssl": "$(openssl version | cut -d' ' -f1-2)",
  "revokedAt": "20${REVOKED_AT%Z}",
  "crlThisUpdate": "$CRL_LAST",
  "endEntityValidity": ["$EE_START", "$EE_END"],
  "expiredValidity": ["$EXPIRED_START", "$EXPIRED_END"]
}
EOF
echo "$OUT"
