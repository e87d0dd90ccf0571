// SendMail against a real SMTP server (tests/fakes/smtp_sink.py, aiosmtpd) on a free port: delivery into a
// Maildir, STARTTLS with a self-signed certificate, and how refusals and outages are sorted into retry / permanent.
#include "notify/smtp_client.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/time.hpp"
#include "notify/mail_message.hpp"
#include "support/peer_process.hpp"
#include "support/temp_dir.hpp"

namespace shiftdesk::notify {
namespace {

using test::FakePath;
using test::kDebianPython;
using test::PeerProcess;
using test::TempDir;

// The sink: `smtp_sink.py PORT MAILDIR [options]`; every accepted message is one file in MAILDIR/new.
PeerProcess Sink(const std::string& maildir, std::vector<std::string> options = {}) {
    std::vector<std::string> args = {kDebianPython, FakePath("smtp_sink.py"), "{port}", maildir};
    args.insert(args.end(), options.begin(), options.end());
    return PeerProcess(std::move(args));
}

// The files in MAILDIR/new, oldest first. The sink writes a file before it answers 250, so no waiting is needed.
std::vector<std::string> Delivered(const std::string& maildir) {
    std::vector<std::filesystem::path> paths;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(maildir + "/new", ec)) paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    std::vector<std::string> messages;
    for (const auto& p : paths) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        messages.push_back(ss.str());
    }
    return messages;
}

// The value of a header the sink added (X-MailFrom, X-RcptTo, X-TLS), or "<none>".
std::string SinkHeader(const std::string& stored, const std::string& name) {
    const std::string prefix = name + ": ";
    for (std::size_t at = 0; at < stored.size();) {
        const auto end = stored.find("\r\n", at);
        if (end == std::string::npos || end == at) break;
        if (stored.compare(at, prefix.size(), prefix) == 0)
            return stored.substr(at + prefix.size(), end - at - prefix.size());
        at = end + 2;
    }
    return "<none>";
}

// What the client sent: the stored file without the four lines the sink put in front.
std::string Received(const std::string& stored) {
    std::size_t at = 0;
    for (int i = 0; i < 4 && at != std::string::npos; ++i) {
        at = stored.find("\r\n", at);
        if (at != std::string::npos) at += 2;
    }
    return at == std::string::npos ? std::string() : stored.substr(at);
}

std::string Message() {
    MailMessage m;
    m.from = {"Shift Desk", "desk@desk.example"};
    m.to = {{"Ann", "ann@example.test"}, {"Bob", "bob@example.test"}};
    m.subject = "Hand-off: Zürich night shift";
    m.text = "Three tickets are open.\n";
    m.html = "<p>Three tickets are open.</p>\n";
    m.message_id = "handoff-7@desk.example";
    m.date = *ParseRfc3339("2026-11-24T09:30:00Z");
    m.headers = {{"Auto-Submitted", "auto-generated"}};
    auto r = RenderMessage(m);
    EXPECT_TRUE(r);
    return r ? *r : std::string();
}

SmtpSettings Settings(int port) {
    SmtpSettings s;
    s.url = "smtp://127.0.0.1:" + std::to_string(port) + "/desk.example";
    s.attempt_timeout_seconds = 10;
    return s;
}

const std::vector<std::string> kRecipients = {"ann@example.test", "bob@example.test"};

// A self-signed certificate for 127.0.0.1 and localhost, valid for two days.
void MakeCertificate(const TempDir& dir) {
    const std::string command = "cd '" + dir.path().string() +
                                "' && openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 "
                                "-subj /CN=localhost -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' "
                                ">openssl.log 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << "openssl failed, see " << dir.File("openssl.log");
}

TEST(SmtpClient, AcceptedMessageLandsInTheMaildirWithItsEnvelope) {
    TempDir dir;
    const std::string maildir = dir.File("maildir");
    PeerProcess sink = Sink(maildir);
    const std::string message = Message();

    const SendResult r = SendMail(Settings(sink.port()), "bounces@desk.example", kRecipients, message);
    EXPECT_EQ(r.outcome, DeliveryOutcome::kDelivered) << r.detail << "\n" << sink.Log();
    EXPECT_EQ(r.smtp_code, 250);
    EXPECT_EQ(r.detail, "");

    const auto delivered = Delivered(maildir);
    ASSERT_EQ(delivered.size(), 1u);
    EXPECT_EQ(SinkHeader(delivered[0], "X-MailFrom"), "bounces@desk.example");
    EXPECT_EQ(SinkHeader(delivered[0], "X-RcptTo"), "ann@example.test, bob@example.test");
    EXPECT_EQ(SinkHeader(delivered[0], "X-TLS"), "no");
    EXPECT_EQ(Received(delivered[0]), message);
}

