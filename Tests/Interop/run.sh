#!/usr/bin/env bash
# Loads the Swift-written NDJSON, CSV, XML and feed samples with the tools users load them with: DuckDB, Python's
# csv, feedparser, html5lib, a JSON Feed 1.1 schema (jsonschema) and xmllint. Run from anywhere after the tests
# are built; the caller holds the build lock.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.build/interop-venv"
fixtures="$(mktemp -d)"
trap 'rm -rf "$fixtures"' EXIT

if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check duckdb feedparser html5lib jsonschema rfc3339-validator

cd "$root"
IGEXPORT_INTEROP_DIR="$fixtures" swift test --filter IGEngineTests.InteropFixtures
test -s "$fixtures/expected.json"

xmllint --noout "$fixtures/records.xml" "$fixtures/feed.rss" "$fixtures/feed.atom"
"$venv/bin/python" "$root/Tests/Interop/check.py" "$fixtures"

echo "--- interop: the landing zone of pipelines/lake.yaml in DuckDB, checked against its manifest"
rm -rf output/lake output/.state/lake.json
"$root/.build/debug/igexport" run pipelines/lake.yaml
"$venv/bin/python" "$root/Tests/Interop/lake.py" output/lake
