#!/bin/sh
# Installs the non-Java clients the integration tests drive (NodeAndPythonClientsIntegrationTest):
#   psycopg2 from Debian, node-postgres ("pg") from npm into pg-wire/target/clients/node_modules.
# The tests skip themselves when these are missing.
set -e
here=$(cd "$(dirname "$0")" && pwd)
target="$here/../../../target/clients"
if ! /usr/bin/python3 -c 'import psycopg2' 2>/dev/null; then
  apt-get install -y python3-psycopg2
fi
mkdir -p "$target"
cd "$target"
[ -f package.json ] || echo '{"name":"sluice-pgwire-client-tests","private":true}' > package.json
npm install --no-audit --no-fund pg@8
