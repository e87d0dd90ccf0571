// A small blocking HTTP/1.1 client for the API tests: one connection per request, JSON helpers, raw bytes too.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

namespace shiftdesk::test {

struct HttpResponse {
    int status = 0;
    std::multimap<std::string, std::string> headers;  // lower-case names
    std::string body;

    boost::json::value json() const;
    std::string header(const std::string& name) const;  // "" when absent
    // error.code / error.rule / error.field of an error body ("" when absent)
    std::string error_code() const;
    std::string rule() const;
    std::string field() const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
 public:
    explicit HttpClient(int port, std::string source = "") : port_(port), source_(std::move(source)) {}

    // The same server, reached from another loopback address ("127.0.0.2"): another client, as the server sees it.
    HttpClient From(const std::string& source_address) const { return HttpClient(port_, source_address); }

    HttpResponse Send(const std::string& method, const std::string& target, const std::string& body = "",
                      const Headers& headers = {}) const;
    // Writes exactly these bytes and reads one response (for malformed requests).
    HttpResponse Raw(const std::string& bytes) const;

    // With "Authorization: Bearer <token>" when the token is not empty.
    HttpResponse Get(const std::string& target, const std::string& token) const;
    HttpResponse Post(const std::string& target, const std::string& token, const boost::json::value& body) const;
    HttpResponse PostText(const std::string& target, const std::string& token, const std::string& body) const;
    HttpResponse Patch(const std::string& target, const std::string& token, const boost::json::value& body) const;
    HttpResponse Put(const std::string& target, const std::string& token, const boost::json::value& body) const;
    HttpResponse Delete(const std::string& target, const std::string& token) const;

    int port() const { return port_; }

 private:
    int port_;
    std::string source_;  // the local address to connect from; empty: any
};

}  // namespace shiftdesk::test
