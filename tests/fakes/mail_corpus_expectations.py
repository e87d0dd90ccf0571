#!/usr/bin/python3
"""Prints another help desk's expected parse of each message in a mail corpus, for the parser's corpus test.

usage: mail_corpus_expectations.py DIR
Reads DIR/*.yml (Ruby YAML dumps: their !ruby/... tags are ignored) and prints one tab-separated line per message:
file, expected sender address, expected subject, expected attachment count (the synthetic "message.html" copy of
an HTML body that help desk adds left out), and 1 when it expects a visible body, 0 when not. Tabs and newlines in values are printed as spaces.
"""
import pathlib
import sys

import yaml


class TagIgnoringLoader(yaml.SafeLoader):
    pass


def _plain(loader, _suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


TagIgnoringLoader.add_multi_constructor("!", _plain)


def clean(value):
    return "" if value is None else str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def main():
    for yml in sorted(pathlib.Path(sys.argv[1]).glob("*.yml")):
        data = yaml.load(yml.read_text(encoding="utf-8"), Loader=TagIgnoringLoader) or {}
        attachments = [
            a for a in (data.get("attachments") or [])
            if not (isinstance(a, dict) and (a.get("preferences") or {}).get("original-format"))
        ]
        body = clean(data.get("body")).strip()
        visible = body not in ("", "no visible content")
        print("\t".join([yml.stem + ".box", clean(data.get("from_email")), clean(data.get("subject")),
                         str(len(attachments)), "1" if visible else "0"]))


if __name__ == "__main__":
    main()
