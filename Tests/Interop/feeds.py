"""Checks an RSS, an Atom and a JSON Feed written from the same media: what readers parse, the JSON Feed 1.1
schema, the same ids in the same order, and the W3C feed validator's warning rules for hostile captions."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import html5lib
import jsonschema

SCHEMA = Path(__file__).with_name("jsonfeed-1.1.schema.json")
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
# The validator's "title should not contain HTML" rule: an end tag of an HTML element, however escaped.
END_TAG = re.compile(r"</(\w+)>")
HTML_TAGS = {"a", "b", "br", "div", "em", "i", "img", "p", "script", "span", "strong", "style", "video", "item"}
# Elements and attributes the validator accepts in HTML without "potentially dangerous" warnings (our subset).
SAFE_ELEMENTS = {"p", "br", "img", "video", "a"}
SAFE_ATTRIBUTES = {"src", "alt", "poster", "preload", "href"}


def _html_problems(fragment):
    """What html5lib's strict parser (the validator's "Invalid HTML") and its safety rules find in a fragment."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        tree = parser.parseFragment(fragment)
    except html5lib.html5parser.ParseError as error:
        return [f"invalid HTML: {error}"]
    problems = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag == "DOCUMENT_FRAGMENT":
            continue
        if element.tag not in SAFE_ELEMENTS:
            problems.append(f"element <{element.tag}>")
        problems += [f"attribute {name}" for name in element.attrib if name not in SAFE_ATTRIBUTES]
    return problems


def check_feeds(check, rss_path: Path, atom_path: Path, json_path: Path, count: int):
    """Runs every check on the three feeds, which should hold `count` items; returns their ids."""
    rss = feedparser.parse(str(rss_path))
    check(rss.bozo == 0, f"feedparser reads the RSS feed with bozo == 0 ({rss.get('bozo_exception')})")
    atom = feedparser.parse(str(atom_path))
    check(atom.bozo == 0, f"feedparser reads the Atom feed with bozo == 0 ({atom.get('bozo_exception')})")
    check(atom.version == "atom10", f"feedparser sees Atom 1.0 ({atom.version})")
    check(len(rss.entries) == count and len(atom.entries) == count, f"the RSS and Atom feeds have {count} items")
    check(all(e.get("published_parsed") for e in rss.entries + atom.entries), "every item has a parsable date")

    feed = json.loads(json_path.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text())).iter_errors(feed))
    check(not errors, f"the JSON Feed follows the JSON Feed 1.1 schema ({[e.message for e in errors[:3]]})")
    check(len(feed["items"]) == count, f"the JSON Feed has {count} items")

    rss_ids = [e.id for e in rss.entries]
    atom_ids = [e.id for e in atom.entries]
    json_ids = [item["id"] for item in feed["items"]]
    check(len(set(rss_ids)) == count, "RSS ids are unique")
    check(rss_ids == atom_ids == json_ids, f"the three feeds carry the same {count} ids in the same order")

    rss_tree = ET.parse(rss_path).getroot()
    atom_tree = ET.parse(atom_path).getroot()
    items = rss_tree.findall("channel/item")
    entries = atom_tree.findall(f"{ATOM}entry")
    titles = [i.findtext("title") for i in items] + [e.findtext(f"{ATOM}title") for e in entries]
    titles += [item.get("title", "") for item in feed["items"]]
    bad = [t for t in titles if any(tag.lower() in HTML_TAGS for tag in END_TAG.findall(t or ""))]
    check(not bad and all(titles), f"no title is empty or contains HTML ({bad[:3]})")

    order = [[child.tag for child in item] for item in items]
    check(all("description" in tags and CONTENT in tags and tags.index("description") < tags.index(CONTENT)
              for tags in order), "every RSS item has a description, before content:encoded")

    fragments = [i.findtext("description") for i in items] + [i.findtext(CONTENT) for i in items]
    fragments += [e.findtext(f"{ATOM}summary") for e in entries] + [e.findtext(f"{ATOM}content") for e in entries]
    fragments += [item["content_html"] for item in feed["items"]]
    problems = [(f[:60], p) for f in fragments for p in _html_problems(f or "")]
    check(not problems, f"every description and content is valid, safe HTML ({problems[:3]})")
    check(all(e.get("media_content") for e in rss.entries if e.get("enclosures")),
          "RSS items with an enclosure have Media RSS content")
    return rss_ids
