// The desk under abuse and bad luck: refused reads that do not turn into a write each, live screens and caches left
// alone by bookkeeping, a connection cap with a clear refusal, no busy loop when descriptors run out, event streams
// released as soon as the browser leaves, cookie sessions bound to the desk's public address.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// A TCP connection to the server that the test drives byte by byte (silent clients, event streams).
class RawConnection {
 public:
    explicit RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    }
    ~RawConnection() { Close(); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return connected_; }
    void Send(const std::string& bytes) { (void)!write(fd_, bytes.data(), bytes.size()); }
    // Whatever arrives within `patience` (stops early once `until` has been seen).
    std::string Read(std::chrono::milliseconds patience, const std::string& until = "") {
        const auto deadline = std::chrono::steady_clock::now() + patience;
        for (;;) {
            if (!until.empty() && received_.find(until) != std::string::npos) break;
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            pollfd p{fd_, POLLIN, 0};
            if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
            char buf[4096];
            const ssize_t n = read(fd_, buf, sizeof buf);
            if (n <= 0) break;
            received_.append(buf, static_cast<std::size_t>(n));
        }
        return received_;
    }
    void Close() {
        if (fd_ >= 0) close(fd_);
        fd_ = -1;
    }

 private:
    int fd_;
    bool connected_ = false;
    std::string received_;
};

std::size_t Count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// Open descriptors of a process.
std::size_t OpenFiles(pid_t pid) {
    std::size_t n = 0;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        ++n;
    }
    return n;
}

// CPU time (user + system) a process has used, in seconds.
double CpuSeconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), {});
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string skip;
    for (int i = 0; i < 11; ++i) fields >> skip;  // state .. cmajflt: fields 3-13
    long utime = 0, stime = 0;
    fields >> utime >> stime;
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string StreamRequest(const std::string& token) {
    return "GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n";
}

// The server with its open-file limit lowered, as on a host with a small `ulimit -n`.
std::vector<std::string> WithFileLimit(int files) {
    return {"/bin/sh", "-c", "ulimit -n " + std::to_string(files) + " && exec \"$@\"", "sh"};
}

// Whether this machine lets the tests make a mount namespace of their own (root, or user namespaces).
bool CanMount() { return std::system("unshare -m true >/dev/null 2>&1") == 0; }

class RefusedReads : public ::testing::Test {
 protected:
    static void SetUpTestSuite() { desk_ = new TestDesk({"--test-clock"}); }
    static void TearDownTestSuite() {
        delete desk_;
        desk_ = nullptr;
    }
    static TestDesk* desk_;
};
TestDesk* RefusedReads::desk_ = nullptr;

