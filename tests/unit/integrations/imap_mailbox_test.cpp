// ImapMailbox and PollMailbox against a real Dovecot (tests/support/dovecot_server.hpp) on a free port: listing,
// byte-exact fetching (corpus messages from ../shared/mail-corpus, read at test time), flags, the cursor,
// UIDVALIDITY changes, a desk that asks to wait, bad credentials, outages and a server that never speaks.
#include "integrations/mail_in/imap_mailbox.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "integrations/mail_in/imap_poller.hpp"
#include "support/dovecot_server.hpp"

namespace shiftdesk::integrations {
namespace {

namespace fs = std::filesystem;
using test::DovecotServer;

fs::path CorpusDir() {
    if (const char* dir = std::getenv("SHIFTDESK_MAIL_CORPUS")) return dir;
    return fs::path(SHIFTDESK_SOURCE_DIR) / ".." / "shared" / "mail-corpus";
}

std::string ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// IMAP sends every line with CRLF (RFC 3501 2.2): what a message stored with bare LFs looks like on the wire.
std::string WithCrlf(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
        out += text[i];
    }
    return out;
}

std::string Simple(const std::string& subject) {
    return "From: Customer <customer@example.test>\r\nTo: support@desk.test\r\nSubject: " + subject +
           "\r\nMessage-ID: <" + subject + "@example.test>\r\n\r\nHello about " + subject + ".\r\n";
}

ImapSettings Settings(const DovecotServer& server) {
    ImapSettings s;
    s.url = server.Url();
    s.username = DovecotServer::kUser;
    s.password = DovecotServer::kPassword;
    s.connect_timeout_seconds = 5;
    s.reply_timeout_seconds = 5;
    s.operation_timeout_seconds = 20;
    return s;
}

// A desk that keeps every message, or asks to wait at the UIDs given.
struct FakeDesk {
    std::vector<FetchedMessage> kept;
    std::vector<std::uint32_t> busy_at;
    std::function<void(const FetchedMessage&)> on_offer;

    DeliverMail Deliver() {
        return [this](const FetchedMessage& m) -> Result<void> {
            if (on_offer) on_offer(m);
            if (std::find(busy_at.begin(), busy_at.end(), m.uid) != busy_at.end()) {
                return MakeError(ErrorCode::kBusy, "storage busy");
            }
            kept.push_back(m);
            return {};
        };
    }
    std::vector<std::uint32_t> KeptUids() const {
        std::vector<std::uint32_t> uids;
        for (const auto& m : kept) uids.push_back(m.uid);
        return uids;
    }
};

using Uids = std::vector<std::uint32_t>;

// ---------------------------------------------------------------------------------------------------------------
// ImapMailbox

TEST(ImapMailbox, NewMessagesAreListedAndFetchedByteExact) {
    const fs::path corpus = CorpusDir();
    if (!fs::exists(corpus)) GTEST_SKIP() << "no mail corpus at " << corpus << " (set SHIFTDESK_MAIL_CORPUS)";
    // mail044: CRLF line ends and 8-bit bytes; mail105: 8-bit bytes with bare LF line ends.
    const std::string crlf_8bit = ReadFile(corpus / "mail044.box");
    const std::string lf_8bit = ReadFile(corpus / "mail105.box");
    ASSERT_NE(crlf_8bit.find("\r\n"), std::string::npos);
    ASSERT_EQ(lf_8bit.find('\r'), std::string::npos);
    DovecotServer server;
    server.Deliver(crlf_8bit);
    server.Deliver(lf_8bit);
    server.Deliver(Simple("third"));

    ImapMailbox mailbox(Settings(server));
    auto validity = mailbox.UidValidity();
    ASSERT_TRUE(validity) << validity.error().message;
    EXPECT_NE(*validity, 0u);
    auto uids = mailbox.UidsAfter(0);
    ASSERT_TRUE(uids) << uids.error().message;
    EXPECT_EQ(*uids, (Uids{1, 2, 3}));

    auto first = mailbox.Fetch(1);
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_TRUE(first->has_value());
    EXPECT_TRUE(**first == crlf_8bit) << "mail044 came back changed (" << (*first)->size() << " bytes, sent "
                                      << crlf_8bit.size() << ")";
    auto second = mailbox.Fetch(2);
    ASSERT_TRUE(second && second->has_value());
    EXPECT_TRUE(**second == WithCrlf(lf_8bit)) << "mail105 came back changed";
    auto third = mailbox.Fetch(3);
    ASSERT_TRUE(third && third->has_value());
    EXPECT_EQ(**third, Simple("third"));
}

// Every corpus message comes back as it went in: byte for byte when it has CRLF line ends, with CRLF for bare LF
// otherwise (IMAP's line end), and without the mbox "From " line that dovecot-lda takes as the envelope.
TEST(ImapMailbox, EveryCorpusMessageComesBackAsDelivered) {
    const fs::path corpus = CorpusDir();
    if (!fs::exists(corpus)) GTEST_SKIP() << "no mail corpus at " << corpus << " (set SHIFTDESK_MAIL_CORPUS)";
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(corpus)) {
        if (entry.path().extension() == ".box") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    ASSERT_GE(files.size(), 100u);
    DovecotServer server;
    for (const auto& f : files) server.Deliver(ReadFile(f));
    ImapMailbox mailbox(Settings(server));
    auto uids = mailbox.UidsAfter(0);
    ASSERT_TRUE(uids) << uids.error().message;
    ASSERT_EQ(uids->size(), files.size());
    int exact = 0;
    int line_ends = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto got = mailbox.Fetch((*uids)[i]);
        ASSERT_TRUE(got && got->has_value()) << files[i];
        std::string sent = ReadFile(files[i]);
        if (**got == sent) {
            ++exact;
            continue;
        }
        if (sent.starts_with("From ")) sent.erase(0, sent.find('\n') + 1);
        EXPECT_TRUE(**got == WithCrlf(sent)) << files[i].filename() << " came back changed";
        ++line_ends;
    }
    std::printf("mail corpus over IMAP: %d messages byte for byte, %d with CRLF line ends (and no mbox line)\n", exact,
                line_ends);
    EXPECT_GT(exact, 30);
}

