// The log of every HTTP exchange the API tests make, for tests/schema/check_responses.py to check against
// docs/openapi.yaml. Written only when SHIFTDESK_API_EXCHANGES names a file. Thread-safe, and safe across processes:
// each exchange is one line written with one write() to a file opened with O_APPEND, so lines never interleave.
#pragma once

#include <string>

namespace shiftdesk::test {

struct HttpResponse;

// Appends {"method","target","status","content_type","headers","body_bytes","body"?,"test"} as one JSON line, the
// headers as [name, value] pairs with lower-case names. The body is
// kept only when the answer says it is JSON (binary files would not survive as a JSON string, and their shape is
// the spec's content type, which is checked). Does nothing when the variable is unset; a write that fails fails
// the running test, so a check that saw nothing can never pass for one that saw everything.
void LogExchange(const std::string& method, const std::string& target, const HttpResponse& response);

}  // namespace shiftdesk::test
