#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "support/exchange_log.hpp"

namespace shiftdesk::test {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

HttpResponse ReadResponse(tcp::socket& socket) {
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(false);
    beast::error_code ec;
    http::read(socket, buffer, parser, ec);
    HttpResponse r;
    if (ec && !parser.is_header_done()) {
        r.status = 0;
        r.body = "connection error: " + ec.message();
        return r;
    }
    const auto& res = parser.get();
    r.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers.emplace(name, std::string(field.value()));
    }
    r.body = res.body();
    return r;
}

tcp::socket Connect(asio::io_context& ioc, int port, const std::string& source) {
    tcp::socket socket(ioc);
    if (!source.empty()) {
        socket.open(tcp::v4());
        socket.bind(tcp::endpoint(asio::ip::make_address(source), 0));
    }
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    return socket;
}

std::string Field(const boost::json::value& v, const char* name) {
    const auto* obj = v.if_object();
    if (!obj) return "";
    const auto* err = obj->if_contains("error");
    if (!err || !err->is_object()) return "";
    const auto* f = err->as_object().if_contains(name);
    return (f && f->is_string()) ? std::string(f->as_string()) : "";
}

// The method and target of a raw request's first line; both empty when it is not "METHOD TARGET HTTP/x".
std::pair<std::string, std::string> RequestLine(const std::string& bytes) {
    const std::string line = bytes.substr(0, bytes.find("\r\n"));
    const auto first = line.find(' ');
    const auto second = first == std::string::npos ? first : line.find(' ', first + 1);
    if (second == std::string::npos || line.find(' ', second + 1) != std::string::npos ||
        !line.substr(second + 1).starts_with("HTTP/")) {
        return {"", ""};
    }
    return {line.substr(0, first), line.substr(first + 1, second - first - 1)};
}

Headers Bearer(const std::string& token) {
    if (token.empty()) return {};
    return {{"Authorization", "Bearer " + token}};
}

}  // namespace

boost::json::value HttpResponse::json() const {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    return ec ? boost::json::value(nullptr) : v;
}

std::string HttpResponse::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
}

std::string HttpResponse::error_code() const { return Field(json(), "code"); }
std::string HttpResponse::rule() const { return Field(json(), "rule"); }
std::string HttpResponse::field() const { return Field(json(), "field"); }

HttpResponse HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                              const Headers& headers) const {
    asio::io_context ioc;
    auto socket = Connect(ioc, port_, source_);
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    req.keep_alive(false);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() && req[http::field::content_type].empty()) req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    beast::error_code ec;
    http::write(socket, req, ec);
    HttpResponse response = ReadResponse(socket);
    LogExchange(method, target, response);
    return response;
}

HttpResponse HttpClient::Raw(const std::string& bytes) const {
    asio::io_context ioc;
    auto socket = Connect(ioc, port_, source_);
    beast::error_code ec;
    asio::write(socket, asio::buffer(bytes), ec);
    HttpResponse response = ReadResponse(socket);
    const auto [method, target] = RequestLine(bytes);
    LogExchange(method, target, response);
    return response;
}

HttpResponse HttpClient::Get(const std::string& target, const std::string& token) const {
    return Send("GET", target, "", Bearer(token));
}

HttpResponse HttpClient::Post(const std::string& target, const std::string& token,
                              const boost::json::value& body) const {
    return Send("POST", target, boost::json::serialize(body), Bearer(token));
}

HttpResponse HttpClient::PostText(const std::string& target, const std::string& token, const std::string& body) const {
    return Send("POST", target, body, Bearer(token));
}

HttpResponse HttpClient::Patch(const std::string& target, const std::string& token,
                               const boost::json::value& body) const {
    return Send("PATCH", target, boost::json::serialize(body), Bearer(token));
}

HttpResponse HttpClient::Put(const std::string& target, const std::string& token,
                             const boost::json::value& body) const {
    return Send("PUT", target, boost::json::serialize(body), Bearer(token));
}

HttpResponse HttpClient::Delete(const std::string& target, const std::string& token) const {
    return Send("DELETE", target, "", Bearer(token));
}

}  // namespace shiftdesk::test