TEST(ImapMailbox, TheHighestUidIsNotNewWhenNothingIsAfterIt) {
    DovecotServer server;
    server.Deliver(Simple("one"));
    server.Deliver(Simple("two"));
    ImapMailbox mailbox(Settings(server));
    // UID SEARCH UID 3:* matches UID 2 (the highest), as n:* always does.
    auto none = mailbox.UidsAfter(2);
    ASSERT_TRUE(none) << none.error().message;
    EXPECT_TRUE(none->empty());
    auto after_far = mailbox.UidsAfter(1000);
    ASSERT_TRUE(after_far) << after_far.error().message;
    EXPECT_TRUE(after_far->empty());
    auto one_new = mailbox.UidsAfter(1);
    ASSERT_TRUE(one_new);
    EXPECT_EQ(*one_new, (Uids{2}));
}

// New UIDs are searched in windows of 10,000: far apart, across empty windows, they are all found.
TEST(ImapMailbox, UidsFarApartAreFoundAcrossSearchWindows) {
    DovecotServer server;
    server.Deliver(Simple("one"));
    server.Deliver(Simple("two"));
    server.SetNextUid(25000);
    server.Deliver(Simple("far"));
    server.SetNextUid(40001);
    server.Deliver(Simple("farther"));
    ImapMailbox mailbox(Settings(server));
    auto uids = mailbox.UidsAfter(1);
    ASSERT_TRUE(uids) << uids.error().message;
    EXPECT_EQ(*uids, (Uids{2, 25000, 40001}));
    auto after = mailbox.UidsAfter(25000);
    ASSERT_TRUE(after) << after.error().message;
    EXPECT_EQ(*after, (Uids{40001}));
}

TEST(ImapMailbox, AnEmptyMailboxListsNothing) {
    DovecotServer server;
    server.Deliver(Simple("for-someone-else"), "other@desk.test");
    ImapSettings settings = Settings(server);
    settings.username = "empty@desk.test";  // Dovecot creates the INBOX at the first login
    ImapMailbox mailbox(settings);
    auto uids = mailbox.UidsAfter(0);
    ASSERT_TRUE(uids) << uids.error().message;
    EXPECT_TRUE(uids->empty());
}

