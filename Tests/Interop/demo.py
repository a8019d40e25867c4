"""Loads the demo pipeline's outputs (output/demo/) with the tools users load them with."""

import csv
import sys
from pathlib import Path

import duckdb

from feeds import check_feeds


def check(condition, message):
    if not condition:
        raise SystemExit(f"demo interop: FAILED: {message}")
    print(f"demo interop: ok: {message}")


def main(folder: Path, media: int, max_items: int):
    db = duckdb.connect()
    ndjson = str(folder / "media.ndjson")
    check(db.execute(f"select count(*) from read_ndjson('{ndjson}')").fetchone()[0] == media,
          f"DuckDB read_ndjson loads {media} media")
    types = dict(db.execute(f"select column_name, column_type from (describe select * from read_ndjson('{ndjson}'))")
                 .fetchall())
    check(types["timestamp"] == "TIMESTAMP WITH TIME ZONE", "timestamps are TIMESTAMPTZ")
    check(types["id"] == "VARCHAR", "ids are VARCHAR")
    csv_path = str(folder / "media.csv")
    check(db.execute(f"select count(*) from read_csv('{csv_path}', header = true)").fetchone()[0] == media,
          f"DuckDB read_csv loads {media} media")
    with open(folder / "media.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    check(len(rows) == media, "Python's csv reads every row")
    check_feeds(check, folder / "feed.xml", folder / "feed.atom", folder / "feed.json", min(media, max_items))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