// RFC 5321 4.5.3.2.6: the reply to the end of the message may take minutes. Waiting for it is what keeps a slow
// server from getting the message again on every retry.
TEST(SmtpClient, ALateFinalReplyWithinTheReplyTimeoutIsAcceptedAndArrivesOnce) {
    TempDir dir;
    const std::string maildir = dir.File("maildir");
    PeerProcess sink = Sink(maildir, {"--delay-data", "3"});
    SmtpSettings settings = Settings(sink.port());
    settings.reply_timeout_seconds = 6;
    const SendResult r = SendMail(settings, "desk@desk.example", kRecipients, Message());
    EXPECT_EQ(r.outcome, DeliveryOutcome::kDelivered) << r.detail << "\n" << sink.Log();
    EXPECT_EQ(Delivered(maildir).size(), 1u);
}

TEST(SmtpClient, AFinalReplyLaterThanTheReplyTimeoutIsRetry) {
    TempDir dir;
    PeerProcess sink = Sink(dir.File("maildir"), {"--delay-data", "4"});
    SmtpSettings settings = Settings(sink.port());
    settings.reply_timeout_seconds = 1;
    const auto started = std::chrono::steady_clock::now();
    const SendResult r = SendMail(settings, "desk@desk.example", kRecipients, Message());
    EXPECT_EQ(r.outcome, DeliveryOutcome::kRetry) << r.detail;
    EXPECT_NE(r.detail.find("a reply may take 1 s"), std::string::npos) << r.detail;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
}

// Silent before the greeting, or after the message: either way the attempt ends at its deadline, closing included
// (libcurl would otherwise wait for the reply to QUIT queued behind the one the server still owes).
TEST(SmtpClient, AServerThatNeverAnswersEndsAtTheAttemptDeadline) {
    for (const std::vector<std::string>& slow :
         {std::vector<std::string>{"--mute"}, std::vector<std::string>{"--delay-data", "20"}}) {
        TempDir dir;
        PeerProcess sink = Sink(dir.File("maildir"), slow);
        SmtpSettings settings = Settings(sink.port());
        settings.reply_timeout_seconds = 60;
        settings.attempt_timeout_seconds = 2;
        const auto started = std::chrono::steady_clock::now();
        const SendResult r = SendMail(settings, "desk@desk.example", kRecipients, Message());
        EXPECT_EQ(r.outcome, DeliveryOutcome::kRetry) << slow[0] << ": " << r.detail;
        EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4)) << slow[0];
        EXPECT_EQ(LongestAttempt(settings), std::chrono::seconds(2));
    }
}

// A listening socket whose accept queue is full: the kernel drops further SYNs, as a host behind a firewall that
// swallows them does, so connecting hangs.
class Unreachable {
 public:
    Unreachable() {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in at{};
        at.sin_family = AF_INET;
        at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof at;
        EXPECT_EQ(bind(listener_, reinterpret_cast<sockaddr*>(&at), size), 0);
        EXPECT_EQ(listen(listener_, 0), 0);
        EXPECT_EQ(getsockname(listener_, reinterpret_cast<sockaddr*>(&at), &size), 0);
        port_ = ntohs(at.sin_port);
        for (int i = 0; i < 4; ++i) {
            const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            (void)connect(fd, reinterpret_cast<sockaddr*>(&at), size);
            fillers_.push_back(fd);
        }
    }
    ~Unreachable() {
        for (int fd : fillers_) close(fd);
        close(listener_);
    }
    int port() const { return port_; }

 private:
    int listener_ = -1;
    int port_ = 0;
    std::vector<int> fillers_;
};