TEST_F(RefusedReads, AreCountedInsteadOfWrittenOneByOneAndSummarisedWhenTheWindowCloses) {
    auto http = desk_->client();
    const auto& asha = desk_->asha;
    desk_->OwnedTicket(asha, "Keeps its cached page");
    const std::string bin = "/api/v1/tickets?owner=me&status=open";
    auto first = http.Get(bin, asha.token);
    ASSERT_EQ(first.status, 200) << first.body;
    const std::string etag = first.header("etag");
    ASSERT_FALSE(etag.empty());

    const auto events_before = DbNumber(desk_->db_path(), "SELECT COUNT(*) FROM events");
    const auto writes_before = DbNumber(desk_->db_path(), "SELECT version FROM desk_changes");
    for (int i = 0; i < 200; ++i) {
        auto refused = http.Get("/api/v1/sla/at-risk", asha.token);
        ASSERT_EQ(refused.status, 403) << refused.body;
    }
    // The first refusal is in the audit trail at once; the 199 repeats are not 199 commits.
    EXPECT_EQ(DbNumber(desk_->db_path(), "SELECT COUNT(*) FROM events"), events_before + 1);
    EXPECT_EQ(DbNumber(desk_->db_path(),
                       "SELECT COUNT(*) FROM events WHERE action = 'sla.at_risk_viewed' AND outcome = 'refused' AND "
                       "actor_id = " +
                           std::to_string(asha.id)),
              1);
    // Nothing a screen shows changed: the cached bin still revalidates.
    EXPECT_EQ(DbNumber(desk_->db_path(), "SELECT version FROM desk_changes"), writes_before);
    auto again = http.Send("GET", bin, "", {{"Authorization", "Bearer " + asha.token}, {"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304) << again.body;

    // When the window closes, one line says how many more times, and over what span.
    AdvanceClock(http, 61);
    std::int64_t summaries = 0;
    for (int i = 0; i < 50 && summaries == 0; ++i) {
        summaries = DbNumber(desk_->db_path(),
                             "SELECT COUNT(*) FROM events WHERE action = 'sla.at_risk_viewed' AND outcome = 'refused' "
                             "AND json_extract(after_json, '$.repeats') = 199");
        if (summaries == 0) std::this_thread::sleep_for(100ms);
    }
    EXPECT_EQ(summaries, 1);
}

TEST_F(RefusedReads, WakeNoLiveScreenWhileARealChangeDoes) {
    RawConnection stream(desk_->server().port());
    ASSERT_TRUE(stream.connected());
    stream.Send(StreamRequest(desk_->bruno.token));
    const auto opened = stream.Read(5s, "event: changed");
    ASSERT_EQ(Count(opened, "event: changed"), 1u) << opened;

    auto http = desk_->client();
    for (int i = 0; i < 50; ++i) EXPECT_EQ(http.Get("/api/v1/sla/at-risk", desk_->bruno.token).status, 403);
    EXPECT_EQ(Count(stream.Read(1500ms), "event: changed"), 1u) << "a refusal woke the live screens";

    desk_->NewTicket(desk_->bruno, "A change screens show");
    EXPECT_EQ(Count(stream.Read(3s, "event: changed\ndata: {\"version\":2"), "event: changed"), 2u);
}

TEST_F(RefusedReads, AClosedEventStreamIsReleasedAtOnce) {
    const pid_t pid = desk_->server().pid();
    {  // one stream first, so files the desk opens on its first reads (database readers) are counted in `before`
        RawConnection warm_up(desk_->server().port());
        warm_up.Send(StreamRequest(desk_->chen.token));
        ASSERT_NE(warm_up.Read(5s, "event: changed").find("event: changed"), std::string::npos);
    }
    std::this_thread::sleep_for(200ms);
    const auto before = OpenFiles(pid);
    std::vector<std::unique_ptr<RawConnection>> streams;
    for (int i = 0; i < 20; ++i) {
        streams.push_back(std::make_unique<RawConnection>(desk_->server().port()));
        streams.back()->Send(StreamRequest(desk_->chen.token));
        ASSERT_NE(streams.back()->Read(5s, "event: changed").find("event: changed"), std::string::npos);
    }
    EXPECT_GE(OpenFiles(pid), before + 20);
    streams.clear();  // the tabs close
    // Seconds, not the 25-30 s a stream once lingered until its next keep-alive write; a loaded machine needs some.
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (OpenFiles(pid) > before + 2 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(50ms);
    EXPECT_LE(OpenFiles(pid), before + 2) << "closed event streams still hold their sockets";
}

TEST(ConnectionLimits, PastTheCapANewClientIsToldToComeBackAndTheServerStaysIdle) {
    // 200 files: the cap is what the limit leaves beside the desk's own files (here half of it: 100 connections).
    TestDesk desk({}, {}, WithFileLimit(200));
    const pid_t pid = desk.server().pid();
    std::vector<std::unique_ptr<RawConnection>> silent;
    for (int i = 0; i < 150; ++i) silent.push_back(std::make_unique<RawConnection>(desk.server().port()));
    std::this_thread::sleep_for(1s);
    std::size_t told = 0;
    for (auto& c : silent) {
        const auto got = c->Read(20ms, "}}");
        if (got.starts_with("HTTP/1.1 503") && got.find("Retry-After: 1") != std::string::npos) ++told;
    }
    EXPECT_GE(told, 40u) << "connections over the cap should be answered 503 with Retry-After";

    // A client arriving now is told at once rather than left to time out.
    const auto refused = desk.client().Get("/api/v1/health", "");
    EXPECT_EQ(refused.status, 503) << refused.body;
    EXPECT_EQ(refused.error_code(), "busy");

    const double cpu = CpuSeconds(pid);
    std::this_thread::sleep_for(2s);
    EXPECT_LT(CpuSeconds(pid) - cpu, 0.3) << "the server is busy while its clients are silent";

    silent.clear();
    int status = 0;
    for (int i = 0; i < 40 && status != 200; ++i) {
        std::this_thread::sleep_for(50ms);
        try {
            status = desk.client().Get("/api/v1/health", "").status;
        } catch (const std::exception& e) {
            FAIL() << "the server is gone: " << e.what() << "\n" << desk.server().Log().substr(0, 4000);
        }
    }
    EXPECT_EQ(status, 200);
}

TEST(ConnectionLimits, OutOfFileDescriptorsTheServerBacksOffInsteadOfSpinning) {
    // A cap above what the file limit allows: accept itself runs out of descriptors (EMFILE).
    TestDesk desk({"--max-connections", "5000"}, {}, WithFileLimit(200));
    const pid_t pid = desk.server().pid();
    std::vector<std::unique_ptr<RawConnection>> silent;
    for (int i = 0; i < 300; ++i) silent.push_back(std::make_unique<RawConnection>(desk.server().port()));
    std::this_thread::sleep_for(500ms);
    const double cpu = CpuSeconds(pid);
    std::this_thread::sleep_for(2s);
    EXPECT_LT(CpuSeconds(pid) - cpu, 0.3) << "accept failing for want of descriptors must not spin";
    EXPECT_LE(Count(desk.server().Log(), "accept: "), 2u) << desk.server().Log().substr(0, 2000);

    silent.clear();
    int status = 0;
    for (int i = 0; i < 60 && status != 200; ++i) {
        std::this_thread::sleep_for(50ms);
        try {
            status = desk.client().Get("/api/v1/health", "").status;
        } catch (const std::exception& e) {
            FAIL() << "the server is gone: " << e.what() << "\n" << desk.server().Log().substr(0, 4000);
        }
    }
    EXPECT_EQ(status, 200) << "the server serves again once descriptors are free";
}

class PublicUrl : public ::testing::Test {
 protected:
    static void SetUpTestSuite() { desk_ = new TestDesk({"--public-url", "https://desk.example"}); }
    static void TearDownTestSuite() {
        delete desk_;
        desk_ = nullptr;
    }
    static HttpResponse SignIn(const Headers& headers) {
        return desk_->client().Send("POST", "/api/v1/session",
                                    json::serialize(json::object{{"login", "asha"}, {"password", kPassword}}), headers);
    }
    static std::string SessionCookie(const HttpResponse& res) {
        for (auto [it, end] = res.headers.equal_range("set-cookie"); it != end; ++it) {
            if (it->second.starts_with("sd_session=")) return it->second.substr(0, it->second.find(';'));
        }
        return "";
    }
    static TestDesk* desk_;
};
TestDesk* PublicUrl::desk_ = nullptr;

TEST_F(PublicUrl, CookieSessionsAreTakenOnlyAtTheDesksOwnAddress) {
    auto signed_in = SignIn({{"Host", "desk.example"}, {"Origin", "https://desk.example"}});
    ASSERT_EQ(signed_in.status, 200) << signed_in.body;
    const std::string cookie = SessionCookie(signed_in);
    ASSERT_FALSE(cookie.empty());

    auto mine = desk_->client().Send("GET", "/api/v1/me", "", {{"Host", "DESK.example:443"}, {"Cookie", cookie}});
    EXPECT_EQ(mine.status, 200) << mine.body;
    // The same cookie under another name (DNS rebinding, a stray proxy) is refused.
    auto rebound = desk_->client().Send("GET", "/api/v1/me", "", {{"Host", "evil.example"}, {"Cookie", cookie}});
    EXPECT_EQ(rebound.status, 403) << rebound.body;
    EXPECT_EQ(rebound.field(), "Host");
    // A page of another origin, even one naming the desk's host, signs nobody in.
    auto forged = SignIn({{"Host", "desk.example"}, {"Origin", "https://evil.example"}});
    EXPECT_EQ(forged.status, 403) << forged.body;
    EXPECT_EQ(forged.field(), "Origin");
    auto plain_http = SignIn({{"Host", "desk.example"}, {"Origin", "http://desk.example"}});
    EXPECT_EQ(plain_http.status, 403) << plain_http.body;
    // Scripts with a bearer token may use any name for the desk.
    auto script = desk_->client().Send("GET", "/api/v1/me", "",
                                       {{"Host", "10.0.0.5:8080"}, {"Authorization", "Bearer " + desk_->asha.token}});
    EXPECT_EQ(script.status, 200) << script.body;
}

TEST(PublicUrlSetting, AUrlWithAPathOrOfAnotherSchemeStopsTheServer) {
    TempDir dir;
    const auto db = dir.File("desk.db");
    ASSERT_EQ(RunCli({"migrate", "--db", db}).exit_code, 0);
    for (const char* url : {"ftp://desk.example", "https://desk.example/desk", "https://user@desk.example", "desk"}) {
        auto run = RunCli({"serve", "--db", db, "--listen", "127.0.0.1:0", "--public-url", url});
        EXPECT_EQ(run.exit_code, 1) << url;
        EXPECT_NE(run.err.find("public_url"), std::string::npos) << url << ": " << run.err;
    }
}

// The server on a small file system of its own: the database's directory is copied onto a tmpfs in a private mount
// namespace, so the test can fill the disk under the server without touching the machine's.
std::vector<std::string> OnSmallDisk() {
    return {"/usr/bin/unshare",
            "-m",
            "/bin/sh",
            "-c",
            "set -e; db=; prev=; for a in \"$@\"; do [ \"$prev\" = --db ] && db=$a; prev=$a; done; "
            "d=$(dirname \"$db\"); cp -a \"$d\" \"$d.copy\"; mount -t tmpfs -o size=16m tmpfs \"$d\"; "
            "cp -a \"$d.copy/.\" \"$d/\"; rm -rf \"$d.copy\"; exec \"$@\"",
            "sh"};
}

// Fills the file system `path` is on until it has no room left.
void Fill(const std::string& path) {
    std::ofstream out(path, std::ios::binary);
    const std::string chunk(64 * 1024, 'x');
    while (out.write(chunk.data(), static_cast<std::streamsize>(chunk.size())) && out.flush()) {
    }
}

HttpResponse Create(const TestDesk& desk, const Person& who) {
    return desk.client().Post("/api/v1/tickets", who.token,
                              {{"subject", "Written when the disk has room"},
                               {"description", std::string(2000, 'd')},
                               {"customer", {{"name", "Jo Park"}, {"email", "jo@acme.example"}}}});
}

TEST(Storage, AFullDiskRefusesWritesWith507KeepsServingReadsAndSaysSoOnce) {
    if (!CanMount()) GTEST_SKIP() << "needs a mount namespace (root or user namespaces) for a disk of its own";
    TestDesk desk({}, {}, OnSmallDisk());
    // The server's view of its directory, from outside its mount namespace.
    const std::string inside = "/proc/" + std::to_string(desk.server().pid()) + "/root" + desk.db_path();
    const std::string dir = std::filesystem::path(inside).parent_path().string();
    auto health = desk.client().Get("/api/v1/health", "");
    ASSERT_EQ(health.status, 200);
    EXPECT_EQ(health.json().at("storage").at("writable").as_bool(), true);

    Fill(dir + "/filler");
    int created = 0;
    HttpResponse full;
    for (int i = 0; i < 5000; ++i) {
        full = Create(desk, desk.asha);
        if (full.status != 201) break;
        ++created;
    }
    ASSERT_EQ(full.status, 507) << full.body;
    EXPECT_EQ(full.error_code(), "storage_full");
    for (int i = 0; i < 20; ++i) EXPECT_EQ(Create(desk, desk.asha).status, 507);

    // Reads go on, the health check says what is wrong, and nothing was half-written.
    auto bin = desk.client().Get("/api/v1/tickets?queue=unassigned", desk.asha.token);
    EXPECT_EQ(bin.status, 200) << bin.body;
    health = desk.client().Get("/api/v1/health", "");
    ASSERT_EQ(health.status, 200);
    EXPECT_EQ(health.json().at("status").as_string(), "degraded");
    EXPECT_EQ(health.json().at("storage").at("writable").as_bool(), false);
    EXPECT_EQ(health.json().at("storage").at("problem").as_string(), "full");
    EXPECT_EQ(DbNumber(inside, "SELECT COUNT(*) FROM tickets"), created);
    // Logged once, with its cause — not once per refused write, and not never.
    const auto log = desk.server().Log();
    EXPECT_EQ(Count(log, "cannot take writes"), 1u) << log;
    EXPECT_NE(log.find("disk is full"), std::string::npos) << log;
    EXPECT_NE(log.find("bytes free where the database lives"), std::string::npos) << log;

    // Space freed: writes work again, and the log and the health check say so.
    std::filesystem::remove(dir + "/filler");
    EXPECT_EQ(Create(desk, desk.asha).status, 201);
    health = desk.client().Get("/api/v1/health", "");
    EXPECT_EQ(health.json().at("status").as_string(), "ok");
    EXPECT_NE(desk.server().Log().find("takes writes again"), std::string::npos);
}

TEST(Storage, AReadOnlyDatabaseStopsTheServerAtStartSayingWhy) {
    if (!CanMount()) GTEST_SKIP() << "needs a mount namespace (root or user namespaces) for a read-only mount";
    TempDir home;
    const std::string dir = home.File("data");
    std::filesystem::create_directories(dir);
    const std::string db = dir + "/desk.db";
    ASSERT_EQ(RunCli({"migrate", "--db", db}).exit_code, 0);
    const std::string err = home.File("serve.err");
    // Root ignores file modes, so the directory is mounted read-only instead.
    const std::string command = "unshare -m /bin/sh -c \"mount --bind '" + dir + "' '" + dir +
                                "' && mount -o remount,ro,bind '" + dir + "' && exec '" + SHIFTDESK_BINARY +
                                "' serve --listen 127.0.0.1:0 --db '" + db + "'\" >/dev/null 2>'" + err + "'";
    const int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);
    std::ifstream in(err);
    const std::string said((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(said.find("cannot write to the database"), std::string::npos) << said;
    EXPECT_NE(said.find("ead-only"), std::string::npos) << said;
}

}  // namespace
}  // namespace shiftdesk::test
