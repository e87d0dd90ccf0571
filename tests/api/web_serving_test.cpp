// The server as the web UI's host: the built UI's files at "/" with their types and caching, the app's page for
// its own routes, nothing outside its directory; and the live event stream that tells screens to refetch.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace json = boost::json;

class WebDir {
 public:
    WebDir() {
        std::filesystem::create_directories(dir_.path() / "assets");
        std::ofstream(dir_.File("index.html")) << "<!doctype html><title>shiftdesk</title><div id=root></div>";
        std::ofstream(dir_.File("assets/app-3f2a.js")) << "console.log('desk')";
        std::ofstream(dir_.File("favicon.svg")) << "<svg/>";
        std::ofstream(dir_.path().parent_path() / "secret.txt") << "outside";
    }
    std::string path() const { return dir_.path().string(); }

 private:
    TempDir dir_;
};

TEST(WebServing, TheBuiltUiIsServedWithItsTypesAndCaching) {
    WebDir web;
    TestDesk desk({"--web-dir", web.path()});
    const HttpClient http = desk.client();

    auto index = http.Get("/", "");
    ASSERT_EQ(index.status, 200) << index.body;
    EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(index.header("cache-control"), "no-cache");
    EXPECT_NE(index.header("content-security-policy").find("default-src 'self'"), std::string::npos);
    EXPECT_NE(index.body.find("id=root"), std::string::npos);

    auto asset = http.Get("/assets/app-3f2a.js", "");
    ASSERT_EQ(asset.status, 200);
    EXPECT_EQ(asset.header("content-type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(asset.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(http.Get("/favicon.svg", "").header("content-type"), "image/svg+xml");

    auto again = http.Send("GET", "/", "", {{"If-None-Match", index.header("etag")}});
    EXPECT_EQ(again.status, 304) << "revalidated by entity tag";
    EXPECT_TRUE(again.body.empty());

    auto page = http.Get("/tickets/42", "");
    EXPECT_EQ(page.status, 200) << "the app routes its own pages";
    EXPECT_EQ(page.body, index.body);
    EXPECT_EQ(http.Get("/assets/missing.js", "").status, 404);
    EXPECT_EQ(http.Get("/..%2fsecret.txt", "").status, 404) << "nothing outside the UI's directory";
    EXPECT_EQ(http.Get("/assets/..%2f..%2fsecret.txt", "").status, 404);
    EXPECT_EQ(http.Get("/.hidden", "").status, 404);

    auto health = http.Get("/api/v1/health", "");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.header("content-type").rfind("application/json", 0), 0u);
    auto unknown = http.Get("/api/v1/nothing-here", "");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.error_code(), "not_found") << "API paths never fall back to the app";
    EXPECT_EQ(http.Send("POST", "/", "{}").status, 405) << "the UI's files are read-only";
}

// A raw connection that reads an endless response as it arrives.
class StreamReader {
 public:
    explicit StreamReader(int port) {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) ADD_FAILURE() << "connect failed";
    }
    ~StreamReader() { close(fd_); }
    void Send(const std::string& bytes) { (void)!write(fd_, bytes.data(), bytes.size()); }
    // Reads until `text` has appeared `times` times in all that arrived, or `patience` passes.
    bool WaitFor(const std::string& text, int times,
                 std::chrono::milliseconds patience = std::chrono::milliseconds(5000)) {
        const auto deadline = std::chrono::steady_clock::now() + patience;
        while (Count(text) < times && std::chrono::steady_clock::now() < deadline) {
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            char buf[4096];
            const ssize_t n = read(fd_, buf, sizeof buf);
            if (n <= 0) break;
            got_.append(buf, static_cast<std::size_t>(n));
        }
        return Count(text) >= times;
    }
    const std::string& got() const { return got_; }

 private:
    int Count(const std::string& text) const {
        int n = 0;
        for (auto at = got_.find(text); at != std::string::npos; at = got_.find(text, at + 1)) ++n;
        return n;
    }
    int fd_ = -1;
    std::string got_;
};

