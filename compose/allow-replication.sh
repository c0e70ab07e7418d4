#!/bin/sh
# Run once by the postgres image when it creates the primary's database
# (docker-entrypoint-initdb.d): let standbys on the compose network stream
# from it with the postgres user's password (the "replica" profile).
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
