// Outbound mail as bytes: header order and folding, RFC 2047 words, quoted-printable parts, header injection, and
// what an independent parser (Python's email package, policy.default) reads back from it.
#include "notify/mail_message.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "common/time.hpp"
#include "support/command.hpp"
#include "support/peer_process.hpp"
#include "integrations/mail_in/mime_parser.hpp"
#include "support/temp_dir.hpp"

namespace shiftdesk::notify {
namespace {

MailMessage Handoff() {
    MailMessage m;
    m.from = {"Shift Desk", "desk@desk.example"};
    m.to = {{"Ann Smith", "ann@example.test"}};
    m.subject = "Hand-off for the night shift";
    m.text = "Hello Ann,\n\nthree tickets are open.\n";
    m.html = "<p>Hello Ann,</p>\n<p>three tickets are open.</p>\n";
    m.message_id = "handoff-7@desk.example";
    m.date = *ParseRfc3339("2026-11-24T09:30:00Z");
    m.headers = {{"Auto-Submitted", "auto-generated"}};
    return m;
}

std::string Render(const MailMessage& m) {
    auto r = RenderMessage(m);
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : std::string();
}

std::vector<std::string> Lines(const std::string& message) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < message.size()) {
        const auto end = message.find("\r\n", start);
        if (end == std::string::npos) {
            lines.push_back(message.substr(start));
            break;
        }
        lines.push_back(message.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

std::string Head(const std::string& message) { return message.substr(0, message.find("\r\n\r\n") + 2); }

// The header lines (unfolded) whose name is `name`, compared case-insensitively.
std::vector<std::string> HeaderLines(const std::string& message, const std::string& name) {
    std::vector<std::string> found;
    std::string prefix = name + ":";
    for (auto& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& line : Lines(Head(message))) {
        std::string lower = line.substr(0, prefix.size());
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == prefix) found.push_back(line);
    }
    return found;
}

// Python's email package with its strict modern policy; hard line breaks come back as "\n".
constexpr const char* kReadScript = R"py(
import email, email.policy, json, sys
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
def addresses(name):
    h = m[name]
    return None if h is None else [[a.display_name, a.addr_spec] for a in h.addresses]
def content(kind):
    part = m.get_body((kind,))
    return None if part is None else part.get_content().replace('\r\n', '\n')
defects = [type(d).__name__ for part in m.walk() for d in part.defects]
defects += [type(d).__name__ for part in m.walk() for h in part.values() for d in getattr(h, 'defects', ())]
print(json.dumps({
    'subject': None if m['Subject'] is None else str(m['Subject']),
    'from': addresses('From'),
    'to': addresses('To'),
    'date': None if m['Date'] is None else m['Date'].datetime.isoformat(),
    'message_id': None if m['Message-ID'] is None else str(m['Message-ID']),
    'content_type': m.get_content_type(),
    'parts': [p.get_content_type() for p in m.iter_parts()],
    'plain': content('plain'),
    'html': content('html'),
    'names': list(m.keys()),
    'headers': {k: str(v) for k, v in m.items()},
    'defects': defects,
}))
)py";

boost::json::object PythonReads(const std::string& message) {
    test::TempDir dir;
    const std::string path = dir.File("message.eml");
    std::ofstream(path, std::ios::binary) << message;
    const auto out = test::RunPython(kReadScript, path);
    if (out.status != 0) {
        ADD_FAILURE() << "python could not read the message: " << out.text;
        return {};
    }
    return boost::json::parse(out.text).as_object();
}

std::string Str(const boost::json::object& o, const char* key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string("<missing " + std::string(key) + ">");
}

// A header as Python decoded it.
std::string Header(const boost::json::object& o, const char* name) {
    const auto* headers = o.if_contains("headers");
    const auto* v = headers && headers->is_object() ? headers->as_object().if_contains(name) : nullptr;
    return v && v->is_string() ? std::string(v->as_string()) : std::string("<no ") + name + ">";
}

TEST(MailMessage, WritesTheHeadersInOrderWithCrlf) {
    const std::string out = Render(Handoff());
    EXPECT_TRUE(
        out.starts_with("From: Shift Desk <desk@desk.example>\r\n"
                        "To: Ann Smith <ann@example.test>\r\n"
                        "Subject: Hand-off for the night shift\r\n"
                        "Date: Tue, 24 Nov 2026 09:30:00 +0000\r\n"
                        "Message-ID: <handoff-7@desk.example>\r\n"
                        "MIME-Version: 1.0\r\n"
                        "Auto-Submitted: auto-generated\r\n"
                        "Content-Type: multipart/alternative; boundary=\""))
        << out;
    EXPECT_NE(out.find("Content-Type: text/plain; charset=UTF-8\r\n"
                       "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                       "Hello Ann,\r\n\r\nthree tickets are open.\r\n"),
              std::string::npos)
        << out;
    EXPECT_TRUE(out.ends_with("--\r\n")) << out;
    // The same message renders to the same bytes (the boundary is derived, not random).
    EXPECT_EQ(Render(Handoff()), out);
}

TEST(MailMessage, DateIsRfc5322InUtc) {
    const auto date = [](Millis t) {
        MailMessage m = Handoff();
        m.date = t;
        const auto lines = HeaderLines(Render(m), "Date");
        return lines.size() == 1 ? lines[0] : "<" + std::to_string(lines.size()) + " Date lines>";
    };
    EXPECT_EQ(date(0), "Date: Thu, 01 Jan 1970 00:00:00 +0000");
    EXPECT_EQ(date(-1), "Date: Wed, 31 Dec 1969 23:59:59 +0000");
    EXPECT_EQ(date(*ParseRfc3339("2024-02-29T23:59:59.999Z")), "Date: Thu, 29 Feb 2024 23:59:59 +0000");
    EXPECT_EQ(date(*ParseRfc3339("2026-03-05T07:08:09+02:00")), "Date: Thu, 05 Mar 2026 05:08:09 +0000");
    EXPECT_EQ(date(*ParseRfc3339("2000-01-01T00:00:00Z")), "Date: Sat, 01 Jan 2000 00:00:00 +0000");
}

TEST(MailMessage, PythonReadsBothPartsAndTheHeaders) {
    MailMessage m = Handoff();
    m.to.push_back({"", "bob@example.test"});
    const auto got = PythonReads(Render(m));
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(Str(got, "subject"), "Hand-off for the night shift");
    EXPECT_EQ(boost::json::serialize(got.at("from")), R"([["Shift Desk","desk@desk.example"]])");
    EXPECT_EQ(boost::json::serialize(got.at("to")), R"([["Ann Smith","ann@example.test"],["","bob@example.test"]])");
    EXPECT_EQ(Str(got, "date"), "2026-11-24T09:30:00+00:00");
    EXPECT_EQ(Str(got, "message_id"), "<handoff-7@desk.example>");
    EXPECT_EQ(Str(got, "content_type"), "multipart/alternative");
    EXPECT_EQ(boost::json::serialize(got.at("parts")), R"(["text/plain","text/html"])");
    EXPECT_EQ(Str(got, "plain"), m.text);
    EXPECT_EQ(Str(got, "html"), m.html);
    EXPECT_EQ(Header(got, "Auto-Submitted"), "auto-generated");
    EXPECT_EQ(boost::json::serialize(got.at("defects")), "[]");
}

TEST(MailMessage, NonAsciiSubjectAndNamesRoundTrip) {
    MailMessage m = Handoff();
    // Long enough for several encoded words, with 2-, 3- and 4-byte characters to cut between.
    m.subject = "Übergabe Nachtschicht 🌙 — Zürich, Göteborg & Łódź: 3 offene Tickets, 1 Rückruf für Zoë Ørsted";
    m.from.name = "Schicht-Desk Zürich";
    m.to = {{"Zoë Ørsted", "zoe@example.test"}, {"李小龍", "lee@example.test"}};
    m.headers.push_back({"X-Desk-Note", "Grüße"});
    const std::string out = Render(m);

    // Every encoded word is at most 75 characters (RFC 2047 2) and the subject needed more than one.
    std::size_t words = 0;
    for (std::size_t at = out.find("=?"); at != std::string::npos && at < Head(out).size(); at = out.find("=?", at)) {
        const auto end = out.find("?=", at + 10);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end + 2 - at, 75u) << out.substr(at, end + 2 - at);
        ++words;
        at = end + 2;
    }
    EXPECT_GE(words, 6u) << Head(out);
    for (const auto& line : Lines(Head(out))) {
        for (const char c : line) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << "raw 8-bit header: " << line;
    }

    const auto got = PythonReads(out);
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(Str(got, "subject"), m.subject);
    EXPECT_EQ(boost::json::serialize(got.at("from")),
              boost::json::serialize(boost::json::array{{m.from.name, m.from.address}}));
    EXPECT_EQ(
        boost::json::serialize(got.at("to")),
        boost::json::serialize(boost::json::array{{"Zoë Ørsted", "zoe@example.test"}, {"李小龍", "lee@example.test"}}));
    EXPECT_EQ(Header(got, "X-Desk-Note"), "Grüße");
    EXPECT_EQ(boost::json::serialize(got.at("defects")), "[]");
}

TEST(MailMessage, HeaderInjectionThroughSubjectOrNameAddsNoHeader) {
    MailMessage m = Handoff();
    m.subject = "Hi\r\nBcc: x@evil";
    m.from.name = "Desk\r\nBcc: x@evil";
    m.to = {{"Ann\nBcc: x@evil\r\n\r\nbody", "ann@example.test"}, {"Zoë\rBcc: x@evil", "zoe@example.test"}};
    m.headers = {{"Auto-Submitted", "auto-generated\r\nBcc: x@evil"},
                 {"X-Tab",
                  "a\tb\x01\x7f"
                  "c"}};
    const std::string out = Render(m);

    EXPECT_TRUE(HeaderLines(out, "Bcc").empty()) << Head(out);
    for (const auto& line : Lines(out)) EXPECT_FALSE(line.starts_with("Bcc")) << line;
    const std::string head = Head(out);
    for (std::size_t i = 0; i < head.size(); ++i) {
        const auto c = static_cast<unsigned char>(head[i]);
        if (c == '\r') {
            EXPECT_EQ(head.substr(i, 2), "\r\n");
        } else if (c != '\n') {
            EXPECT_TRUE(c >= 0x20 && c < 0x7F) << "control character " << int{c} << " in the header";
        }
    }
    // Folded lines start with a space; everything else is one of the fields the renderer writes.
    for (const auto& line : Lines(head)) {
        if (line.empty() || line.starts_with(" ")) continue;
        const std::string name = line.substr(0, line.find(':'));
        EXPECT_TRUE(name == "From" || name == "To" || name == "Subject" || name == "Date" || name == "Message-ID" ||
                    name == "MIME-Version" || name == "Auto-Submitted" || name == "X-Tab" || name == "Content-Type")
            << line;
    }

    const auto got = PythonReads(out);
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(Str(got, "subject"), "Hi  Bcc: x@evil");
    EXPECT_EQ(boost::json::serialize(got.at("names")),
              R"(["From","To","Subject","Date","Message-ID","MIME-Version","Auto-Submitted","X-Tab","Content-Type"])");
    EXPECT_EQ(boost::json::serialize(got.at("from")), R"([["Desk  Bcc: x@evil","desk@desk.example"]])");
    EXPECT_EQ(got.at("to").as_array().size(), 2u);
    EXPECT_EQ(Header(got, "Auto-Submitted"), "auto-generated  Bcc: x@evil");
    EXPECT_EQ(Header(got, "X-Tab"), "a b  c");
    EXPECT_EQ(Str(got, "plain"), m.text);
}

TEST(MailMessage, AsciiDisplayNamesWithSpecialsAreQuoted) {
    MailMessage m = Handoff();
    m.from.name = "Desk (night), Team";
    m.to = {{"Ann O'Neil", "ann@example.test"}, {R"(Bob "B." \ Smith)", "bob@example.test"}};
    const std::string out = Render(m);
    EXPECT_EQ(HeaderLines(out, "From"), std::vector<std::string>{R"(From: "Desk (night), Team" <desk@desk.example>)"});
    EXPECT_NE(out.find(R"(To: Ann O'Neil <ann@example.test>, "Bob \"B.\" \\ Smith" <bob@example.test>)"),
              std::string::npos)
        << Head(out);
    const auto got = PythonReads(out);
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(boost::json::serialize(got.at("from")), R"([["Desk (night), Team","desk@desk.example"]])");
    EXPECT_EQ(boost::json::serialize(got.at("to")),
              R"([["Ann O'Neil","ann@example.test"],["Bob \"B.\" \\ Smith","bob@example.test"]])");
}

// Text that only looks like an encoded word must come back as typed, not decoded.
TEST(MailMessage, EncodedWordLookalikesAreEncodedThemselves) {
    MailMessage m = Handoff();
    m.subject = "=?UTF-8?B?SGFja2Vk?= fine";
    m.to = {{"=?UTF-8?Q?Boss?=", "ann@example.test"}};
    const auto got = PythonReads(Render(m));
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(Str(got, "subject"), m.subject);
    EXPECT_EQ(boost::json::serialize(got.at("to")), R"([["=?UTF-8?Q?Boss?=","ann@example.test"]])");
}

TEST(MailMessage, NoLineLongerThan78OctetsAndEveryLineEndsInCrlf) {
    MailMessage m = Handoff();
    m.subject =
        "A very long subject line that keeps going with many words so that it has to be folded over "
        "several header lines and a word that is far too long to fold: " +
        std::string(90, 'x');
    m.from.name = "A display name that is rather long but still ascii, with a comma, so it needs quotes";
    for (int i = 0; i < 6; ++i)
        m.to.push_back({"Recipient Number " + std::to_string(i), "r" + std::to_string(i) + "@example.test"});
    m.headers.push_back({"X-Long", "word " + std::string(20, 'y') + " " + std::string(30, 'z') + " end of the value"});
    // Awkward bodies: long lines without spaces, multibyte characters across soft breaks, '=' signs, trailing
    // white space, a leading dot and "From ", tabs, and every kind of line break.
    m.text = std::string(200, 'a') + "\n" + "=" + std::string(100, '=') + "\r\n" + "trailing spaces   \n" +
             "trailing tab\t\n" + ".leading dot\nFrom the desk\n" + "\tindented\rlone cr\n\n" +
             [] {
                 std::string s;
                 for (int i = 0; i < 60; ++i) s += "ü€🌙";
                 return s;
             }() +
             "\nno final line break";
    m.html = "<p>" + std::string(300, 'h') + "</p>\r\n<p>caf\xc3\xa9 = 100%</p>";
    const std::string out = Render(m);

    for (const auto& line : Lines(out)) EXPECT_LE(line.size() + 2, 78u) << line;
    EXPECT_TRUE(out.ends_with("\r\n"));
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '\n') {
            EXPECT_TRUE(i > 0 && out[i - 1] == '\r') << "bare LF at " << i;
        } else if (out[i] == '\r') {
            EXPECT_TRUE(i + 1 < out.size() && out[i + 1] == '\n') << "bare CR at " << i;
        }
    }
    // The body lines escape what relays mangle.
    EXPECT_EQ(out.find("\r\n."), std::string::npos);
    EXPECT_EQ(out.find("\r\nFrom "), std::string::npos);

