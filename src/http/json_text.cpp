#include "http/json_text.hpp"

#include <charconv>

#include "common/time.hpp"

namespace shiftdesk::http {
namespace {

void AppendKey(std::string& out, std::string_view key) {
    out += '"';
    out += key;  // keys are our own identifiers: nothing to escape
    out += "\":";
}

void AppendOptId(std::string& out, const std::optional<std::int64_t>& id) {
    if (id) {
        AppendJsonInt(out, *id);
    } else {
        out += "null";
    }
}

void AppendTime(std::string& out, Millis t) {
    out += '"';
    out += FormatRfc3339(t);
    out += '"';
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;  // start of the stretch that needs no escaping, copied in one go
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void AppendJsonInt(std::string& out, std::int64_t n) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, end);
}

void AppendOptTime(std::string& out, const std::optional<Millis>& t) {
    if (t) {
        AppendTime(out, *t);
    } else {
        out += "null";
    }
}

// R2. The bin and the queue carry the state only (with due_at, from the covering index); one ticket, and the
// lead's at-risk list, carry every clock.
void AppendSlaJson(std::string& out, const domain::SlaClocks& s, bool full) {
    out += "\"sla\":{\"state\":\"";
    out += domain::ToString(s.state);
    out += '"';
    if (full) {
        const std::pair<std::string_view, std::optional<Millis>> times[] = {
            {"first_response_due", s.first_response_due},
            {"first_response_at", s.first_response_at},
            {"next_update_due", s.NextUpdateDue()},
            {"resolution_due", s.resolution_due},
            {"promised_update_at", s.promised_at},
            {"breached_at", s.breached_at},
            {"paused_since", s.paused_at},
        };
        for (const auto& [key, value] : times) {
            out += ',';
            AppendKey(out, key);
            AppendOptTime(out, value);
        }
    }
    out += '}';
}

void AppendTicketJson(std::string& out, const domain::Ticket& t, bool with_description) {
    out += "{\"id\":";
    AppendJsonInt(out, t.id);
    out += ",\"subject\":";
    AppendJsonString(out, t.subject);
    out += ",\"status\":\"";
    out += domain::ToString(t.status);
    out += "\",\"priority\":\"";
    out += domain::ToString(t.priority);
    out += "\",\"channel\":\"";
    out += domain::ToString(t.channel);
    out += "\",\"customer\":{\"name\":";
    AppendJsonString(out, t.customer.name);
    out += ",\"email\":";
    AppendJsonString(out, t.customer.email);
    out += ",\"plan\":";
    AppendJsonString(out, t.customer.plan);
    out += t.customer.critical ? ",\"critical\":true}," : ",\"critical\":false},";
    AppendKey(out, "owner_id");
    AppendOptId(out, t.owner_id);
    out += ',';
    AppendKey(out, "parent_id");
    AppendOptId(out, t.parent_id);
    out += ',';
    AppendKey(out, "due_at");
    AppendOptTime(out, t.due_at);
    out += ',';
    AppendSlaJson(out, t.sla, with_description);
    out += ',';
    AppendKey(out, "created_at");
    AppendTime(out, t.created_at);
    out += ',';
    AppendKey(out, "updated_at");
    AppendTime(out, t.updated_at);
    if (with_description) {
        out += ',';
        AppendKey(out, "description");
        AppendJsonString(out, t.description);
        out += ',';
        AppendKey(out, "closed_at");
        AppendOptTime(out, t.closed_at);
        out += t.needs_lead ? ",\"needs_lead\":true," : ",\"needs_lead\":false,";
        // R10: who approved this ticket's creation or owner, and the note they left.
        AppendKey(out, "approved_by");
        AppendOptId(out, t.approved_by);
        out += ',';
        AppendKey(out, "approval_request_id");
        AppendOptId(out, t.approval_request_id);
        out += ',';
        AppendKey(out, "approval_note");
        if (t.approval_entry_id) {
            out += "{\"entry_id\":";
            AppendJsonInt(out, *t.approval_entry_id);
            out += ",\"body\":";
            AppendJsonString(out, t.approval_note);
            out += '}';
        } else {
            out += "null";
        }
    }
    out += '}';
}

JsonText TicketText(const domain::Ticket& t) {
    JsonText j;
    j.text.reserve(512 + t.description.size());
    AppendTicketJson(j.text, t, true);
    return j;
}

}  // namespace shiftdesk::http