TEST(SmtpClient, AHostThatNeverTakesTheConnectionIsGivenUpAtTheConnectTimeout) {
    Unreachable host;
    SmtpSettings settings = Settings(host.port());
    settings.connect_timeout_seconds = 1;
    settings.attempt_timeout_seconds = 30;
    const auto started = std::chrono::steady_clock::now();
    const SendResult r = SendMail(settings, "desk@desk.example", kRecipients, Message());
    EXPECT_EQ(r.outcome, DeliveryOutcome::kRetry) << r.detail;
    EXPECT_EQ(r.detail, "no connection within 1 s");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

// The desk stopping must not wait out a ten-minute reply: neither the greeting nor the reply to the message.
TEST(SmtpClient, StopInterruptsAnAttemptThatWaitsForTheServer) {
    for (const std::vector<std::string>& slow :
         {std::vector<std::string>{"--mute"}, std::vector<std::string>{"--delay-data", "20"}}) {
        TempDir dir;
        PeerProcess sink = Sink(dir.File("maildir"), slow);
        SmtpSettings settings = Settings(sink.port());
        settings.attempt_timeout_seconds = 60;
        std::atomic<bool> stop{false};
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            stop = true;
        });
        const auto started = std::chrono::steady_clock::now();
        const SendResult r = SendMail(settings, "desk@desk.example", kRecipients, Message(), &stop);
        stopper.join();
        EXPECT_EQ(r.outcome, DeliveryOutcome::kInterrupted) << slow[0] << ": " << r.detail;
        EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4)) << slow[0];
    }
}

// SMTP ends DATA with a line holding a single dot; lines of the message that start with one must survive.
TEST(SmtpClient, LinesStartingWithADotArriveIntact) {
    TempDir dir;
    const std::string maildir = dir.File("maildir");
    PeerProcess sink = Sink(maildir);
    const std::string message =
        "From: desk@desk.example\r\nTo: ann@example.test\r\nSubject: dots\r\n\r\n.\r\n..two\r\n.x\r\nend\r\n";
    const SendResult r = SendMail(Settings(sink.port()), "desk@desk.example", {"ann@example.test"}, message);
    ASSERT_EQ(r.outcome, DeliveryOutcome::kDelivered) << r.detail;
    const auto delivered = Delivered(maildir);
    ASSERT_EQ(delivered.size(), 1u);
    EXPECT_EQ(Received(delivered[0]), message);
}

TEST(SmtpClient, StartTlsWithATrustedSelfSignedCertificate) {
    TempDir dir;
    MakeCertificate(dir);
    const std::string maildir = dir.File("maildir");
    PeerProcess sink = Sink(maildir, {"--tls", dir.File("cert.pem"), dir.File("key.pem")});
    SmtpSettings settings = Settings(sink.port());
    settings.require_tls = true;
    settings.ca_file = dir.File("cert.pem");

    const SendResult r = SendMail(settings, "desk@desk.example", kRecipients, Message());
    EXPECT_EQ(r.outcome, DeliveryOutcome::kDelivered) << r.detail << "\n" << sink.Log();
    const auto delivered = Delivered(maildir);
    ASSERT_EQ(delivered.size(), 1u);
    EXPECT_EQ(SinkHeader(delivered[0], "X-TLS"), "yes");
}

// Opportunistic TLS still verifies the certificate: an untrusted one fails the send instead of going on in clear.
TEST(SmtpClient, UntrustedCertificateIsNotAccepted) {
    TempDir dir;
    MakeCertificate(dir);
    const std::string maildir = dir.File("maildir");
    PeerProcess sink = Sink(maildir, {"--tls", dir.File("cert.pem"), dir.File("key.pem")});

    const SendResult r = SendMail(Settings(sink.port()), "desk@desk.example", kRecipients, Message());
    EXPECT_EQ(r.outcome, DeliveryOutcome::kRetry) << r.detail;
    EXPECT_NE(r.detail, "");
    EXPECT_TRUE(Delivered(maildir).empty());
}

TEST(SmtpClient, RequiredTlsIsNotSkippedWhenTheServerOffersNone) {
    TempDir dir;
    const std::string maildir = dir.File("maildir");
    PeerProcess sink = Sink(maildir);
    SmtpSettings settings = Settings(sink.port());
    settings.require_tls = true;

    const SendResult r = SendMail(settings, "desk@desk.example", kRecipients, Message());
    EXPECT_NE(r.outcome, DeliveryOutcome::kDelivered) << r.detail;
    EXPECT_TRUE(Delivered(maildir).empty());
}

