#!/usr/bin/env python3
"""Writes examples/feeds/*.xml: rss.arxiv.org RSS 2.0 feeds made from the papers of the two seed
digests (shared/data/seeds/readme_digest_*.papers.json), so the offline demo runs the real
pipeline on real ids, titles, authors, categories, dates and abstracts (as far as the seeds give
them: the first 300 characters). Run it from the repository root:

    python3 scripts/make_example_feeds.py ../shared/data/seeds

The output is committed; this script documents how it was made.
"""
import datetime
import json
import pathlib
import sys
from xml.sax.saxutils import escape

CATEGORIES = ["cs.AI", "cs.CL", "cs.DC", "cs.LG"]

HEADER = """<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">
  <channel>
    <title>{cats} updates on arXiv.org</title>
    <link>http://rss.arxiv.org/rss/{plus}</link>
    <description>{cats} updates on the arXiv.org e-print archive.</description>
    <atom:link href="http://rss.arxiv.org/rss/{plus}" rel="self" type="application/rss+xml"/>
    <docs>http://www.rssboard.org/rss-specification</docs>
    <language>en-us</language>
    <lastBuildDate>{build}</lastBuildDate>
    <managingEditor>rss-help@arxiv.org</managingEditor>
    <pubDate>{pub}</pubDate>
    <skipDays>
      <day>Saturday</day>
      <day>Sunday</day>
    </skipDays>
"""

ITEM = """    <item>
      <title>{title}</title>
      <link>https://arxiv.org/abs/{id}</link>
      <description>arXiv:{vid} Announce Type: {type} 
Abstract: {abstract}</description>
      <guid isPermaLink="false">oai:arXiv.org:{vid}</guid>
      <category>{category}</category>
      <pubDate>{pub}</pubDate>
      <arxiv:announce_type>{type}</arxiv:announce_type>
      <dc:creator>{authors}</dc:creator>
    </item>
"""


def rfc822(day: datetime.date, hour: int, offset: str) -> str:
    return day.strftime("%a, %d %b %Y ") + f"{hour:02d}:00:00 {offset}"


def write_feed(papers_json: pathlib.Path, out_dir: pathlib.Path) -> None:
    data = json.loads(papers_json.read_text(encoding="utf-8"))
    day = datetime.date.fromisoformat(data["last_updated"][:10])
    pub = rfc822(day, 0, "-0500")
    cats = ", ".join(CATEGORIES)
    parts = [HEADER.format(cats=cats, plus="+".join(CATEGORIES), build=rfc822(day, 5, "+0000"), pub=pub)]
    # Feed order: by category as the combined feed lists them, then the digest's order.
    papers = sorted(data["papers"], key=lambda p: CATEGORIES.index(p["category"]))
    for p in papers:
        vid = p["arxiv_id"]
        parts.append(ITEM.format(
            title=escape(p["title"]), id=vid[: vid.rindex("v")], vid=vid, type=p["announce_type"],
            abstract=escape(p["abstract_prefix"]), category=p["category"], pub=pub,
            authors=escape(", ".join(p["authors"]))))
    parts.append("  </channel>\n</rss>\n")
    name = f"rss_{'+'.join(CATEGORIES)}_{day.isoformat()}.xml"
    (out_dir / name).write_text("".join(parts), encoding="utf-8")
    print(f"wrote {out_dir / name}: {len(papers)} items")


def main() -> None:
    seeds = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/seeds")
    out_dir = pathlib.Path("examples/feeds")
    out_dir.mkdir(parents=True, exist_ok=True)
    for papers_json in sorted(seeds.glob("readme_digest_*.papers.json")):
        write_feed(papers_json, out_dir)


if __name__ == "__main__":
    main()
