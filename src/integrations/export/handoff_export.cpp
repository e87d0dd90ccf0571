// The hand-off sheet (R8) rendered as CSV and as XLSX through libxlsxwriter. Thread-safe: the one piece of shared
// state, libxlsxwriter's use of gmtime() when it closes a workbook, is serialized below.
#include "integrations/export/handoff_export.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>
#include <string_view>
#include <system_error>

namespace shiftdesk::integrations {
namespace {

enum class Kind { kTicketId, kText, kNeededBy };

struct Column {
    const char* title;
    Kind kind;
    std::string HandoffRow::*text;  // for kText
    double width;                   // in Excel's character widths
};

// The one list of columns both formats follow, so their order and titles cannot drift apart.
constexpr std::array<Column, 10> kColumns = {{
    {"Ticket", Kind::kTicketId, nullptr, 9},
    {"Subject", Kind::kText, &HandoffRow::ticket_subject, 36},
    {"Customer", Kind::kText, &HandoffRow::customer, 24},
    {"From", Kind::kText, &HandoffRow::from, 18},
    {"Reason", Kind::kText, &HandoffRow::reason, 16},
    {"Validation so far", Kind::kText, &HandoffRow::validation, 48},
    {"Next step", Kind::kText, &HandoffRow::next_step, 40},
    {"Needed by", Kind::kNeededBy, nullptr, 17},
    {"Picked up by", Kind::kText, &HandoffRow::picked_up_by, 18},
    {"State", Kind::kText, &HandoffRow::state, 12},
}};

std::string FormatLocal(const LocalDateTime& t) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
    return buffer;
}

// ---- CSV ----

// Spreadsheet apps run a CSV cell starting with one of these as a formula (=HYPERLINK(...) sends data away);
// TAB, CR and NUL because some apps skip them before looking for the formula sign.
constexpr std::string_view kFormulaStarts{"=+-@\t\r\0", 7};

void AppendCsvField(std::string& out, std::string_view value) {
    std::string cell;
    if (!value.empty() && kFormulaStarts.find(value.front()) != std::string_view::npos) cell += '\'';
    cell += value;
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        out += cell;
        return;
    }
    out += '"';
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::string CsvValue(const Column& column, const HandoffRow& row) {
    switch (column.kind) {
        case Kind::kTicketId:
            return std::to_string(row.ticket_id);
        case Kind::kNeededBy:
            return row.needed_by ? FormatLocal(*row.needed_by) : std::string();
        case Kind::kText:
            return row.*column.text;
    }
    return {};
}

// ---- XLSX ----

// Excel holds at most 32767 characters in a cell and counts them in UTF-16 units; libxlsxwriter counts code points
// and refuses longer strings. Counting UTF-16 units keeps within both.
constexpr std::size_t kMaxCellUtf16Units = 32767;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed UTF-8 sequence at `at` (RFC 3629: no overlongs, surrogates or code points above
// U+10FFFF), or 0.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const auto continuation = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return i < s.size() && byte(i) >= lo && byte(i) <= hi;
    };
    const unsigned b = byte(at);
    if (b < 0x80) return 1;
    if (b >= 0xC2 && b <= 0xDF) return continuation(at + 1) ? 2 : 0;
    if (b >= 0xE0 && b <= 0xEF) {
        const unsigned lo = b == 0xE0 ? 0xA0 : 0x80;
        const unsigned hi = b == 0xED ? 0x9F : 0xBF;
        return continuation(at + 1, lo, hi) && continuation(at + 2) ? 3 : 0;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        const unsigned lo = b == 0xF0 ? 0x90 : 0x80;
        const unsigned hi = b == 0xF4 ? 0x8F : 0xBF;
        return continuation(at + 1, lo, hi) && continuation(at + 2) && continuation(at + 3) ? 4 : 0;
    }
    return 0;
}

// libxlsxwriter copies string bytes into the sheet's XML as they are, so text that XML cannot carry would make the
// whole workbook unreadable: malformed UTF-8 and U+FFFE/U+FFFF become U+FFFD (it escapes C0 controls itself). A NUL
// would silently end the C string, so it becomes U+FFFD too. Text over Excel's cell limit is cut at a character
// boundary.
std::string XlsxText(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t units = 0;
    for (std::size_t at = 0; at < s.size();) {
        const std::size_t length = Utf8SequenceLength(s, at);
        std::string_view piece = length == 0 ? kReplacement : s.substr(at, length);
        if (piece == std::string_view("\0", 1) || piece == "\xEF\xBF\xBE" || piece == "\xEF\xBF\xBF") {
            piece = kReplacement;
        }
        const std::size_t piece_units = piece.size() == 4 ? 2 : 1;  // four-byte sequences are surrogate pairs
        if (units + piece_units > kMaxCellUtf16Units) break;
        units += piece_units;
        out += piece;
        at += length == 0 ? 1 : length;
    }
    return out;
}

