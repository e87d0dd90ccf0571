#!/usr/bin/python3
"""Checks every HTTP exchange the API tests logged against docs/openapi.yaml.

Each line of the log (written by tests/support/exchange_log.cpp when SHIFTDESK_API_EXCHANGES names it) is one
exchange: {"method", "target", "status", "content_type", "headers", "body"?, "body_bytes", "test"?}. Each is
matched to its operation in the spec (path template, then method), then to the operation's response (the exact
status, then `4XX`-style ranges, then `default`). The headers that response documents must fit their schemas, its
media type must be one the spec lists, and a JSON body must validate against its schema (JSON Schema 2020-12, as
OpenAPI 3.1 uses, with $ref resolved within the spec) and carry no member the spec does not name. A violation names
the operation, the status, the JSON pointer into the body (or the header) and the message.

Paths outside /api/ that the spec does not list are the web desk's files, which `GET /` describes; API paths the
spec does not list are answered with an error (404, or 400 for a target that is not a path) and must be one.

Exit status: 0 when every exchange conforms, 1 when one does not (or none were logged), 2 on bad arguments.
"""
import argparse
import datetime
import json
import re
import sys
from collections import OrderedDict
from urllib.parse import urlsplit

import jsonschema
import yaml

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
JSON_TYPE = re.compile(r"^application/(.+\+)?json$")


RFC3339 = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$")

# jsonschema checks `date-time` only with a package Debian does not ship (rfc3339-validator); the standard library
# does it here: RFC 3339's shape, and a real calendar time.
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value):
    if not isinstance(value, str):
        return True
    if not RFC3339.match(value):
        return False
    datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    return True


class Operation:
    def __init__(self, template, method, spec_operation):
        self.template = template
        self.method = method
        self.spec = spec_operation
        self.name = "%s %s (%s)" % (method.upper(), template, spec_operation.get("operationId", "?"))


