#include "integrations/mail_in/delivery_report.hpp"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace shiftdesk::integrations {
namespace {

std::string Lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

std::string Trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

// Header-style fields ("Name: value", continuation lines folded in), lower-cased names, in order; a blank line
// ends a block and is reported as a field with an empty name.
std::vector<std::pair<std::string, std::string>> Fields(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> fields;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos = end + 1;
        if (Trim(line).empty()) {
            fields.emplace_back("", "");
        } else if ((line.front() == ' ' || line.front() == '\t') && !fields.empty() && !fields.back().first.empty()) {
            fields.back().second += " " + Trim(line);
        } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
            fields.emplace_back(Lower(Trim(line.substr(0, colon))), Trim(line.substr(colon + 1)));
        }
    }
    return fields;
}

// "rfc822; someone@example.com" -> "someone@example.com"
std::string WithoutType(const std::string& value) {
    const auto semicolon = value.find(';');
    return semicolon == std::string::npos ? value : Trim(std::string_view(value).substr(semicolon + 1));
}

std::string WithoutAngles(std::string id) {
    id = Trim(id);
    if (id.size() >= 2 && id.front() == '<') {
        const auto close = id.find('>');
        return close == std::string::npos ? id.substr(1) : id.substr(1, close - 1);
    }
    return id;
}

}  // namespace

domain::DeliveryReport ParseDeliveryStatus(std::string_view text) {
    domain::DeliveryReport report;
    std::vector<std::string> original_recipients;
    for (const auto& [name, value] : Fields(text)) {
        if (name == "final-recipient") {
            report.recipients.push_back(WithoutType(value));
        } else if (name == "original-recipient") {
            original_recipients.push_back(WithoutType(value));
        } else if (name == "action" && report.action.empty()) {
            report.action = Lower(value);
        } else if (name == "status" && report.status.empty()) {
            report.status = value;
        } else if (name == "diagnostic-code" && report.diagnostic.empty()) {
            report.diagnostic = WithoutType(value);
        }
    }
    // Final-Recipient is required by RFC 3464; some servers send only the original.
    if (report.recipients.empty()) report.recipients = std::move(original_recipients);
    return report;
}

std::string MessageIdFromHeaders(std::string_view headers) {
    for (const auto& [name, value] : Fields(headers)) {
        if (name.empty()) break;  // the end of the header block
        if (name == "message-id") return WithoutAngles(value);
    }
    return {};
}

}  // namespace shiftdesk::integrations
