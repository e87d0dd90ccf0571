#!/usr/bin/python3
"""The response checker against the real docs/openapi.yaml: answers that conform pass, and each kind of answer that
breaks the spec is caught and named (operation, status, JSON pointer), so a passing `api_schema` means something."""
import contextlib
import io
import json
import os
import tempfile
import unittest

import check_responses

SPEC_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "openapi.yaml")
JSON_TYPE = "application/json; charset=utf-8"
HEALTHY = {"status": "ok", "time": "2026-11-23T18:11:29.177Z", "storage": {"writable": True, "free_bytes": 5}}


def exchange(method, target, status, body=None, content_type=JSON_TYPE, body_bytes=None):
    line = {"method": method, "target": target, "status": status, "content_type": content_type}
    text = json.dumps(body) if body is not None and not isinstance(body, str) else body
    if text is not None:
        line["body"] = text
    line["body_bytes"] = len(text.encode()) if body_bytes is None and text is not None else (body_bytes or 0)
    return line


class CheckResponses(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.spec = check_responses.load_spec(SPEC_PATH)

    def violations(self, line):
        return list(check_responses.check(self.spec, line))

    def test_a_conforming_answer_passes(self):
        self.assertEqual(self.violations(exchange("GET", "/api/v1/health", 200, HEALTHY)), [])
        self.assertEqual(self.violations(exchange("HEAD", "/api/v1/health", 200, body_bytes=0)), [])

    def test_a_wrong_value_is_named_by_operation_status_and_pointer(self):
        (violation,) = self.violations(exchange("GET", "/api/v1/health", 200, dict(HEALTHY, status="fine")))
        name, status, where, message = violation
        self.assertEqual(name, "GET /api/v1/health (getHealth)")
        self.assertEqual((status, where), (200, "/status"))
        self.assertIn("'fine' is not one of", message)

    def test_a_missing_field_deep_in_the_body_is_caught(self):
        body = dict(HEALTHY, storage={"free_bytes": 5})
        (violation,) = self.violations(exchange("GET", "/api/v1/health?", 200, body))
        self.assertEqual(violation[2], "/storage")
        self.assertIn("'writable' is a required property", violation[3])

    def test_refs_are_followed_into_shared_responses_and_schemas(self):
        body = {"error": {"code": "not_a_code", "message": "no"}}
        (violation,) = self.violations(exchange("GET", "/api/v1/tickets/7", 404, body))
        self.assertEqual(violation[:3], ("GET /api/v1/tickets/{id} (getTicket)", 404, "/error/code"))
        extra = {"error": {"code": "not_found", "message": "no", "hint": "x"}}
        self.assertEqual(len(self.violations(exchange("GET", "/api/v1/tickets/7", 404, extra))), 1)

    def test_a_field_the_spec_does_not_name_is_caught_at_any_depth(self):
        body = dict(HEALTHY, uptime=5, storage={"writable": True, "inode_count": 9})
        violations = self.violations(exchange("GET", "/api/v1/health", 200, body))
        self.assertEqual([(v[2], v[3]) for v in violations],
                         [("/storage/inode_count", "'inode_count' is in the answer but not in the spec"),
                          ("/uptime", "'uptime' is in the answer but not in the spec")])

    def test_fields_named_by_any_part_of_an_all_of_are_documented(self):
        me = {"id": 2, "login": "asha", "name": "Asha", "email": "asha@desk.example", "role": "engineer",
              "active": True, "on_queue": True, "off_queue_until": None, "on_leave": False, "leave": None,
              "desk_phone": None, "created_at": "2026-11-23T18:11:28.922Z", "auth": "api_token",
              "token_expires_at": None}
        self.assertEqual(self.violations(exchange("GET", "/api/v1/me", 200, me)), [])
        (violation,) = self.violations(exchange("GET", "/api/v1/me", 200, dict(me, password_hash="x")))
        self.assertEqual(violation[2:], ("/password_hash", "'password_hash' is in the answer but not in the spec"))

    def test_documented_headers_must_fit_their_schemas(self):
        throttled = exchange("POST", "/api/v1/session", 429, {"error": {"code": "throttled", "message": "wait"}})
        self.assertEqual(self.violations(dict(throttled, headers=[["retry-after", "8"]])), [])
        (violation,) = self.violations(dict(throttled, headers=[["retry-after", "soon"]]))
        self.assertEqual(violation[:3], ("POST /api/v1/session (login)", 429, "header Retry-After"))
        self.assertIn("'soon' is not of type 'integer'", violation[3])
        (violation,) = self.violations(dict(throttled, headers=[["retry-after", "0"]]))
        self.assertIn("0 is less than the minimum of 1", violation[3])

    def test_times_must_be_rfc_3339(self):
        for good in ("2026-11-23T18:11:29Z", "2026-11-23T18:11:29.177Z", "2026-11-23T19:11:29+01:00"):
            self.assertEqual(self.violations(exchange("GET", "/api/v1/health", 200, dict(HEALTHY, time=good))), [])
        for bad in ("2026-11-23 18:11:29", "2026-13-23T18:11:29Z", "2026-11-23T18:11:29", "1764000000"):
            (violation,) = self.violations(exchange("GET", "/api/v1/health", 200, dict(HEALTHY, time=bad)))
            self.assertEqual((violation[2], violation[3]), ("/time", "%r is not a 'date-time'" % bad))

    def test_an_undocumented_status_is_caught(self):
        (violation,) = self.violations(exchange("GET", "/api/v1/health", 418, {"error": {}}))
        self.assertIn("does not document this status", violation[3])

    def test_a_content_type_the_spec_does_not_list_is_caught(self):
        (violation,) = self.violations(exchange("GET", "/api/v1/health", 200, "ok", content_type="text/plain"))
        self.assertIn("'text/plain' is not one the spec lists", violation[3])

    def test_a_body_that_is_not_json_is_caught(self):
        (violation,) = self.violations(exchange("GET", "/api/v1/health", 200, "{not json"))
        self.assertIn("the body is not JSON", violation[3])

    def test_paths_the_spec_does_not_list(self):
        not_found = {"error": {"code": "not_found", "message": "no such path"}}
        self.assertEqual(self.violations(exchange("GET", "/api/v1/nothing-here", 404, not_found)), [])
        (violation,) = self.violations(exchange("GET", "/api/v1/nothing-here", 200, HEALTHY))
        self.assertIn("no path of the spec matches", violation[3])
        malformed = {"error": {"code": "malformed", "message": "bad request line"}}
        self.assertEqual(self.violations(exchange("", "", 400, malformed)), [])

    def test_the_log_fails_the_run_when_one_answer_breaks_the_spec(self):
        good = exchange("GET", "/api/v1/health", 200, HEALTHY)
        bad = exchange("GET", "/api/v1/health", 200, dict(HEALTHY, time=7))
        self.assertEqual(self.run_main([good]), (0, "1 exchanges checked"))
        code, output = self.run_main([good, bad, bad])
        self.assertEqual(code, 1)
        self.assertIn("GET /api/v1/health (getHealth) answered 200: at /time: 7 is not of type 'string'", output)
        self.assertIn("1 distinct violations", output)

    def test_an_empty_log_fails_the_run(self):
        self.assertEqual(self.run_main([])[0], 1)

    def run_main(self, lines):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as log:
            log.write("".join(json.dumps(line) + "\n" for line in lines))
        output = io.StringIO()
        try:
            with contextlib.redirect_stdout(output):
                code = check_responses.main(["--spec", SPEC_PATH, "--exchanges", log.name])
        finally:
            os.unlink(log.name)
        text = output.getvalue()
        return code, ("1 exchanges checked" if code == 0 and "1 exchanges checked" in text else text)


if __name__ == "__main__":
    unittest.main()