    const auto got = PythonReads(out);
    ASSERT_FALSE(got.empty());
    std::string expected_text = m.text;
    for (std::size_t at = expected_text.find('\r'); at != std::string::npos; at = expected_text.find('\r', at)) {
        if (expected_text.compare(at, 2, "\r\n") == 0) {
            expected_text.erase(at, 1);
        } else {
            expected_text[at] = '\n';
        }
    }
    EXPECT_EQ(Str(got, "plain"), expected_text);
    EXPECT_EQ(Str(got, "html"), "<p>" + std::string(300, 'h') + "</p>\n<p>caf\xc3\xa9 = 100%</p>");
    EXPECT_EQ(Str(got, "subject"), m.subject);
    EXPECT_EQ(got.at("to").as_array().size(), 7u);
    EXPECT_EQ(std::string(got.at("from").as_array().at(0).as_array().at(0).as_string()), m.from.name);
    EXPECT_EQ(Header(got, "X-Long"), m.headers.back().second);
    EXPECT_EQ(boost::json::serialize(got.at("defects")), "[]");
}

// Folding at every length: the comma after an address, encoded words at the end of a line, long quoted names.
TEST(MailMessage, FoldingKeepsEveryLineShortAtAnyLength) {
    for (std::size_t n = 1; n <= 80; ++n) {
        MailMessage m = Handoff();
        const std::string local(n % 45 + 1, 'l');
        const std::string ascii = std::string(n % 13 + 1, 'a') + " " + std::string(n % 29 + 1, 'b');
        std::string umlauts;
        for (std::size_t i = 0; i < n; ++i) umlauts += i % 7 == 6 ? " " : "\xc3\xbc";
        m.to = {{ascii, local + "@example.test"},
                {"", local + "@example.test"},
                {umlauts, "u@example.test"},
                {ascii + ", Jr.", local + "@example.test"},
                {umlauts + " " + ascii, local + "@example.test"}};
        m.from.name = ascii + " " + umlauts;
        m.subject = ascii + " " + umlauts + " " + std::string(n, 's');
        m.headers.push_back({"X-Value", std::string(n % 50 + 1, 'v') + " " + umlauts});
        const std::string out = Render(m);
        for (const auto& line : Lines(Head(out))) EXPECT_LE(line.size() + 2, 78u) << n << ": " << line;
    }
}

