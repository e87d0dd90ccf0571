#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/core.hpp>
#include <chrono>
#include <thread>

#include "http/client_address.hpp"
#include "http/event_stream.hpp"

namespace shiftdesk::http {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
namespace {

constexpr auto kIdleTimeout = std::chrono::seconds(60);
constexpr std::size_t kHeaderLimit = 16 * 1024;

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

    asio::awaitable<void> Serve(tcp::socket socket) {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        beast::error_code peer_error;
        const auto peer = stream.socket().remote_endpoint(peer_error);
        const std::string client = peer_error ? std::string() : ClientAddress(peer.address());
        for (;;) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.body_limit(services.options.max_body);
            parser.header_limit(kHeaderLimit);
            stream.expires_after(kIdleTimeout);
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
            stream.expires_after(kIdleTimeout);
            auto [wec, written] = co_await bhttp::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
            if (wec || !res.keep_alive()) break;
        }
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    asio::awaitable<void> Accept() {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
            if (ec) {
                if (ec == asio::error::operation_aborted) co_return;
                spdlog::warn("accept: {}", ec.message());
                continue;
            }
            socket.set_option(tcp::no_delay(true));
            asio::co_spawn(ioc, Serve(std::move(socket)), asio::detached);
        }
    }

    Services& services;
    const Router& router;
    asio::io_context ioc;
    tcp::acceptor acceptor;
    asio::signal_set signals;
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