TEST(SmtpClient, ServerDownIsRetryAndTheRestartedServerAccepts) {
    TempDir dir;
    const std::string maildir = dir.File("maildir");
    PeerProcess sink = Sink(maildir);
    sink.Stop();

    const SendResult down = SendMail(Settings(sink.port()), "desk@desk.example", kRecipients, Message());
    EXPECT_EQ(down.outcome, DeliveryOutcome::kRetry) << down.detail;
    EXPECT_EQ(down.smtp_code, 0);
    EXPECT_NE(down.detail, "");

    sink.Restart();
    const SendResult up = SendMail(Settings(sink.port()), "desk@desk.example", kRecipients, Message());
    EXPECT_EQ(up.outcome, DeliveryOutcome::kDelivered) << up.detail << "\n" << sink.Log();
    EXPECT_EQ(Delivered(maildir).size(), 1u);
}

TEST(SmtpClient, RecipientRefusedWith450IsRetry) {
    TempDir dir;
    const std::string maildir = dir.File("maildir");
    PeerProcess sink = Sink(maildir, {"--reject-rcpt", "450"});
    const SendResult r = SendMail(Settings(sink.port()), "desk@desk.example", kRecipients, Message());
    EXPECT_EQ(r.outcome, DeliveryOutcome::kRetry) << r.detail;
    EXPECT_EQ(r.smtp_code, 450);
    EXPECT_NE(r.detail, "");
    EXPECT_TRUE(Delivered(maildir).empty());
}

TEST(SmtpClient, RecipientRefusedWith550IsPermanent) {
    TempDir dir;
    const std::string maildir = dir.File("maildir");
    PeerProcess sink = Sink(maildir, {"--reject-rcpt", "550"});
    const SendResult r = SendMail(Settings(sink.port()), "desk@desk.example", kRecipients, Message());
    EXPECT_EQ(r.outcome, DeliveryOutcome::kPermanent) << r.detail;
    EXPECT_EQ(r.smtp_code, 550);
    EXPECT_TRUE(Delivered(maildir).empty());
}

TEST(SmtpClient, MalformedOrForeignUrlIsPermanent) {
    for (const char* url : {"smtp://[::1:25", "smtp://exa mple.test:25", "http://127.0.0.1:1/", "127.0.0.1:25",
                            "file:///etc/passwd", ""}) {
        SmtpSettings settings;
        settings.url = url;
        const SendResult r = SendMail(settings, "desk@desk.example", kRecipients, Message());
        EXPECT_EQ(r.outcome, DeliveryOutcome::kPermanent) << url << ": " << r.detail;
        EXPECT_NE(r.detail, "") << url;
    }
}

TEST(SmtpClient, BadEnvelopeIsRefusedBeforeConnecting) {
    TempDir dir;
    const std::string maildir = dir.File("maildir");
    PeerProcess sink = Sink(maildir);
    const auto send = [&](std::string_view from, const std::vector<std::string>& to) {
        return SendMail(Settings(sink.port()), from, to, Message()).outcome;
    };
    EXPECT_EQ(send("desk@desk.example>\r\nRCPT TO:<x@evil.example", kRecipients), DeliveryOutcome::kPermanent);
    EXPECT_EQ(send("desk@desk.example", {"ann@example.test\r\nRCPT TO:<x@evil.example>"}), DeliveryOutcome::kPermanent);
    EXPECT_EQ(send("desk@desk.example", {}), DeliveryOutcome::kPermanent);
    EXPECT_TRUE(Delivered(maildir).empty());
}

TEST(SmtpClient, DetailNeverContainsThePassword) {
    const std::string password = "hunter2-s3cret";
    for (const std::string& url : {"smtp://desk:" + password + "@127.0.0.1:1/", "smtp://desk:" + password + "@[::1"}) {
        SmtpSettings settings;
        settings.url = url;
        settings.username = "desk";
        settings.password = password;
        settings.attempt_timeout_seconds = 5;
        const SendResult r = SendMail(settings, "desk@desk.example", kRecipients, Message());
        EXPECT_NE(r.outcome, DeliveryOutcome::kDelivered);
        EXPECT_EQ(r.detail.find(password), std::string::npos) << r.detail;
    }
}

}  // namespace
}  // namespace shiftdesk::notify