TEST(ImapMailbox, FetchingDoesNotMarkSeenAndMarkSeenDoes) {
    DovecotServer server;
    server.Deliver(Simple("one"));
    server.Deliver(Simple("two"));
    ImapMailbox mailbox(Settings(server));
    ASSERT_TRUE(mailbox.Fetch(1));
    ASSERT_TRUE(mailbox.Fetch(2));
    EXPECT_EQ(server.Flags(1), "");
    EXPECT_EQ(server.Flags(2), "");
    auto marked = mailbox.MarkSeen(2);
    ASSERT_TRUE(marked) << marked.error().message;
    EXPECT_EQ(server.Flags(1), "");
    EXPECT_EQ(server.Flags(2), "\\Seen");
}

TEST(ImapMailbox, AMissingUidFetchesNothing) {
    DovecotServer server;
    server.Deliver(Simple("one"));
    ImapMailbox mailbox(Settings(server));
    auto missing = mailbox.Fetch(7);
    ASSERT_TRUE(missing) << missing.error().message;
    EXPECT_FALSE(missing->has_value());
}

// libcurl refuses more than 300 KiB of a custom command's answer in one transfer and cuts lines past half its
// buffer: messages are fetched in pieces, so a large message and a long line arrive whole.
TEST(ImapMailbox, LargeMessagesAndLongLinesArriveWhole) {
    DovecotServer server;
    std::string large = Simple("large");
    for (int i = 0; large.size() < 2 * 1024 * 1024; ++i) large += "line " + std::to_string(i) + " of a large body\r\n";
    const std::string long_line = Simple("long-line") + std::string(300 * 1024, 'b') + "\r\n";
    const std::string exact = Simple("exact") + std::string(64 * 1024 - Simple("exact").size(), 'c');
    server.Deliver(large);
    server.Deliver(long_line);
    server.Deliver(exact);
    ImapMailbox mailbox(Settings(server));
    for (const auto& [uid, sent] :
         {std::pair<std::uint32_t, const std::string*>{1, &large}, {2, &long_line}, {3, &exact}}) {
        auto got = mailbox.Fetch(uid);
        ASSERT_TRUE(got) << uid << ": " << got.error().message;
        ASSERT_TRUE(got->has_value()) << uid;
        EXPECT_TRUE(**got == *sent) << uid << ": " << (*got)->size() << " bytes, sent " << sent->size();
    }
}

TEST(ImapMailbox, AMessageOverTheLimitIsTooLargeAndItsHeaderCanStillBeRead) {
    DovecotServer server;
    const std::string header = "From: Customer <customer@example.test>\r\nSubject: huge\r\n\r\n";
    const std::string huge = header + std::string(300 * 1024, 'h') + "\r\n";
    server.Deliver(huge);
    ImapSettings settings = Settings(server);
    settings.max_message_bytes = 100 * 1024;
    ImapMailbox mailbox(settings);
    auto refused = mailbox.Fetch(1);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kTooLarge) << refused.error().message;
    EXPECT_NE(refused.error().message.find(std::to_string(huge.size())), std::string::npos) << refused.error().message;
    auto head = mailbox.FetchHeader(1);
    ASSERT_TRUE(head && head->has_value());
    EXPECT_EQ(**head, header);
    // Exactly at the limit is taken.
    settings.max_message_bytes = huge.size();
    ImapMailbox roomy(settings);
    auto whole = roomy.Fetch(1);
    ASSERT_TRUE(whole && whole->has_value());
    EXPECT_TRUE(**whole == huge);
}

TEST(ImapMailbox, StartTlsAndImplicitTlsWithATrustedCertificate) {
    DovecotServer server(/*tls=*/true);
    server.Deliver(Simple("secure"));
    for (const std::string& url : {server.Url(), server.TlsUrl()}) {
        ImapSettings settings = Settings(server);
        settings.url = url;
        settings.require_tls = true;
        settings.ca_file = server.certificate_path();
        ImapMailbox mailbox(settings);
        auto uids = mailbox.UidsAfter(0);
        ASSERT_TRUE(uids) << url << ": " << uids.error().message;
        EXPECT_EQ(*uids, (Uids{1})) << url;
        auto got = mailbox.Fetch(1);
        ASSERT_TRUE(got && got->has_value()) << url;
        EXPECT_EQ(**got, Simple("secure")) << url;
    }
}