TEST(MailMessage, BoundaryAppearsOnlyAsDelimiter) {
    MailMessage m = Handoff();
    const std::string first = Render(m);
    const auto at = first.find("boundary=\"") + 10;
    const std::string boundary = first.substr(at, first.find('"', at) - at);
    ASSERT_FALSE(boundary.empty());
    EXPECT_LE(boundary.size(), 70u);
    // Bodies that quote the boundary of the same message rendered without them.
    m.text = "--" + boundary + "\n--" + boundary + "--\n" + boundary;
    m.html = "<pre>\n--" + boundary + "\n</pre>";
    const std::string out = Render(m);
    const auto at2 = out.find("boundary=\"") + 10;
    const std::string used = out.substr(at2, out.find('"', at2) - at2);
    std::size_t count = 0;
    for (std::size_t p = out.find(used); p != std::string::npos; p = out.find(used, p + 1)) ++count;
    EXPECT_EQ(count, 4u) << out;  // the parameter, two delimiters, the close delimiter
    const auto got = PythonReads(out);
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(Str(got, "plain"), m.text);
    EXPECT_EQ(Str(got, "html"), m.html);
}

TEST(MailMessage, InvalidAddressesAndHeaderNamesAreRefusedNamingTheField) {
    const auto field = [](const MailMessage& m) {
        auto r = RenderMessage(m);
        if (r) return std::string("<rendered>");
        EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
        return r.error().field;
    };
    MailMessage m = Handoff();
    m.from.address = "desk";
    EXPECT_EQ(field(m), "from");
    m = Handoff();
    m.from.address = "desk@desk.example\r\nBcc: x@evil";
    EXPECT_EQ(field(m), "from");
    m = Handoff();
    m.to.clear();
    EXPECT_EQ(field(m), "to");
    m = Handoff();
    m.to.push_back({"Eve", "eve@evil.example>, x@evil"});
    EXPECT_EQ(field(m), "to");
    for (const char* name : {"", "X Bad", "X:Y", "X-\xc3\xbc", "Bcc", "content-type", "From", "Subject", "Cc",
                             "reply-to", "In-Reply-To", "References"}) {
        m = Handoff();
        m.headers.push_back({name, "v"});
        EXPECT_EQ(field(m), "headers") << name;
    }
    m = Handoff();
    m.headers.push_back({"List-Unsubscribe", "<mailto:off@desk.example>"});
    EXPECT_EQ(field(m), "<rendered>");
}

