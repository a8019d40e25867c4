"""Checks the interop fixtures the Swift tests wrote: every loader reads every record, with the right types."""

import csv
import json
import sys
from pathlib import Path

import duckdb

from feeds import check_feeds


def check(condition, message):
    if not condition:
        raise SystemExit(f"interop: FAILED: {message}")
    print(f"interop: ok: {message}")


def main(folder: Path):
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    count = expected["media_count"]
    captions = expected["captions"]
    db = duckdb.connect()

    ndjson = str(folder / "media.ndjson")
    rows = db.execute(f"select count(*) from read_ndjson('{ndjson}')").fetchone()[0]
    check(rows == count, f"DuckDB read_ndjson loads {count} records")
    describe = f"select column_name, column_type from (describe select * from read_ndjson('{ndjson}'))"
    types = dict(db.execute(describe).fetchall())
    check(types["timestamp"] == "TIMESTAMP WITH TIME ZONE", f"NDJSON timestamp is TIMESTAMPTZ ({types['timestamp']})")
    check(types["id"] == "VARCHAR", f"NDJSON id is VARCHAR ({types['id']})")
    check(types["account_id"] == "VARCHAR", f"NDJSON account_id is VARCHAR ({types['account_id']})")
    check(types["like_count"] == "BIGINT", f"NDJSON like_count is BIGINT ({types['like_count']})")
    check(types["children"].startswith("STRUCT("), f"NDJSON children is a list of structs ({types['children']})")
    hidden = db.execute(f"select count(*) from read_ndjson('{ndjson}') where like_count is null").fetchone()[0]
    check(hidden > 0, "hidden like counts load as NULL")
    loaded = [r[0] for r in db.execute(f"select caption from read_ndjson('{ndjson}')").fetchall()]
    check(loaded == captions, "every NDJSON caption loads back exactly")

    for name in ["media.csv", "media-excel.csv"]:
        path = str(folder / name)
        # CSV carries no types: the ids are declared VARCHAR, as a warehouse load names its schema (DuckDB's
        # sniffer would read digit-only ids as BIGINT); everything else, timestamps included, is detected.
        query = (f"from read_csv('{path}', header=true, allow_quoted_nulls=false, "
                 f"types={{'id': 'VARCHAR', 'account_id': 'VARCHAR'}})")
        rows = db.execute(f"select count(*) {query}").fetchone()[0]
        check(rows == count, f"DuckDB read_csv loads {count} records from {name}")
        types = dict(db.execute(f"select column_name, column_type from (describe select * {query})").fetchall())
        timestamp = types["timestamp"]
        check(timestamp == "TIMESTAMP WITH TIME ZONE", f"{name} timestamp is TIMESTAMPTZ ({timestamp})")
        check(types["id"] == "VARCHAR", f"{name} id is VARCHAR")
        if name == "media.csv":
            loaded = [r[0] for r in db.execute(f"select caption {query}").fetchall()]
            check(loaded == captions, "DuckDB reads every warehouse CSV caption back exactly (NULL vs empty kept)")

    with open(folder / "media.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    check(len(rows) == count, "Python csv reads every record")
    check([r["caption"] for r in rows] == [c if c is not None else "" for c in captions],
          "Python csv reads every caption back exactly")

    with open(folder / "media-excel.csv", newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    check(len(rows) == count, "Python csv reads every Excel-dialect record")

    ids = check_feeds(check, folder / "feed.rss", folder / "feed.atom", folder / "feed.json", expected["feed_items"])
    check(ids == expected["feed_ids"], "the feeds' ids are the newest media's, newest first")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