// Opportunistic STARTTLS still checks the certificate: an untrusted one ends the attempt before the login.
TEST(ImapMailbox, AnUntrustedCertificateIsRefusedBeforeTheLogin) {
    DovecotServer server(/*tls=*/true);
    server.Deliver(Simple("secure"));
    for (const std::string& url : {server.Url(), server.TlsUrl()}) {
        ImapSettings settings = Settings(server);
        settings.url = url;
        ImapMailbox mailbox(settings);
        auto uids = mailbox.UidsAfter(0);
        ASSERT_FALSE(uids) << url;
        EXPECT_EQ(uids.error().code, ErrorCode::kUnavailable) << url << ": " << uids.error().message;
        EXPECT_NE(uids.error().message.find("certificate"), std::string::npos) << uids.error().message;
    }
    EXPECT_EQ(server.Log().find("Login: user="), std::string::npos) << server.Log();
}

TEST(ImapMailbox, RequiredTlsIsNotSkippedWhenTheServerOffersNone) {
    DovecotServer server;
    server.Deliver(Simple("plain"));
    ImapSettings settings = Settings(server);
    settings.require_tls = true;
    ImapMailbox mailbox(settings);
    auto uids = mailbox.UidsAfter(0);
    ASSERT_FALSE(uids);
    EXPECT_EQ(uids.error().code, ErrorCode::kUnavailable) << uids.error().message;
    EXPECT_EQ(server.Log().find("Login: user="), std::string::npos) << server.Log();
}

TEST(ImapMailbox, WrongPasswordIsUnauthenticatedWithoutThePassword) {
    DovecotServer server;
    server.Deliver(Simple("one"));
    ImapSettings settings = Settings(server);
    settings.password = "Wrong-Secret-Value-91";
    ImapMailbox mailbox(settings);
    auto uids = mailbox.UidsAfter(0);
    ASSERT_FALSE(uids);
    EXPECT_EQ(uids.error().code, ErrorCode::kUnauthenticated) << uids.error().message;
    EXPECT_EQ(uids.error().message.find(settings.password), std::string::npos) << uids.error().message;
    // (One failed login per test: Dovecot answers the next one from the same address only after seconds.)
}

TEST(ImapMailbox, AMissingMailboxIsNotFound) {
    DovecotServer server;
    server.Deliver(Simple("one"));
    ImapSettings settings = Settings(server);
    settings.url = server.Url("Archive");
    ImapMailbox mailbox(settings);
    auto uids = mailbox.UidsAfter(0);
    ASSERT_FALSE(uids);
    EXPECT_EQ(uids.error().code, ErrorCode::kNotFound) << uids.error().message;
}

TEST(ImapMailbox, NoServerIsUnavailableWithoutThePassword) {
    int port = 0;
    {
        DovecotServer server;
        port = server.port();
    }
    ImapSettings settings;
    settings.url = "imap://127.0.0.1:" + std::to_string(port) + "/INBOX";
    settings.username = DovecotServer::kUser;
    settings.password = DovecotServer::kPassword;
    ImapMailbox mailbox(settings);
    auto validity = mailbox.UidValidity();
    ASSERT_FALSE(validity);
    EXPECT_EQ(validity.error().code, ErrorCode::kUnavailable) << validity.error().message;
    EXPECT_EQ(validity.error().message.find(settings.password), std::string::npos);
}

TEST(ImapMailbox, SettingsThatCannotWorkAreInvalid) {
    for (const std::string url : {"http://127.0.0.1/INBOX", "imap://user:pw@127.0.0.1/INBOX", "imap://host/IN\nBOX",
                                  "imap://127.0.0.1/INBOX;UID=1", "not a url"}) {
        ImapSettings settings;
        settings.url = url;
        settings.password = "pw";
        ImapMailbox mailbox(settings);
        auto uids = mailbox.UidsAfter(0);
        ASSERT_FALSE(uids) << url;
        EXPECT_EQ(uids.error().code, ErrorCode::kInvalid) << url << ": " << uids.error().message;
        EXPECT_EQ(uids.error().field, "url") << url;
    }
}