// Excel's dates start in 1900 and end in 9999; anything else (or a day that does not exist) is written as text
// rather than as a serial number Excel would show as ####.
bool IsExcelDateTime(const LocalDateTime& t) {
    static constexpr std::array<int, 12> kDaysInMonth = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (t.year < 1900 || t.year > 9999 || t.month < 1 || t.month > 12) return false;
    const bool leap = (t.year % 4 == 0 && t.year % 100 != 0) || t.year % 400 == 0;
    const int days = t.month == 2 && !leap ? 28 : kDaysInMonth[static_cast<std::size_t>(t.month - 1)];
    return t.day >= 1 && t.day <= days && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59;
}

// Whether `serial` as libxlsxwriter writes it (printf's %.16G, 16 significant digits) reads back earlier than `days`
// whole days and `ms` milliseconds. Compared exactly: the written digits against the day's fraction's own decimal
// digits, by long division.
bool WrittenBefore(double serial, std::int64_t days, std::int64_t ms) {
    constexpr std::int64_t kDay = 86'400'000;
    char text[40];
    std::snprintf(text, sizeof text, "%.16G", serial);
    const std::string_view written(text);
    if (written.find_first_not_of("0123456789.") != std::string_view::npos) return false;  // no serial needs more
    const std::size_t point = std::min(written.find('.'), written.size());
    std::int64_t whole = 0;
    for (char c : written.substr(0, point)) whole = whole * 10 + (c - '0');
    if (whole != days) return whole < days;
    std::int64_t rest = ms;  // of ms / kDay, the part not yet turned into digits
    for (char c : written.substr(std::min(point + 1, written.size()))) {
        rest *= 10;
        const std::int64_t digit = rest / kDay;
        rest %= kDay;
        if (c - '0' != digit) return c - '0' < digit;
    }
    return rest > 0;  // the same digits, and the instant has more of them
}

// The serial number Excel keeps a date and time as: days since 1899-12-30 (counted by libxlsxwriter, with Excel's
// phantom 1900-02-29) and the time as a fraction of a day. Almost no time of day is a finite fraction in binary or in
// decimal (14:30 is 29/48), so the double nearest the instant is written as a 16-digit decimal up to half a digit
// early, and readers that truncate rather than round then show 14:30 as 14:29. The serial written here is the first
// decimal at or after the instant: late by under a microsecond, never early, so every reader gets the minute.
double ExcelSerial(const LocalDateTime& t) {
    lxw_datetime midnight = {t.year, t.month, t.day, 0, 0, 0};
    const auto days = static_cast<std::int64_t>(lxw_datetime_to_excel_date_epoch(&midnight, LXW_EPOCH_1900));
    const std::int64_t ms = (t.hour * 60 + t.minute) * std::int64_t{60'000};
    double serial = static_cast<double>(days) + static_cast<double>(ms) / 86'400'000.0;
    // At most a few steps: the doubles near a serial lie closer together than its 16-digit decimals.
    while (WrittenBefore(serial, days, ms)) serial = std::nextafter(serial, std::numeric_limits<double>::infinity());
    return serial;
}

// The unique scratch directory of one export, removed with everything in it on every path.
class ScratchDir {
 public:
    explicit ScratchDir(std::filesystem::path path) : path_(std::move(path)) {}
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

 private:
    std::filesystem::path path_;
};

Error XlsxError(const std::string& what, lxw_error e) {
    return Internal("hand-off sheet: " + what + ": " + lxw_strerror(e));
}

// workbook_close stamps the document's creation time through gmtime(), whose result is one buffer shared by the
// whole process; two exports closing at once would race on it.
lxw_error CloseWorkbook(lxw_workbook* wb) {
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    return workbook_close(wb);  // frees the workbook whatever it returns
}

// An export that fails half-way still closes (and so writes) its workbook into the scratch directory, which is then
// removed: lxw_workbook_free would leave the constant-memory row file open, as libxlsxwriter 1.1.4 closes it only
// while packaging.
struct WorkbookClose {
    void operator()(lxw_workbook* wb) const { CloseWorkbook(wb); }
};
using Workbook = std::unique_ptr<lxw_workbook, WorkbookClose>;

Result<void> WriteCell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Column& column, const HandoffRow& row,
                       lxw_format* when) {
    lxw_error e = LXW_NO_ERROR;
    switch (column.kind) {
        case Kind::kTicketId:
            e = worksheet_write_number(ws, r, c, static_cast<double>(row.ticket_id), nullptr);
            break;
        case Kind::kNeededBy:
            if (!row.needed_by) break;
            if (IsExcelDateTime(*row.needed_by)) {
                e = worksheet_write_number(ws, r, c, ExcelSerial(*row.needed_by), when);
            } else {
                e = worksheet_write_string(ws, r, c, FormatLocal(*row.needed_by).c_str(), nullptr);
            }
            break;
        case Kind::kText: {
            // An empty field stays a blank cell (ISBLANK, COUNTA and the filter's "(Blanks)" agree), not an empty
            // string. Strings are never formulas in XLSX, so unlike CSV nothing needs escaping against injection.
            const std::string text = XlsxText(row.*column.text);
            if (!text.empty()) e = worksheet_write_string(ws, r, c, text.c_str(), nullptr);
            break;
        }
    }
    if (e != LXW_NO_ERROR) return XlsxError("writing row " + std::to_string(r) + " (" + column.title + ")", e);
    return {};
}