TEST(MailMessage, IsMailAddressAcceptsPlainAddrSpecsOnly) {
    for (const char* ok : {"ann@example.test", "a.b+tag@sub.example.co", "o'neil@example.test", "x@localhost",
                           "UPPER@EXAMPLE.TEST", "a!#$%&*/=?^_`{|}~-@xn--bcher-kva.example"}) {
        EXPECT_TRUE(IsMailAddress(ok)) << ok;
    }
    const std::string long_local = std::string(65, 'a') + "@example.test";
    const std::string too_long = "a@" + std::string(250, 'b') + ".test";
    for (const std::string& bad : {std::string(""),
                                   std::string("ann"),
                                   std::string("@example.test"),
                                   std::string("ann@"),
                                   std::string("ann@@example.test"),
                                   std::string("a b@example.test"),
                                   std::string("<ann@example.test>"),
                                   std::string("\"ann\"@example.test"),
                                   std::string("ann,bob@example.test"),
                                   std::string("ann@exa mple.test"),
                                   std::string("ann@example.test\r\n"),
                                   std::string("ann@example.test\n"),
                                   std::string(".ann@example.test"),
                                   std::string("ann.@example.test"),
                                   std::string("a..b@example.test"),
                                   std::string("ann@-example.test"),
                                   std::string("ann@example..test"),
                                   std::string("ann@example.test."),
                                   std::string("zoë@example.test"),
                                   std::string("ann@[127.0.0.1]"),
                                   std::string("ann(x)@example.test"),
                                   long_local,
                                   too_long}) {
        EXPECT_FALSE(IsMailAddress(bad)) << bad;
    }
}