// A server that takes the connection and never sends its greeting.
class Silent {
 public:
    Silent() {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in at{};
        at.sin_family = AF_INET;
        at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof at;
        EXPECT_EQ(bind(listener_, reinterpret_cast<sockaddr*>(&at), size), 0);
        EXPECT_EQ(listen(listener_, 8), 0);
        EXPECT_EQ(getsockname(listener_, reinterpret_cast<sockaddr*>(&at), &size), 0);
        port_ = ntohs(at.sin_port);
    }
    ~Silent() { close(listener_); }
    int port() const { return port_; }

 private:
    int listener_ = -1;
    int port_ = 0;
};

TEST(ImapMailbox, AServerThatNeverSpeaksTimesOutWithinTheDeadline) {
    Silent silent;
    ImapSettings settings;
    settings.url = "imap://127.0.0.1:" + std::to_string(silent.port()) + "/INBOX";
    settings.username = DovecotServer::kUser;
    settings.password = DovecotServer::kPassword;
    settings.connect_timeout_seconds = 2;
    settings.reply_timeout_seconds = 2;
    settings.operation_timeout_seconds = 60;
    const auto started = std::chrono::steady_clock::now();
    {
        ImapMailbox mailbox(settings);
        auto uids = mailbox.UidsAfter(0);
        ASSERT_FALSE(uids);
        EXPECT_EQ(uids.error().code, ErrorCode::kUnavailable) << uids.error().message;
    }
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_LT(took, std::chrono::seconds(4));
    EXPECT_GE(took, std::chrono::milliseconds(1500));
}

// Just enough of an IMAP server to reach a fetch, which it answers with the start of a 1000-byte message before it
// hangs up (or, with `stall`, falls silent): a connection dropped or stalled mid-fetch, which Dovecot cannot be made
// to do on cue.
class DropsMidFetch {
 public:
    explicit DropsMidFetch(bool stall = false) : stall_(stall) {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in at{};
        at.sin_family = AF_INET;
        at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof at;
        EXPECT_EQ(bind(listener_, reinterpret_cast<sockaddr*>(&at), size), 0);
        EXPECT_EQ(listen(listener_, 8), 0);
        EXPECT_EQ(getsockname(listener_, reinterpret_cast<sockaddr*>(&at), &size), 0);
        port_ = ntohs(at.sin_port);
        thread_ = std::thread([this] { Serve(); });
    }
    ~DropsMidFetch() {
        shutdown(listener_, SHUT_RDWR);
        close(listener_);
        thread_.join();
    }
    int port() const { return port_; }

 private:
    void Serve() {
        for (;;) {
            const int fd = accept(listener_, nullptr, nullptr);
            if (fd < 0) return;
            Talk(fd, stall_);
            close(fd);
        }
    }
    static void Send(int fd, const std::string& text) { (void)!send(fd, text.data(), text.size(), MSG_NOSIGNAL); }
    static void Talk(int fd, bool stall) {
        Send(fd, "* OK fake ready\r\n");
        std::string pending;
        char buf[1024];
        for (;;) {
            const auto end = pending.find("\r\n");
            if (end == std::string::npos) {
                const ssize_t n = recv(fd, buf, sizeof buf, 0);
                if (n <= 0) return;
                pending.append(buf, static_cast<std::size_t>(n));
                continue;
            }
            const std::string line = pending.substr(0, end);
            pending.erase(0, end + 2);
            const std::string tag = line.substr(0, line.find(' '));
            const std::string command = line.substr(tag.size() + 1);
            if (command.starts_with("CAPABILITY")) {
                Send(fd, "* CAPABILITY IMAP4rev1\r\n" + tag + " OK done\r\n");
            } else if (command.starts_with("STATUS")) {
                Send(fd, "* STATUS INBOX (UIDVALIDITY 5)\r\n" + tag + " OK done\r\n");
            } else if (command.starts_with("SELECT")) {
                Send(fd, "* OK [UIDVALIDITY 5] ok\r\n" + tag + " OK [READ-WRITE] done\r\n");
            } else if (command.starts_with("UID SEARCH")) {
                Send(fd, "* SEARCH 1\r\n" + tag + " OK done\r\n");
            } else if (command.starts_with("UID FETCH")) {
                Send(fd, "* 1 FETCH (UID 1 BODY[]<0> {1000}\r\nFrom: a@example.test\r\nSubject: cut\r\n\r\nThe st");
                // Stalled: say nothing more until the client gives up and closes.
                while (stall && recv(fd, buf, sizeof buf, 0) > 0) {
                }
                return;
            } else {
                Send(fd, tag + " OK done\r\n");  // LOGIN, LOGOUT, anything else
            }
        }
    }

