// The hand-off sheet (R8) as files: CSV (RFC 4180) and XLSX (libxlsxwriter). One row model feeds both, so the
// live view and the exports never disagree. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace shiftdesk::integrations {

// A wall-clock time in the team's time zone (spreadsheets have no zones).
struct LocalDateTime {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
};

struct HandoffRow {
    std::int64_t ticket_id = 0;
    std::string ticket_subject;
    std::string customer;
    std::string from;        // who placed it on the sheet
    std::string reason;      // leave, needs_attention, shift_end
    std::string validation;  // what was checked so far
    std::string next_step;
    std::optional<LocalDateTime> needed_by;
    std::string picked_up_by;  // empty while nobody has
    std::string state;         // open, picked_up, done
};

// The column titles, in order: Ticket, Subject, Customer, From, Reason, Validation so far, Next step, Needed by,
// Picked up by, State.
const std::vector<std::string>& HandoffColumns();

// RFC 4180: a header row, CRLF record ends, fields quoted when they hold a comma, quote, CR or LF (inner quotes
// doubled), preceded by a UTF-8 byte order mark so spreadsheet apps read UTF-8. Needed-by as "YYYY-MM-DD HH:MM".
// Customer text flows into the sheet, so a cell starting with = + - @ TAB CR or NUL gets a leading ' (OWASP
// formula injection).
std::string RenderHandoffCsv(const std::vector<HandoffRow>& rows);

// An .xlsx workbook with one sheet "Hand-off": bold header row, frozen, with an autofilter; the ticket id a number,
// needed-by a real date-time cell ("yyyy-mm-dd hh:mm"). libxlsxwriter writes files only, so it goes through a
// temporary file in `temp_dir` that is removed again. Fails with kInternal when the file cannot be written.
Result<std::string> RenderHandoffXlsx(const std::vector<HandoffRow>& rows, const std::string& temp_dir = "/tmp");

}  // namespace shiftdesk::integrations