class Spec:
    """The operations of an OpenAPI document, and a way to find the one an exchange reached."""

    def __init__(self, document):
        self.document = document
        self.resolver = jsonschema.RefResolver(base_uri="", referrer=document)
        self.paths = []  # (regex, template, path item), literal paths before templated ones
        for template, item in document.get("paths", {}).items():
            pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
            self.paths.append((re.compile(pattern), template, item))
        self.paths.sort(key=lambda p: (p[1].count("{"), -len(p[1])))

    def operation_names(self):
        return [Operation(template, method, item[method]).name
                for template, item in self.document.get("paths", {}).items() for method in METHODS if method in item]

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node:
            _, node = self.resolver.resolve(node["$ref"])
        return node

    def operation(self, method, path):
        """The operation for (method, path), or None and a reason."""
        method = "get" if method == "head" else method
        for regex, template, item in self.paths:
            if regex.match(path):
                break
        else:
            if path.startswith("/api/") or path == "/api":
                return None, "no path of the spec matches"
            template, item = "/", self.document["paths"].get("/")  # the web desk's files
            if item is None:
                return None, "no path of the spec matches"
        if method in item:
            return Operation(template, method, item[method]), None
        # A method the path does not have is answered before any operation runs (405 and the like): every
        # operation of the path documents those answers, so the first one speaks for the path.
        for other in METHODS:
            if other in item:
                return Operation(template, other, item[other]), None
        return None, "the path has no operations"

    def response(self, operation, status):
        responses = operation.spec.get("responses", {})
        for key in (str(status), "%dXX" % (status // 100), "%dxx" % (status // 100), "default"):
            if key in responses:
                return key, self.resolve(responses[key])
        return None, None


def media_type_of(content_type):
    return content_type.split(";", 1)[0].strip().lower()


def find_media(content, content_type):
    """The key of `content` that the answer's Content-Type is: the same type (parameters aside) or a range."""
    media_type = media_type_of(content_type)
    for key in content:
        if media_type_of(key) == media_type:
            return key
    major = media_type.split("/", 1)[0]
    for candidate in (major + "/*", "*/*"):
        if candidate in content:
            return candidate
    return None


def pointer(path):
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path) if path else "/"


def check(spec, exchange):
    """Yields (operation name, status, JSON pointer, message) for each way the exchange breaks the spec."""
    method = exchange["method"].lower()
    status = exchange["status"]
    target = exchange["target"]
    if status == 0:
        return  # the server closed the connection without an answer; nothing to check
    if target.startswith("/"):
        path = urlsplit(target).path
        operation, reason = spec.operation(method, path)
        answers_without_operation = (400, 404)
    else:
        path, operation, reason = target, None, "the request target is not a path"
        answers_without_operation = (400,)
    if operation is None:
        name = "%s %s" % (method.upper() or "(no method)", path or "(no target)")
        if status not in answers_without_operation:
            yield name, status, "", reason
            return
        response = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    else:
        name = operation.name
        _, response = spec.response(operation, status)
        if response is None:
            yield name, status, "", "the operation does not document this status"
            return
    yield from header_violations(spec, name, status, response, exchange)
    content = response.get("content")
    has_body = exchange.get("body_bytes", 0) > 0
    if not content:
        if has_body:
            yield name, status, "", "the spec lists no body for this answer, but it has %d bytes (%s)" % (
                exchange["body_bytes"], exchange.get("content_type", ""))
        return
    if not has_body and (method == "head" or status == 304):
        return
    media_type = media_type_of(exchange.get("content_type", ""))
    listed = find_media(content, exchange.get("content_type", ""))
    if listed is None:
        yield name, status, "", "content type %r is not one the spec lists (%s)" % (
            exchange.get("content_type", ""), ", ".join(content))
        return
    if not JSON_TYPE.match(media_type) or method == "head":
        return
    try:
        body = json.loads(exchange.get("body", ""))
    except ValueError as error:
        yield name, status, "", "the body is not JSON: %s" % error
        return
    schema = content[listed].get("schema")
    if schema is None:
        return
    validator = jsonschema.Draft202012Validator(schema, resolver=spec.resolver, format_checker=FORMATS)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    for error in errors:
        yield name, status, pointer(error.absolute_path), error.message
    if not errors:
        for path, field in undocumented_fields(spec, [schema], body, []):
            yield name, status, pointer(path), "%r is in the answer but not in the spec" % field


def header_violations(spec, name, status, response, exchange):
    """Each header the response documents, when the answer sends it, must fit its schema (a header is text: a
    schema of integers is given the number it spells); a header the spec marks required must be sent."""
    if "headers" not in exchange:
        return
    sent = {}
    for header, value in exchange["headers"]:
        sent.setdefault(header.lower(), []).append(value)
    for header, definition in response.get("headers", {}).items():
        definition = spec.resolve(definition)
        values = sent.get(header.lower())
        if values is None:
            if definition.get("required"):
                yield name, status, "header " + header, "the spec requires this header; the answer has none"
            continue
        schema = definition.get("schema", {})
        for value in values:
            instance = value
            if spec.resolve(schema).get("type") == "integer" and re.fullmatch(r"-?[0-9]+", value):
                instance = int(value)
            validator = jsonschema.Draft202012Validator(schema, resolver=spec.resolver)
            for error in validator.iter_errors(instance):
                yield name, status, "header " + header, error.message


def applicable(spec, schemas, instance):
    """The schemas that describe `instance` among `schemas`, with $ref followed, every allOf member and the
    oneOf/anyOf branches the instance matches."""
    found, todo = [], list(schemas)
    while todo:
        schema = spec.resolve(todo.pop(0))
        if not isinstance(schema, dict):
            continue
        found.append(schema)
        todo.extend(schema.get("allOf", []))
        for branch in schema.get("oneOf", []) + schema.get("anyOf", []):
            if jsonschema.Draft202012Validator(branch, resolver=spec.resolver).is_valid(instance):
                todo.append(branch)
    return found


def undocumented_fields(spec, schemas, instance, path):
    """Yields (path, name) for each object member that no schema describing it names. JSON Schema lets unnamed
    members pass unless a schema closes the object; an answer that carries a field the spec does not name is drift
    all the same. An object that any describing schema leaves open (additionalProperties, patternProperties, or no
    properties at all) is not judged. Members named by several schemas (allOf) are judged by all of them together."""
    schemas = applicable(spec, schemas, instance)
    if isinstance(instance, dict):
        named = {}
        open_object = not any("properties" in s for s in schemas)
        for schema in schemas:
            extra = schema.get("additionalProperties")
            if extra is not None and extra is not False or "patternProperties" in schema:
                open_object = True
            for key, value in schema.get("properties", {}).items():
                named.setdefault(key, []).append(value)
        for key, value in instance.items():
            if key in named:
                yield from undocumented_fields(spec, named[key], value, path + [key])
            elif not open_object:
                yield path + [key], key
    elif isinstance(instance, list):
        items = [s["items"] for s in schemas if isinstance(s.get("items"), dict)]
        for index, value in enumerate(instance):
            yield from undocumented_fields(spec, items, value, path + [index])


def load_spec(path):
    """The spec as a Spec; libyaml's loader when present (ten times faster on a 10,000-line document)."""
    with open(path, encoding="utf-8") as file:
        return Spec(yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def read_exchanges(path):
    with open(path, "rb") as log:
        for number, raw in enumerate(log, 1):
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except ValueError as error:
                raise SystemExit("%s:%d: not a JSON line: %s" % (path, number, error))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec", required=True, help="docs/openapi.yaml")
    parser.add_argument("--exchanges", required=True, help="the JSON lines the API tests logged")
    parser.add_argument("--max-examples", type=int, default=3, help="targets shown per distinct violation")
    args = parser.parse_args(argv)

    spec = load_spec(args.spec)
    try:
        exchanges = list(read_exchanges(args.exchanges))
    except FileNotFoundError:
        exchanges = []
    if not exchanges:
        print("no exchanges in %s: were the API tests run with SHIFTDESK_API_EXCHANGES set?" % args.exchanges)
        return 1

    violations = OrderedDict()  # (operation, status, pointer, message) -> tests and targets that showed it
    reached = set()  # (operation, status)
    for exchange in exchanges:
        if exchange["target"].startswith("/"):
            operation, _ = spec.operation(exchange["method"].lower(), urlsplit(exchange["target"]).path)
            if operation is not None:
                reached.add((operation.name, exchange["status"]))
        for violation in check(spec, exchange):
            violations.setdefault(violation, []).append(
                "%s %s%s" % (exchange["method"], exchange["target"][:120],
                             " in " + exchange["test"] if exchange.get("test") else ""))
    for (name, status, where, message), seen in violations.items():
        print("%s answered %s: at %s: %s" % (name, status, where or "(the answer)", message[:400]))
        for example in seen[:args.max_examples]:
            print("    e.g. %s" % example)
        if len(seen) > args.max_examples:
            print("    and %d more" % (len(seen) - args.max_examples))
    every = spec.operation_names()
    never = [name for name in every if not any(seen == name for seen, _ in reached)]
    print("%d exchanges checked against %s: %d distinct violations" % (len(exchanges), args.spec, len(violations)))
    print("%d of %d operations answered (%d operation-status pairs)%s" % (
        len(every) - len(never), len(every), len(reached), "; not reached by any API test:" if never else ""))
    for name in never:
        print("    %s" % name)
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