Result<void> WriteWorkbook(const std::vector<HandoffRow>& rows, const std::string& file, const std::string& tmpdir) {
    if (rows.size() >= LXW_ROW_MAX) {
        return Internal("hand-off sheet: " + std::to_string(rows.size()) + " rows do not fit on one sheet");
    }
    // Constant memory: each row goes to a temporary file (in our scratch directory) as soon as the next one starts,
    // so a long sheet does not sit in memory; rows must therefore be written in order.
    lxw_workbook_options options{};
    options.constant_memory = 1;
    options.tmpdir = const_cast<char*>(tmpdir.c_str());  // libxlsxwriter only reads it
    Workbook wb(workbook_new_opt(file.c_str(), &options));
    if (!wb) return Internal("hand-off sheet: cannot create the workbook");
    lxw_worksheet* ws = workbook_add_worksheet(wb.get(), "Hand-off");
    lxw_format* bold = workbook_add_format(wb.get());
    lxw_format* when = workbook_add_format(wb.get());
    if (!ws || !bold || !when) return Internal("hand-off sheet: cannot set up the worksheet");
    format_set_bold(bold);
    format_set_num_format(when, "yyyy-mm-dd hh:mm");

    constexpr lxw_col_t kLastColumn = kColumns.size() - 1;
    const auto last_row = static_cast<lxw_row_t>(rows.size());
    for (lxw_col_t c = 0; c <= kLastColumn; ++c) {
        if (const lxw_error e = worksheet_set_column(ws, c, c, kColumns[c].width, nullptr); e != LXW_NO_ERROR) {
            return XlsxError("setting column widths", e);
        }
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (const lxw_error e = worksheet_autofilter(ws, 0, 0, last_row, kLastColumn); e != LXW_NO_ERROR) {
        return XlsxError("setting the autofilter", e);
    }

    for (lxw_col_t c = 0; c <= kLastColumn; ++c) {
        if (const lxw_error e = worksheet_write_string(ws, 0, c, kColumns[c].title, bold); e != LXW_NO_ERROR) {
            return XlsxError("writing the header", e);
        }
    }
    for (lxw_row_t r = 1; r <= last_row; ++r) {
        for (lxw_col_t c = 0; c <= kLastColumn; ++c) SD_CHECK(WriteCell(ws, r, c, kColumns[c], rows[r - 1], when));
    }

    if (const lxw_error e = CloseWorkbook(wb.release()); e != LXW_NO_ERROR) return XlsxError("writing " + file, e);
    return {};
}

Result<std::string> ReadFile(const std::filesystem::path& file) {
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file, error);
    std::ifstream in(file, std::ios::binary);
    if (error || !in) return Internal("hand-off sheet: cannot open " + file.string());
    std::string bytes(size, '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
        return Internal("hand-off sheet: cannot read back " + file.string());
    }
    return bytes;
}

}  // namespace

const std::vector<std::string>& HandoffColumns() {
    static const std::vector<std::string> titles = [] {
        std::vector<std::string> out;
        for (const Column& column : kColumns) out.emplace_back(column.title);
        return out;
    }();
    return titles;
}

std::string RenderHandoffCsv(const std::vector<HandoffRow>& rows) {
    std::string out = "\xEF\xBB\xBF";
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
        if (c > 0) out += ',';
        AppendCsvField(out, kColumns[c].title);
    }
    out += "\r\n";
    for (const HandoffRow& row : rows) {
        for (std::size_t c = 0; c < kColumns.size(); ++c) {
            if (c > 0) out += ',';
            AppendCsvField(out, CsvValue(kColumns[c], row));
        }
        out += "\r\n";
    }
    return out;
}

Result<std::string> RenderHandoffXlsx(const std::vector<HandoffRow>& rows, const std::string& temp_dir) {
    // libxlsxwriter creates the file itself, so a unique directory (not a unique file) keeps concurrent exports
    // apart; its constant-memory row files go in there as well.
    std::string pattern = (std::filesystem::path(temp_dir) / "shiftdesk-handoff-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
        const std::error_code error(errno, std::generic_category());
        return Internal("hand-off sheet: cannot create a temporary directory in " + temp_dir + ": " + error.message());
    }
    const ScratchDir scratch(pattern);
    const std::filesystem::path file = scratch.path() / "sheet.xlsx";
    SD_CHECK(WriteWorkbook(rows, file.string(), scratch.path().string()));
    return ReadFile(file);
}

}  // namespace shiftdesk::integrations
