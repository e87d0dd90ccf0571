// The HTTP/1.1 server (Boost.Beast, C++20 coroutines): keep-alive connections, body limits, access log, and a
// graceful stop on SIGINT/SIGTERM. Run() blocks; Stop() may be called from any thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>

#include "http/router.hpp"

namespace shiftdesk::http {

class Server {
 public:
    Server(Services& services, const Router& router);
    ~Server();

    // Binds "host:port" (port 0 picks a free one); returns the bound port.
    Result<std::uint16_t> Listen(const std::string& host_port);
    // Serves on `threads` I/O threads until Stop() or a signal.
    void Run(int threads);
    void Stop();

 private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace shiftdesk::http