// A reply to a customer: Cc and Reply-To, threading ids, attachments with awkward names and bytes.
constexpr const char* kReadReplyScript = R"py(
import email, email.policy, json, sys
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
defects = [type(d).__name__ for part in m.walk() for d in part.defects]
print(json.dumps({
    'cc': [[a.display_name, a.addr_spec] for a in m['Cc'].addresses],
    'reply_to': [a.addr_spec for a in m['Reply-To'].addresses],
    'in_reply_to': str(m['In-Reply-To']),
    'references': str(m['References']).split(),
    'plain': m.get_body(('plain',)).get_content().replace('\r\n', '\n'),
    'attachments': [[a.get_filename(), a.get_content_type(), a.get_content().hex()] for a in m.iter_attachments()],
    'defects': defects,
}))
)py";

MailMessage ReplyWithAttachments() {
    MailMessage m = Handoff();
    m.headers.clear();
    m.cc = {{"Bo Ek", "bo@cust.example"}};
    m.reply_to = {{"", "support@desk.example"}};
    m.in_reply_to = "cust.1@cust.example";
    m.references = {"t7.0@desk.example", "cust.1@cust.example", "\r\nX-Injected: yes"};
    std::string every_byte;
    for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
    m.attachments = {
        {"Rechnung März 2026 – ein sehr langer Dateiname mit Umlauten äöü und noch mehr Wörtern.pdf",
         "application/pdf", every_byte + every_byte},
        {"../../etc/passwd", "evil\r\nX-Injected: yes", "plain bytes"},
    };
    return m;
}

