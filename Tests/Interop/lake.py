"""Checks an exported landing zone as a warehouse loader would: DuckDB reads the gzip NDJSON and zstd CSV
partitions as they are (hive partitioning), every NDJSON record validates against its stream's generated JSON
Schema (_catalog/{stream}.schema.json, dates checked), the manifest's rows, bytes and sha256 match the files, and
each _SUCCESS marker is newer than every data file and the manifest. Usage: lake.py LAKE_FOLDER"""
import glob
import gzip
import hashlib
import json
import os
import sys

import duckdb
import jsonschema

lake = sys.argv[1]
manifests = glob.glob(os.path.join(lake, "_manifests", "*.json"))
assert len(manifests) == 1, manifests
manifest_path = manifests[0]
manifest = json.load(open(manifest_path))
base = os.path.dirname(manifest_path)
files = manifest["files"]
assert files, "the manifest lists no file"
newest_data = os.stat(manifest_path).st_mtime_ns
for entry in files:
    path = os.path.normpath(os.path.join(base, entry["path"]))
    data = open(path, "rb").read()
    assert entry["bytes"] == len(data), (path, entry["bytes"], len(data))
    assert entry["sha256"] == hashlib.sha256(data).hexdigest(), path
    newest_data = max(newest_data, os.stat(path).st_mtime_ns)
    if path.endswith(".ndjson.gz"):
        rows = duckdb.sql(f"select count(*) from read_ndjson('{path}')").fetchall()[0][0]
    else:
        rows = duckdb.sql(f"select count(*) from read_csv('{path}', header=true)").fetchall()[0][0]
    assert rows == entry["rows"], (path, rows, entry["rows"])

validated = 0
for entry in files:
    if not entry["path"].endswith(".ndjson.gz"):
        continue
    schema = json.load(open(os.path.join(lake, "_catalog", f"{entry['stream']}.schema.json")))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for key in schema["x-key"]:
        assert key in schema["required"], (entry["stream"], key)
    with gzip.open(os.path.normpath(os.path.join(base, entry["path"])), "rt", encoding="utf-8") as lines:
        for line in lines:
            validator.validate(json.loads(line))
            validated += 1
assert validated > 0, "no NDJSON record was validated"

folders = {os.path.dirname(os.path.normpath(os.path.join(base, e["path"]))) for e in files}
for folder in folders:
    marker = os.path.join(folder, "_SUCCESS")
    assert os.stat(marker).st_mtime_ns >= newest_data, f"{marker} is older than a data file or the manifest"

media = duckdb.sql(
    f"select count(*), count(distinct month) from read_ndjson('{lake}/media/month=*/part.ndjson.gz', hive_partitioning=true)"
).fetchall()[0]
csv = duckdb.sql(
    f"select count(*) from read_csv('{lake}/media_csv/month=*/part.csv.zst', hive_partitioning=true, header=true)"
).fetchall()[0]
assert media[0] == csv[0] and media[0] > 0 and media[1] > 1, (media, csv)
print(f"lake: {len(files)} files, {validated} records valid against the catalog, {media[0]} media over {media[1]} months, manifest and _SUCCESS consistent")
