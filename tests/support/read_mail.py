#!/usr/bin/python3
"""Parses a stored mail with Python's email package and prints what tests check, as JSON.

Usage: read_mail.py FILE
Prints {"headers": {name: decoded value}, "content_type", "parts": [{"type", "charset", "text"}],
"links": [href, ...] (from the HTML part), "defects": [...]}.
"""

import json
import sys
from email import policy
from email.parser import BytesParser
from html.parser import HTMLParser


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))


def main():
    with open(sys.argv[1], "rb") as f:
        message = BytesParser(policy=policy.default).parse(f)
    parts = []
    links = Links()
    defects = [str(d) for d in message.defects]
    for part in message.walk():
        defects += [str(d) for d in part.defects]
        if part.is_multipart():
            continue
        text = part.get_content()
        parts.append({"type": part.get_content_type(), "charset": part.get_content_charset(),
                      "text": text})
        if part.get_content_type() == "text/html":
            links.feed(text)
    headers = {name: str(value) for name, value in message.items()}
    print(json.dumps({"headers": headers, "content_type": message.get_content_type(),
                      "parts": parts, "links": links.links, "tags": sorted(links.tags),
                      "defects": defects}))


if __name__ == "__main__":
    main()
