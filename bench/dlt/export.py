"""dlt's REST API source exporting the same profile and media as igexport, to jsonl on the filesystem destination.

Usage: export.py BASE_URL API_VERSION OUT_DIR PROFILE_FIELDS MEDIA_FIELDS LIMIT TOKEN...
The tokens come from the command line only because this is a local benchmark against the offline emulator.
"""

import sys

import dlt
from dlt.sources.rest_api import rest_api_source


def escape(text: str) -> str:
    """Doubles braces: dlt reads `{...}` in params as placeholders, and Graph's field expansion uses them."""
    return text.replace("{", "{{").replace("}", "}}")


def main() -> None:
    base_url, api_version, out_dir, profile_fields, media_fields, limit, *tokens = sys.argv[1:]
    resources = []
    for index, token in enumerate(tokens):
        resources.append({
            "name": f"profile_{index}",
            "table_name": "profile",
            "endpoint": {
                "path": "me",
                "params": {"fields": escape(profile_fields), "access_token": token},
                "data_selector": "$",
                "paginator": "single_page",
            },
        })
        resources.append({
            "name": f"media_{index}",
            "table_name": "media",
            "primary_key": "id",
            "write_disposition": "append",
            "endpoint": {
                "path": "me/media",
                "params": {"fields": escape(media_fields), "limit": int(limit), "access_token": token},
                "data_selector": "data",
                "paginator": {"type": "json_link", "next_url_path": "paging.next"},
            },
        })
    source = rest_api_source({"client": {"base_url": f"{base_url}/{api_version}/"}, "resources": resources})
    pipeline = dlt.pipeline(
        pipeline_name="igbench",
        dataset_name="ig",
        destination=dlt.destinations.filesystem(f"file://{out_dir}"),
    )
    info = pipeline.run(source, loader_file_format="jsonl")
    info.raise_on_failed_jobs()
    counts = pipeline.last_trace.last_normalize_info.row_counts
    print(" ".join(f"{table}={count}" for table, count in sorted(counts.items())))


if __name__ == "__main__":
    main()
