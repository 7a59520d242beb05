#!/bin/sh
# `npm run bench`: raise the open-file limit (10,000 connections are 10,000 descriptors in the server
# and as many in the load workers), then run the orchestrator under tsx.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true
exec node --import tsx bench/run.ts "$@"
