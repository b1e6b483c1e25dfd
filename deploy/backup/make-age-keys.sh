#!/bin/sh
# One-shot (compose service backup-keys): the age key pair backups are encrypted to, made once into
# the volume mounted at /keys. identity.txt decrypts (restores; keep a copy outside Docker, or the
# backups cannot be read when the volume is lost); recipient.txt is the public half.
set -eu
cd /keys
if [ -s identity.txt ] && [ -s recipient.txt ]; then
  echo "age keys exist in /keys"
  exit 0
fi
apk add --no-cache age >/dev/null
age-keygen -o identity.txt
age-keygen -y identity.txt > recipient.txt
chown 10001:10001 identity.txt recipient.txt   # the services' user in their images
chmod 400 identity.txt
chmod 444 recipient.txt
echo "age keys written to /keys"
