// JSON written straight into a string for the hottest responses (ticket lists, the bin): no document tree, no
// allocation per field. Everything else renders through Boost.JSON (views.cpp). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/entities.hpp"

namespace shiftdesk::http {

// A response body that is already JSON text.
struct JsonText {
    std::string text;
};

// Appends s as a JSON string literal: quotes, backslashes and control characters escaped. s is valid UTF-8
// (everything stored passed input validation), so other bytes are copied as they are.
void AppendJsonString(std::string& out, std::string_view s);
void AppendJsonInt(std::string& out, std::int64_t n);

// The ticket object of the API (docs/openapi.yaml, Ticket); lists leave out the description and the details
// (closed_at, needs_lead, the approval).
void AppendTicketJson(std::string& out, const domain::Ticket& t, bool with_description);
JsonText TicketText(const domain::Ticket& t);

}  // namespace shiftdesk::http