TEST(MailMessage, AReplyCarriesCcThreadingAndAttachmentsThatPythonReadsBack) {
    const MailMessage m = ReplyWithAttachments();
    const std::string message = Render(m);
    for (const auto& line : Lines(message)) EXPECT_LE(line.size() + 2, 78u) << line;
    EXPECT_TRUE(HeaderLines(message, "X-Injected").empty());

    test::TempDir dir;
    const std::string path = dir.File("reply.eml");
    std::ofstream(path, std::ios::binary) << message;
    const auto out = test::RunPython(kReadReplyScript, path);
    ASSERT_EQ(out.status, 0) << out.text;
    const auto read = boost::json::parse(out.text).as_object();
    EXPECT_EQ(boost::json::serialize(read.at("cc")), R"([["Bo Ek","bo@cust.example"]])");
    EXPECT_EQ(boost::json::serialize(read.at("reply_to")), R"(["support@desk.example"])");
    EXPECT_EQ(read.at("in_reply_to").as_string(), "<cust.1@cust.example>");
    // The id with a line break lost what no msg-id may hold, and added no header.
    EXPECT_EQ(boost::json::serialize(read.at("references")),
              R"(["<t7.0@desk.example>","<cust.1@cust.example>","<X-Injectedyes>"])");
    EXPECT_EQ(read.at("plain").as_string(), "Hello Ann,\n\nthree tickets are open.\n");
    const auto& attachments = read.at("attachments").as_array();
    ASSERT_EQ(attachments.size(), 2u);
    std::string hex;
    for (const char c : m.attachments[0].data) {
        char buf[3];
        std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(c));
        hex += buf;
    }
    EXPECT_EQ(attachments[0].as_array()[0].as_string(), m.attachments[0].filename);
    EXPECT_EQ(attachments[0].as_array()[1].as_string(), "application/pdf");
    EXPECT_EQ(attachments[0].as_array()[2].as_string(), hex);
    EXPECT_EQ(attachments[1].as_array()[0].as_string(), ".._.._etc_passwd");
    EXPECT_EQ(attachments[1].as_array()[1].as_string(), "application/octet-stream");
    EXPECT_EQ(read.at("defects").as_array().size(), 0u) << out.text;
}

