#!/bin/sh
# One-shot (compose service redis-certificates): a private CA and a server certificate for the host
# name "redis", written once into the volume mounted at /certs. The CA key is deleted after signing.
# Redis reads redis.crt and redis.key (owned by the redis image's user, 999); the services read ca.crt.
set -eu
cd /certs
if [ -s ca.crt ] && [ -s redis.crt ] && [ -s redis.key ]; then
  echo "certificates exist in /certs"
  exit 0
fi
apk add --no-cache openssl >/dev/null
openssl req -x509 -new -nodes -newkey rsa:3072 -sha256 -days 3650 -subj "/CN=Mooring Redis CA" \
  -keyout ca.key -out ca.crt
openssl req -new -nodes -newkey rsa:2048 -subj "/CN=redis" -keyout redis.key -out redis.csr
printf 'subjectAltName=DNS:redis,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > redis.ext
openssl x509 -req -in redis.csr -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 825 \
  -extfile redis.ext -out redis.crt
rm -f ca.key ca.srl redis.csr redis.ext
chown 999:999 redis.crt redis.key
chmod 644 ca.crt redis.crt
chmod 600 redis.key
echo "certificates written to /certs"
