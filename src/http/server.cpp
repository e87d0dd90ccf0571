#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>

#include "common/log_limiter.hpp"
#include "http/client_address.hpp"
#include "http/event_stream.hpp"

namespace shiftdesk::http {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;
// Refusals over the connection cap each hold a descriptor for a moment (to close without a reset); beyond this many
// at once, a connection is closed without an answer.
constexpr int kMaxRefusing = 64;
// After accept fails for want of descriptors or memory, wait before trying again: at once would spin on the same
// pending connection.
constexpr auto kFirstAcceptPause = std::chrono::milliseconds(50);
constexpr auto kLongestAcceptPause = std::chrono::seconds(1);

std::int64_t SteadyMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Failures that mean "out of a resource", which only time (or closed connections) can cure.
bool OutOfResources(const boost::system::error_code& ec) {
    if (ec.category() != boost::system::system_category()) return false;
    const int e = ec.value();
    return e == EMFILE || e == ENFILE || e == ENOBUFS || e == ENOMEM;
}

// The answer to one connection too many: short, fixed, and it tells the client when to come back.
const std::string& TooManyConnections() {
    static const std::string answer = [] {
        const std::string body =
            "{\"error\":{\"code\":\"busy\",\"message\":\"the desk has as many connections open as it takes; try "
            "again in a moment\"}}";
        return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
               "X-Content-Type-Options: nosniff\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
    }();
    return answer;
}

// Every answer, whichever layer wrote it (an error, a list, a file, the UI), is to be taken as the type it names: a
// browser must never sniff an error's message or a customer's text into HTML or script.
void ForbidSniffing(Response& res) { res.set("X-Content-Type-Options", "nosniff"); }

Response PlainError(unsigned version, bhttp::status status, ErrorCode code, std::string message) {
    Request req{bhttp::verb::get, "/", version};
    req.keep_alive(false);
    Response res = ErrorResponse(req, MakeError(code, std::move(message)));
    res.result(status);
    res.keep_alive(false);
    return res;
}

}  // namespace

struct Server::Impl {
    Impl(Services& s, const Router& r) : services(s), router(r), acceptor(ioc), signals(ioc, SIGINT, SIGTERM) {}

    // Counts a connection for as long as it is served.
    struct Counted {
        explicit Counted(std::atomic<std::size_t>& n) : open(n) { ++open; }
        ~Counted() { --open; }
        std::atomic<std::size_t>& open;
    };

