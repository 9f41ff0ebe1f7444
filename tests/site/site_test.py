#!/usr/bin/env python3
"""The static site a run writes, checked as its readers get it.

`schema` mode: site/search-index.json validates against tests/site/search_index.schema.json (a
real JSON Schema validator, python3-jsonschema) and lists every digest paper.

`browser` mode: headless Chromium loads the pages from file://.

Runs `arxiv-digest run --offline` over the bundled 2026-02-12 sample feed plus a hand-written feed
of hostile titles (tests/fixtures/site), with output.site_enabled, then checks Chromium's DOM
(--dump-dom) of site/index.html:
  - every paper of the day's digest is listed, with its arXiv link;
  - paper text made no element: no img but the trends picture, no script but filter.js, no
    iframe, svg or on* attribute anywhere;
  - the filter works: index.html?q=WORD hides the papers without WORD and says how many match;
and keeps a screenshot (--screenshot) in ARTIFACTS_DIR.

Usage: site_test.py schema|browser BINARY SOURCE_DIR ARTIFACTS_DIR. Browser mode exits 77
(CTest: skipped) without Chromium.
"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

SKIPPED = 77


class Dom(html.parser.HTMLParser):
    """The elements of a page: (tag, attributes) in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def browse(browser, url, *flags):
    # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-extensions", "--user-data-dir=" + profile, *flags, url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        sys.exit(f"FAIL: chromium exited {done.returncode} on {url}: {done.stderr[-2000:]}")
    return done.stdout


def dom_of(browser, url):
    dom = Dom()
    dom.feed(browse(browser, url, "--dump-dom", "--virtual-time-budget=5000"))
    return dom.elements


failures = []


def check(what, condition, detail=""):
    print(("ok:   " if condition else "FAIL: ") + what + (f" ({detail})" if detail and not condition else ""))
    if not condition:
        failures.append(what)


mode, binary, source, artifacts = sys.argv[1:5]
browser = chromium()
if mode == "browser" and browser is None:
    print("SKIPPED: no chromium on PATH (Debian: apt-get install chromium)")
    sys.exit(SKIPPED)

