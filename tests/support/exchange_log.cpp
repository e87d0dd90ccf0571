#include "support/exchange_log.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "support/http_client.hpp"

namespace shiftdesk::test {
namespace {

bool IsJson(std::string content_type) {
    content_type = content_type.substr(0, content_type.find(';'));
    for (auto& c : content_type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!content_type.empty() && content_type.back() == ' ') content_type.pop_back();
    return content_type == "application/json" ||
           (content_type.starts_with("application/") && content_type.ends_with("+json"));
}

std::string CurrentTest() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return info ? std::string(info->test_suite_name()) + "." + info->name() : "";
}

}  // namespace

void LogExchange(const std::string& method, const std::string& target, const HttpResponse& response) {
    const char* log_path = std::getenv("SHIFTDESK_API_EXCHANGES");
    if (log_path == nullptr || *log_path == '\0') return;

    const std::string content_type = response.header("content-type");
    boost::json::object line{{"method", method},
                             {"target", target},
                             {"status", response.status},
                             {"content_type", content_type},
                             {"body_bytes", response.body.size()},
                             {"test", CurrentTest()}};
    boost::json::array headers;
    for (const auto& [name, value] : response.headers) headers.push_back(boost::json::array{name, value});
    line["headers"] = std::move(headers);
    if (IsJson(content_type)) line["body"] = response.body;
    const std::string text = boost::json::serialize(line) + "\n";

    // One descriptor per write: opening is cheap next to an HTTP exchange, and nothing needs closing at exit.
    const int fd = ::open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        ADD_FAILURE() << "cannot open " << log_path << " (SHIFTDESK_API_EXCHANGES): " << std::strerror(errno);
        return;
    }
    const ssize_t written = ::write(fd, text.data(), text.size());
    const int write_errno = errno;
    ::close(fd);
    if (written != static_cast<ssize_t>(text.size())) {
        ADD_FAILURE() << "cannot append to " << log_path << " (SHIFTDESK_API_EXCHANGES): "
                      << (written < 0 ? std::strerror(write_errno) : "short write");
    }
}

}  // namespace shiftdesk::test