    asio::awaitable<void> Serve(tcp::socket socket) {
        Counted counted(open_connections);
        const auto idle_timeout = std::chrono::seconds(services.options.idle_timeout_seconds);
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        beast::error_code peer_error;
        const auto peer = stream.socket().remote_endpoint(peer_error);
        const std::string client = peer_error ? std::string() : ClientAddress(peer.address());
        for (;;) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.body_limit(services.options.max_body);
            parser.header_limit(kHeaderLimit);
            stream.expires_after(idle_timeout);
            auto [ec, bytes] = co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
            if (ec) {
                // Answer what can be answered; a closed or timed-out connection just ends.
                std::optional<Response> refusal;
                if (ec == bhttp::error::body_limit) {
                    refusal =
                        PlainError(11, bhttp::status::payload_too_large, ErrorCode::kTooLarge,
                                   "the body is larger than " + std::to_string(services.options.max_body) + " bytes");
                } else if (ec == bhttp::error::header_limit) {
                    refusal = PlainError(11, bhttp::status::request_header_fields_too_large, ErrorCode::kTooLarge,
                                         "the request headers are too large");
                } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
                           ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
                    refusal = PlainError(11, bhttp::status::bad_request, ErrorCode::kMalformed,
                                         "malformed HTTP request: " + ec.message());
                }
                if (refusal) {
                    ForbidSniffing(*refusal);
                    stream.expires_after(std::chrono::seconds(5));
                    co_await bhttp::async_write(stream, *refusal, asio::as_tuple(asio::use_awaitable));
                }
                break;
            }
            const Request& req = parser.get();
            const auto started = std::chrono::steady_clock::now();
            stream.expires_never();
            Response res = co_await router.Dispatch(services, req, client);
            if (IsEventStreamStart(res)) {
                if (services.options.access_log) spdlog::info("GET /api/v1/stream opened");
                co_await StreamEvents(stream, services);
                break;
            }
            res.keep_alive(req.keep_alive());
            ForbidSniffing(res);
            if (req.method() == bhttp::verb::head) res.body().clear();
            if (services.options.access_log) {
                const auto us =
                    std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
                        .count();
                // The path only: query strings may carry feed tokens, and bodies carry passwords.
                const auto target = req.target();
                const auto path = target.substr(0, target.find('?'));
                spdlog::info("{} {} {} {}us", std::string(req.method_string()), std::string(path), res.result_int(),
                             us);
            }
            stream.expires_after(idle_timeout);
            auto [wec, written] = co_await bhttp::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
            if (wec || !res.keep_alive()) break;
        }
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    // One connection too many: answered 503 and closed gracefully (shut down, then drained briefly), so the client
    // reads the answer instead of a connection reset.
    asio::awaitable<void> Refuse(tcp::socket socket) {
        Counted refusing(refusing_connections);
        beast::tcp_stream stream(std::move(socket));
        stream.expires_after(std::chrono::seconds(2));
        auto [wec, written] = co_await asio::async_write(stream, asio::buffer(TooManyConnections()),
                                                         asio::as_tuple(asio::use_awaitable));
        if (!wec) {
            beast::error_code ignored;
            stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
            char drain[1024];
            for (int i = 0; i < 16; ++i) {
                auto [rec, n] =
                    co_await stream.async_read_some(asio::buffer(drain), asio::as_tuple(asio::use_awaitable));
                if (rec) break;
            }
        }
    }

    asio::awaitable<void> Accept() {
        asio::steady_timer pause(ioc);
        auto wait = kFirstAcceptPause;
        for (;;) {
            // Each connection on a strand of its own: its coroutine and timers never run on two threads at once.
            auto [ec, socket] =
                co_await acceptor.async_accept(asio::make_strand(ioc), asio::as_tuple(asio::use_awaitable));
            if (ec) {
                if (ec == asio::error::operation_aborted) co_return;
                if (const auto held_back = accept_log.Allow(SteadyMillis())) {
                    spdlog::warn("accept: {} ({} open connections, at most {}){}", ec.message(),
                                 open_connections.load(), services.options.max_connections,
                                 *held_back > 0 ? "; " + std::to_string(*held_back) + " more such failures not logged"
                                                : std::string());
                }
                if (OutOfResources(ec)) {
                    pause.expires_after(wait);
                    auto [pec] = co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
                    if (pec) co_return;
                    wait = std::min<std::chrono::milliseconds>(wait * 2, kLongestAcceptPause);
                }
                continue;
            }
            wait = kFirstAcceptPause;
            if (open_connections.load() >= services.options.max_connections) {
                if (const auto held_back = cap_log.Allow(SteadyMillis())) {
                    spdlog::warn("connections: {} open, the most this desk takes (max_connections); refusing new ones "
                                 "with 503{}",
                                 open_connections.load(),
                                 *held_back > 0 ? "; " + std::to_string(*held_back) + " refusals not logged"
                                                : std::string());
                }
                if (refusing_connections.load() < kMaxRefusing) {
                    asio::co_spawn(socket.get_executor(), Refuse(std::move(socket)), asio::detached);
                }
                continue;  // beyond that, the socket closes here: a reset, but no descriptor held
            }
            beast::error_code ignored;
            socket.set_option(tcp::no_delay(true), ignored);
            asio::co_spawn(socket.get_executor(), Serve(std::move(socket)), asio::detached);
        }
    }

    Services& services;
    const Router& router;
    asio::io_context ioc;
    tcp::acceptor acceptor;
    asio::signal_set signals;
    std::atomic<std::size_t> open_connections{0};
    std::atomic<std::size_t> refusing_connections{0};
    LogLimiter accept_log{10'000, 1};  // a failing accept is logged once per 10 s, with how many were not
    LogLimiter cap_log{10'000, 1};
};

Server::Server(Services& services, const Router& router) : impl_(std::make_unique<Impl>(services, router)) {}
Server::~Server() = default;

Result<std::uint16_t> Server::Listen(const std::string& host_port) {
    const auto colon = host_port.rfind(':');
    if (colon == std::string::npos) return Invalid("listen", "--listen must be host:port");
    std::string host = host_port.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    int port = 0;
    try {
        port = std::stoi(host_port.substr(colon + 1));
    } catch (...) {
        port = -1;
    }
    if (port < 0 || port > 65535) return Invalid("listen", "--listen port must be 0 to 65535");
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec) return Invalid("listen", "--listen host must be an IP address, not '" + host + "'");
    const tcp::endpoint endpoint(address, static_cast<std::uint16_t>(port));
    auto& acceptor = impl_->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return Internal("cannot listen on " + host_port + ": " + ec.message());
    return acceptor.local_endpoint().port();
}

void Server::Run(int threads) {
    auto& impl = *impl_;
    impl.signals.async_wait([this](const boost::system::error_code& ec, int sig) {
        if (!ec) {
            spdlog::info("signal {}: stopping", sig);
            Stop();
        }
    });
    asio::co_spawn(impl.ioc, impl.Accept(), asio::detached);
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&impl] { impl.ioc.run(); });
    impl.ioc.run();
    for (auto& t : pool) t.join();
}

void Server::Stop() {
    asio::post(impl_->ioc, [impl = impl_.get()] {
        boost::system::error_code ignored;
        impl->acceptor.close(ignored);
        impl->signals.cancel(ignored);
        impl->ioc.stop();
    });
}

}  // namespace shiftdesk::http
