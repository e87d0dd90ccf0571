#include "http/event_stream.hpp"

#include <sys/socket.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <chrono>

#include "app/command_runner.hpp"

namespace shiftdesk::http {
namespace asio = boost::asio;
namespace {

constexpr std::string_view kMarker = "X-Shiftdesk-Event-Stream";
constexpr auto kCheckEvery = std::chrono::milliseconds(500);
constexpr int kChecksPerHeartbeat = 30;  // 15 s

asio::awaitable<bool> Send(beast::tcp_stream& stream, std::string text) {
    stream.expires_after(std::chrono::seconds(30));  // a client that stops reading is dropped
    auto [ec, n] = co_await asio::async_write(stream, asio::buffer(text), asio::as_tuple(asio::use_awaitable));
    co_return !ec;
}

// The browser closed the stream (a tab closed, a page left): recv peeks at end-of-file without waiting. Checked every
// tick, so a closed stream's socket is released within half a second instead of at the next failed write.
bool PeerClosed(beast::tcp_stream& stream) {
    char byte = 0;
    const auto n = ::recv(stream.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0) return true;
    if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
    // A client has nothing to say on an event stream: whatever it sends is dropped.
    char scratch[512];
    (void)::recv(stream.socket().native_handle(), scratch, sizeof scratch, MSG_DONTWAIT);
    return false;
}

std::string Changed(std::uint64_t version) {
    return "event: changed\ndata: {\"version\":" + std::to_string(version) + "}\n\n";
}

}  // namespace

boost::asio::awaitable<Response> OpenEventStream(Services&, Exchange& ex) {
    Response res{bhttp::status::ok, ex.request.version()};
    res.set(kMarker, "1");
    co_return res;
}

bool IsEventStreamStart(const Response& res) { return res.result() == bhttp::status::ok && res.count(kMarker) > 0; }

boost::asio::awaitable<void> StreamEvents(beast::tcp_stream& stream, Services& services) {
    // The stream has no length: it ends when the connection does, so the connection is not reused.
    std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n"
        "X-Content-Type-Options: nosniff\r\nX-Accel-Buffering: no\r\nConnection: close\r\n\r\nretry: 2000\n\n";
    auto version = services.runner.ChangeVersion();
    if (!version) co_return;
    std::uint64_t seen = *version;
    if (!co_await Send(stream, head + Changed(seen))) co_return;
    asio::steady_timer timer(stream.get_executor());
    for (int tick = 1;; ++tick) {
        timer.expires_after(kCheckEvery);
        auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        if (ec || PeerClosed(stream)) co_return;
        version = services.runner.ChangeVersion();
        if (!version) co_return;
        std::string out;
        if (*version != seen) {
            seen = *version;
            out = Changed(seen);
        } else if (tick % kChecksPerHeartbeat == 0) {
            out = ": still here\n\n";
        }
        if (!out.empty() && !co_await Send(stream, std::move(out))) co_return;
    }
}

}  // namespace shiftdesk::http