    bool stall_ = false;
    int listener_ = -1;
    int port_ = 0;
    std::thread thread_;
};

TEST(ImapMailbox, AConnectionDroppedMidFetchIsUnavailable) {
    DropsMidFetch server;
    ImapSettings settings;
    settings.url = "imap://127.0.0.1:" + std::to_string(server.port()) + "/INBOX";
    settings.username = DovecotServer::kUser;
    settings.password = DovecotServer::kPassword;
    settings.reply_timeout_seconds = 5;
    ImapMailbox mailbox(settings);
    auto raw = mailbox.Fetch(1);
    ASSERT_FALSE(raw);
    EXPECT_EQ(raw.error().code, ErrorCode::kUnavailable) << raw.error().message;

    FakeDesk desk;
    const ImapCursor cursor{5, 0};
    const PollResult r = PollMailbox(mailbox, cursor, desk.Deliver());
    ASSERT_TRUE(r.stopped_by);
    EXPECT_EQ(r.stopped_by->code, ErrorCode::kUnavailable) << r.stopped_by->message;
    EXPECT_EQ(r.found, 1u);
    EXPECT_EQ(r.delivered, 0u);
    EXPECT_EQ(r.cursor, cursor);
    EXPECT_TRUE(desk.kept.empty());
}

// A server that stops answering in the middle of a message: given up on after the reply timeout, and closing the
// connection does not wait for it either.
TEST(ImapMailbox, AServerThatStallsMidFetchTimesOutWithinTheDeadline) {
    DropsMidFetch server(/*stall=*/true);
    ImapSettings settings;
    settings.url = "imap://127.0.0.1:" + std::to_string(server.port()) + "/INBOX";
    settings.username = DovecotServer::kUser;
    settings.password = DovecotServer::kPassword;
    settings.reply_timeout_seconds = 1;
    settings.operation_timeout_seconds = 60;
    const auto started = std::chrono::steady_clock::now();
    {
        ImapMailbox mailbox(settings);
        auto raw = mailbox.Fetch(1);
        ASSERT_FALSE(raw);
        EXPECT_EQ(raw.error().code, ErrorCode::kUnavailable) << raw.error().message;
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

// ---------------------------------------------------------------------------------------------------------------
// PollMailbox

TEST(ImapPoller, DeliversNewMessagesInOrderMarksThemSeenAndAdvancesTheCursor) {
    DovecotServer server;
    server.Deliver(Simple("one"));
    server.Deliver(Simple("two"));
    ImapMailbox mailbox(Settings(server));
    FakeDesk desk;
    // Each message is offered before it is marked seen.
    desk.on_offer = [&](const FetchedMessage& m) { EXPECT_EQ(server.Flags(m.uid), ""); };
    const PollResult first = PollMailbox(mailbox, {}, desk.Deliver());
    ASSERT_FALSE(first.stopped_by) << first.stopped_by->message;
    EXPECT_FALSE(first.restarted);
    EXPECT_EQ(first.found, 2u);
    EXPECT_EQ(first.delivered, 2u);
    EXPECT_EQ(desk.KeptUids(), (Uids{1, 2}));
    EXPECT_EQ(desk.kept[0].raw, Simple("one"));
    EXPECT_EQ(desk.kept[1].cursor_after, first.cursor);
    EXPECT_EQ(first.cursor.last_uid, 2u);
    EXPECT_NE(first.cursor.uidvalidity, 0u);
    EXPECT_EQ(server.Flags(1), "\\Seen");
    EXPECT_EQ(server.Flags(2), "\\Seen");

    // Nothing new: nothing offered (the highest UID is not taken for a new one).
    const PollResult idle = PollMailbox(mailbox, first.cursor, desk.Deliver());
    EXPECT_FALSE(idle.stopped_by);
    EXPECT_EQ(idle.found, 0u);
    EXPECT_EQ(idle.cursor, first.cursor);

    server.Deliver(Simple("three"));
    const PollResult next = PollMailbox(mailbox, first.cursor, desk.Deliver());
    EXPECT_FALSE(next.stopped_by);
    EXPECT_EQ(next.delivered, 1u);
    EXPECT_EQ(desk.KeptUids(), (Uids{1, 2, 3}));
    EXPECT_EQ(next.cursor.last_uid, 3u);
}

TEST(ImapPoller, AChangedUidValidityStartsOverFromTheFirstMessage) {
    DovecotServer server;
    server.Deliver(Simple("one"));
    server.Deliver(Simple("two"));
    FakeDesk desk;
    PollResult first;
    {
        ImapMailbox mailbox(Settings(server));
        first = PollMailbox(mailbox, {}, desk.Deliver());
        ASSERT_EQ(first.delivered, 2u);
    }
    server.SetUidValidity(first.cursor.uidvalidity + 1000);
    ImapMailbox mailbox(Settings(server));
    const PollResult again = PollMailbox(mailbox, first.cursor, desk.Deliver());
    ASSERT_FALSE(again.stopped_by) << again.stopped_by->message;
    EXPECT_TRUE(again.restarted);
    EXPECT_EQ(again.cursor, (ImapCursor{first.cursor.uidvalidity + 1000, 2}));
    EXPECT_EQ(desk.KeptUids(), (Uids{1, 2, 1, 2}));
    EXPECT_EQ(desk.kept[2].cursor_after, (ImapCursor{first.cursor.uidvalidity + 1000, 1}));
}

TEST(ImapPoller, ADeskThatAsksToWaitLeavesTheMessageUnseenAndTheCursorBeforeIt) {
    DovecotServer server;
    server.Deliver(Simple("one"));
    server.Deliver(Simple("two"));
    server.Deliver(Simple("three"));
    ImapMailbox mailbox(Settings(server));
    FakeDesk desk;
    desk.busy_at = {2};
    const PollResult busy = PollMailbox(mailbox, {}, desk.Deliver());
    ASSERT_TRUE(busy.stopped_by);
    EXPECT_TRUE(busy.desk_asked_to_wait);
    EXPECT_EQ(busy.stopped_by->code, ErrorCode::kBusy);
    EXPECT_EQ(busy.found, 3u);
    EXPECT_EQ(busy.delivered, 1u);
    EXPECT_EQ(busy.cursor.last_uid, 1u);
    EXPECT_EQ(desk.KeptUids(), (Uids{1}));
    EXPECT_EQ(server.Flags(1), "\\Seen");
    EXPECT_EQ(server.Flags(2), "");
    EXPECT_EQ(server.Flags(3), "");

    desk.busy_at.clear();
    const PollResult later = PollMailbox(mailbox, busy.cursor, desk.Deliver());
    EXPECT_FALSE(later.stopped_by);
    EXPECT_EQ(desk.KeptUids(), (Uids{1, 2, 3}));
    EXPECT_EQ(later.cursor.last_uid, 3u);
}

TEST(ImapPoller, AServerThatGoesAwayMidPassIsUnavailableAndTheNextPassSkipsNothing) {
    DovecotServer server;
    for (const char* subject : {"one", "two", "three", "four"}) server.Deliver(Simple(subject));
    ImapMailbox mailbox(Settings(server));
    FakeDesk desk;
    // The server stops while the desk stores message 2: marking it seen fails, and so would fetching 3.
    desk.on_offer = [&](const FetchedMessage& m) {
        if (m.uid == 2) server.Stop();
    };
    const PollResult cut = PollMailbox(mailbox, {}, desk.Deliver());
    ASSERT_TRUE(cut.stopped_by);
    EXPECT_FALSE(cut.desk_asked_to_wait);
    EXPECT_EQ(cut.stopped_by->code, ErrorCode::kUnavailable) << cut.stopped_by->message;
    EXPECT_EQ(cut.stopped_by->message.find(DovecotServer::kPassword), std::string::npos);
    // The desk kept 2 and committed its cursor: the cursor passes it although it could not be marked seen.
    EXPECT_EQ(cut.cursor.last_uid, 2u);
    EXPECT_EQ(desk.KeptUids(), (Uids{1, 2}));

    // While the server is down a pass changes nothing.
    desk.on_offer = nullptr;
    const PollResult down = PollMailbox(mailbox, cut.cursor, desk.Deliver());
    ASSERT_TRUE(down.stopped_by);
    EXPECT_EQ(down.stopped_by->code, ErrorCode::kUnavailable);
    EXPECT_EQ(down.cursor, cut.cursor);

    server.Restart();
    EXPECT_EQ(server.Flags(2), "");  // left unseen on the server
    const PollResult next = PollMailbox(mailbox, cut.cursor, desk.Deliver());
    ASSERT_FALSE(next.stopped_by) << next.stopped_by->message;
    EXPECT_EQ(desk.KeptUids(), (Uids{1, 2, 3, 4}));
    EXPECT_EQ(next.cursor.last_uid, 4u);
}

// The desk is given the header of a message over the limit (to answer its sender) and the pass goes on.
TEST(ImapPoller, AMessageOverTheLimitIsOfferedAsItsHeader) {
    DovecotServer server;
    const std::string header = "From: Customer <customer@example.test>\r\nSubject: huge\r\n\r\n";
    server.Deliver(header + std::string(300 * 1024, 'h') + "\r\n");
    server.Deliver(Simple("small"));
    ImapSettings settings = Settings(server);
    settings.max_message_bytes = 100 * 1024;
    ImapMailbox mailbox(settings);
    FakeDesk desk;
    const PollResult r = PollMailbox(mailbox, {}, desk.Deliver());
    ASSERT_FALSE(r.stopped_by) << r.stopped_by->message;
    ASSERT_EQ(desk.KeptUids(), (Uids{1, 2}));
    EXPECT_TRUE(desk.kept[0].too_large);
    EXPECT_EQ(desk.kept[0].raw, header);
    EXPECT_FALSE(desk.kept[1].too_large);
    EXPECT_EQ(desk.kept[1].raw, Simple("small"));
    EXPECT_EQ(server.Flags(1), "\\Seen");
    EXPECT_EQ(r.cursor.last_uid, 2u);
}

// A message removed by someone else between the search and its fetch is passed over; nothing waits for it.
TEST(ImapPoller, AMessageExpungedMidPassIsPassedOver) {
    DovecotServer server;
    for (const char* subject : {"one", "two", "three"}) server.Deliver(Simple(subject));
    ImapMailbox mailbox(Settings(server));
    FakeDesk desk;
    desk.on_offer = [&](const FetchedMessage& m) {
        if (m.uid == 1) server.Expunge(2);
    };
    const PollResult r = PollMailbox(mailbox, {}, desk.Deliver());
    ASSERT_FALSE(r.stopped_by) << r.stopped_by->message;
    EXPECT_EQ(r.found, 3u);
    EXPECT_EQ(desk.KeptUids(), (Uids{1, 3}));
    EXPECT_EQ(r.cursor.last_uid, 3u);
}

TEST(ImapPoller, StopEndsThePassBetweenTwoMessages) {
    DovecotServer server;
    for (const char* subject : {"one", "two", "three"}) server.Deliver(Simple(subject));
    ImapMailbox mailbox(Settings(server));
    FakeDesk desk;
    std::atomic<bool> stop{false};
    desk.on_offer = [&](const FetchedMessage& m) {
        if (m.uid == 1) stop = true;
    };
    const PollResult r = PollMailbox(mailbox, {}, desk.Deliver(), &stop);
    EXPECT_TRUE(r.interrupted);
    EXPECT_FALSE(r.stopped_by);
    EXPECT_EQ(desk.KeptUids(), (Uids{1}));
    EXPECT_EQ(r.cursor.last_uid, 1u);
    EXPECT_EQ(server.Flags(1), "\\Seen");
    EXPECT_EQ(server.Flags(2), "");
}

TEST(ImapPoller, AFailedFirstStepChangesNothing) {
    DovecotServer server;
    server.Deliver(Simple("one"));
    ImapSettings settings = Settings(server);
    settings.password = "not-the-password";
    ImapMailbox mailbox(settings);
    FakeDesk desk;
    const ImapCursor cursor{123, 4};
    const PollResult r = PollMailbox(mailbox, cursor, desk.Deliver());
    ASSERT_TRUE(r.stopped_by);
    EXPECT_EQ(r.stopped_by->code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(r.cursor, cursor);
    EXPECT_FALSE(r.restarted);
    EXPECT_TRUE(desk.kept.empty());
}

}  // namespace
}  // namespace shiftdesk::integrations