// Browsers must take every answer as the type it says it is, never sniff an error's or a user's text for HTML or
// script: each one carries X-Content-Type-Options: nosniff, whichever layer wrote it.
TEST(WebServing, EveryAnswerForbidsContentSniffing) {
    WebDir web;
    TestDesk desk({"--web-dir", web.path()});
    const HttpClient http = desk.client();
    const std::string user = "/api/v1/users/" + std::to_string(desk.asha.id);
    auto link = http.Post(user + "/calendar-link", desk.asha.token, json::object{});
    ASSERT_EQ(link.status, 201) << link.body;
    auto list = http.Get("/api/v1/tickets?owner=me", desk.asha.token);
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_FALSE(list.header("etag").empty());
    const Headers bearer{{"Authorization", "Bearer " + desk.asha.token}};

    const std::vector<std::pair<std::string, HttpResponse>> answers = {
        {"the UI's page", http.Get("/", "")},
        {"a UI asset", http.Get("/assets/app-3f2a.js", "")},
        {"a missing UI file", http.Get("/assets/missing.js", "")},
        {"health", http.Get("/api/v1/health", "")},
        {"health, HEAD", http.Send("HEAD", "/api/v1/health")},
        {"a list", list},
        {"a list not modified",
         http.Send("GET", "/api/v1/tickets?owner=me", "",
                   {{"Authorization", "Bearer " + desk.asha.token}, {"If-None-Match", list.header("etag")}})},
        {"a created ticket",
         http.Post("/api/v1/tickets", desk.asha.token,
                   {{"subject", "Sniff"}, {"customer", {{"name", "Jo"}, {"email", "jo@x.example"}}}})},
        {"the CSV sheet", http.Get("/api/v1/handoff-sheet?format=csv", desk.lead.token)},
        {"the calendar feed", http.Get(std::string(link.json().at("path").as_string()), "")},
        {"401", http.Get("/api/v1/me", "")},
        {"403", http.Get("/api/v1/team", desk.asha.token)},
        {"404", http.Get("/api/v1/nothing-here", "")},
        {"405", http.Send("PUT", "/api/v1/health", "{}")},
        {"400 malformed JSON", http.Send("POST", "/api/v1/tickets", "{", bearer)},
        {"422", http.Get("/api/v1/health?x=1", "")},
        {"413", http.Send("POST", "/api/v1/tickets", std::string(1100 * 1024, ' '), bearer)},
        {"431", http.Raw("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'h') + "\r\n\r\n")},
        {"400 malformed HTTP", http.Raw("NOT AN HTTP REQUEST\r\n\r\n")},
    };
    for (const auto& [what, res] : answers) {
        EXPECT_NE(res.status, 0) << what;
        EXPECT_EQ(res.header("x-content-type-options"), "nosniff") << what << " (" << res.status << ")";
    }

    StreamReader stream(http.port());
    stream.Send("GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + desk.asha.token +
                "\r\n\r\n");
    ASSERT_TRUE(stream.WaitFor("event: changed", 1)) << stream.got();
    EXPECT_NE(stream.got().find("\r\nX-Content-Type-Options: nosniff\r\n"), std::string::npos) << stream.got();
}

TEST(WebServing, TheEventStreamSaysChangedWhenTheDeskChanges) {
    TestDesk desk;
    const HttpClient http = desk.client();
    EXPECT_EQ(http.Get("/api/v1/stream", "").status, 401) << "signed in, like every route";

    StreamReader stream(http.port());
    stream.Send("GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + desk.asha.token +
                "\r\n\r\n");
    ASSERT_TRUE(stream.WaitFor("event: changed", 1)) << stream.got();
    EXPECT_EQ(stream.got().rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << stream.got();
    EXPECT_NE(stream.got().find("Content-Type: text/event-stream"), std::string::npos);
    EXPECT_FALSE(stream.WaitFor("event: changed", 2, std::chrono::milliseconds(1200)))
        << "nothing changed, nothing said: " << stream.got();

    desk.NewTicket(desk.bruno, "Made while Asha watches");
    ASSERT_TRUE(stream.WaitFor("event: changed", 2)) << "a commit reaches open streams: " << stream.got();
    const auto last = stream.got().rfind("data: ");
    const auto version = json::parse(stream.got().substr(last + 6, stream.got().find('\n', last) - last - 6));
    EXPECT_TRUE(version.at("version").is_number());
}

}  // namespace
}  // namespace shiftdesk::test