work = tempfile.mkdtemp(prefix="site-browser-")
profile = os.path.join(work, "profile")
try:
    feeds = os.path.join(work, "feeds")
    os.makedirs(feeds)
    shutil.copy(os.path.join(source, "examples/feeds/rss_cs.AI+cs.CL+cs.DC+cs.LG_2026-02-12.xml"), feeds)
    shutil.copy(os.path.join(source, "tests/fixtures/site/rss_cs.AI_hostile_2026-02-12.xml"), feeds)
    config = json.load(open(os.path.join(source, "examples/config.json"), encoding="utf-8"))
    config.setdefault("output", {})["site_enabled"] = True
    config.setdefault("ai_summary", {})["enabled"] = False
    with open(os.path.join(work, "config.json"), "w", encoding="utf-8") as out:
        json.dump(config, out)
    run = subprocess.run([binary, "run", "-q", "--config", os.path.join(work, "config.json"),
                          "--offline", feeds], capture_output=True, text=True)
    check("run --offline exits 0", run.returncode == 0, run.stderr[-2000:])
    if failures:
        sys.exit(1)

    site = os.path.join(work, "site")
    digest = json.load(open(os.path.join(work, "digest.json"), encoding="utf-8"))
    papers = digest["papers"] if isinstance(digest, dict) else digest
    expected = [p["id"] for p in papers]
    check("the digest has papers, the hostile ones among them",
          len(expected) > 2 and {"2602.99901", "2602.99902"} <= set(expected), str(expected))

    if mode == "schema":
        import jsonschema
        schema = json.load(open(os.path.join(source, "tests/site/search_index.schema.json"),
                                encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        index_json = json.load(open(os.path.join(site, "search-index.json"), encoding="utf-8"))
        errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(index_json)]
        check("search-index.json matches its schema", not errors, "; ".join(errors[:5]))
        check("search-index.json lists every digest paper, best first",
              [p["id"].rsplit("v", 1)[0] for p in index_json["papers"]] == expected)
        hostile = [p for p in index_json["papers"] if p["id"].startswith("2602.99902")]
        check("a hostile paper's link is arXiv's, not its own",
              hostile and hostile[0]["url"] == "https://arxiv.org/abs/2602.99902")
        sys.exit(1 if failures else 0)

    index = "file://" + os.path.join(site, "index.html")
    elements = dom_of(browser, index)
    listed = [a for tag, a in elements if tag == "li" and "paper" in a.get("class", "").split()]
    check("index.html lists every digest paper", len(listed) == len(expected),
          f"{len(listed)} listed, {len(expected)} in the digest")
    links = {a.get("href") for tag, a in elements if tag == "a"}
    for paper_id in expected:
        check(f"{paper_id} is linked to arXiv", f"https://arxiv.org/abs/{paper_id}" in links)
    images = [a.get("src") for tag, a in elements if tag == "img"]
    check("the only images are the trends picture", all(src == "trends.svg" for src in images),
          str(images))
    scripts = [a.get("src") for tag, a in elements if tag == "script"]
    check("the only script is the site's own", scripts == ["filter.js"], str(scripts))
    check("no iframe, svg, object or embed from paper text",
          not [t for t, _ in elements if t in ("iframe", "svg", "object", "embed")])
    check("no event handler attribute",
          not [(t, k) for t, a in elements for k in a if k.startswith("on")])
    check("no javascript: link", not [h for h in links if h and h.startswith("javascript:")])
    check("the filter box is shown (filter.js ran under the page's CSP)",
          any(t == "form" and "data-filter" in a and "hidden" not in a for t, a in elements))

    query = "kv"
    filtered = dom_of(browser, index + "?q=" + query)
    items = [a for t, a in filtered if t == "li" and "paper" in a.get("class", "").split()]
    shown = [a for a in items if "hidden" not in a]
    check("a query narrows the list", 0 < len(shown) < len(items), f"{len(shown)} of {len(items)}")
    # What the filter reads of a paper (title, authors, categories, keyword hits), from the
    # search index the site ships, by the paper's anchor.
    index_json = json.load(open(os.path.join(site, "search-index.json"), encoding="utf-8"))
    text_of = {p["page"].split("#", 1)[1]: " ".join([p["title"]] + p["authors"] + p["categories"]
                                                   + p["keywords"]).lower()
               for p in index_json["papers"]}
    check("every paper left matches the query",
          all(query in text_of.get(a.get("id"), "") for a in shown))
    check("every hidden paper does not",
          all(query not in text_of.get(a.get("id"), query) for a in items if "hidden" in a))
    dump = browse(browser, index + "?q=" + query, "--dump-dom", "--virtual-time-budget=5000")
    check("the filter says how many match", f"{len(shown)} of {len(items)} papers match" in dump)

    archive = dom_of(browser, "file://" + os.path.join(site, "archive.html"))
    check("archive.html links the day", any(t == "a" and a.get("href") == "2026-02-12.html"
                                            for t, a in archive))

    os.makedirs(artifacts, exist_ok=True)
    shot = os.path.join(artifacts, "site_index.png")
    if os.path.exists(shot):
        os.remove(shot)
    browse(browser, index, "--screenshot=" + shot, "--window-size=1280,2400", "--hide-scrollbars")
    with open(shot, "rb") as png:
        header = png.read(8)
    check("the screenshot is a PNG", header == b"\x89PNG\r\n\x1a\n")
    print(f"screenshot: {shot} ({os.path.getsize(shot)} bytes)")
    # Phone width: the page must not need horizontal scrolling.
    phone = os.path.join(artifacts, "site_index_phone.png")
    browse(browser, index, "--screenshot=" + phone, "--window-size=390,2400", "--hide-scrollbars")
finally:
    shutil.rmtree(work, ignore_errors=True)

if failures:
    print(f"site {mode}: {len(failures)} failed")
    sys.exit(1)
print(f"site {mode}: all checks passed")