TEST(MailMessage, TheDesksOwnParserReadsAReplyAsItWasWritten) {
    const MailMessage m = ReplyWithAttachments();
    const auto parsed = integrations::ParseMail(Render(m));
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->message_id, "handoff-7@desk.example");
    EXPECT_EQ(parsed->in_reply_to, std::vector<std::string>{"cust.1@cust.example"});
    ASSERT_EQ(parsed->references.size(), 3u);
    EXPECT_EQ(parsed->references[1], "cust.1@cust.example");
    ASSERT_EQ(parsed->cc.size(), 1u);
    EXPECT_EQ(parsed->cc[0].address, "bo@cust.example");
    ASSERT_EQ(parsed->attachments.size(), 2u);
    EXPECT_EQ(parsed->attachments[0].filename, m.attachments[0].filename);
    EXPECT_EQ(parsed->attachments[0].data, m.attachments[0].data);
    EXPECT_EQ(parsed->text, "Hello Ann,\r\n\r\nthree tickets are open.\r\n");
}

TEST(MailMessage, CcAndReplyToAddressesAreCheckedLikeTo) {
    MailMessage m = Handoff();
    m.cc = {{"x", "not an address"}};
    auto r = RenderMessage(m);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "cc");
    m = Handoff();
    m.reply_to = {{"", "a@b@c"}};
    r = RenderMessage(m);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "reply_to");
    m = Handoff();
    m.headers = {{"Cc", "sneaky@example.test"}};
    EXPECT_FALSE(RenderMessage(m));
}

}  // namespace
}  // namespace shiftdesk::notify
