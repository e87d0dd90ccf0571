#include "http/static_files.hpp"

#include <sys/stat.h>

#include <array>
#include <fstream>
#include <sstream>

namespace shiftdesk::http {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
}};

std::string_view TypeOf(std::string_view file) {
    const auto dot = file.rfind('.');
    if (dot != std::string_view::npos) {
        for (const auto& [ext, type] : kTypes) {
            if (file.substr(dot) == ext) return type;
        }
    }
    return "application/octet-stream";
}

// No segment may climb out of the UI's directory or hide in a dotfile.
bool SafePath(std::string_view path) {
    if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return false;
    std::size_t at = 0;
    while (at < path.size()) {
        const auto end = std::min(path.find('/', at), path.size());
        const auto segment = path.substr(at, end - at);
        if (segment.starts_with('.')) return false;
        at = end + 1;
    }
    return true;
}

struct File {
    std::string body;
    std::string etag;
};

std::optional<File> Read(const std::string& full) {
    struct stat st {};
    if (::stat(full.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    std::ifstream in(full, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return File{ss.str(), "\"" + std::to_string(st.st_size) + "-" + std::to_string(st.st_mtim.tv_sec) + "." +
                              std::to_string(st.st_mtim.tv_nsec) + "\""};
}

Response Answer(const Request& req, std::string_view file, File f, bool immutable) {
    Response res{bhttp::status::ok, req.version()};
    res.keep_alive(req.keep_alive());
    res.set(bhttp::field::content_type, TypeOf(file));
    res.set(bhttp::field::etag, f.etag);
    // Vite fingerprints everything under assets/: a new build has new names, so these never go stale.
    res.set(bhttp::field::cache_control, immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (file.ends_with(".html")) {
        res.set("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
                "base-uri 'none'; frame-ancestors 'none'");
        res.set("Referrer-Policy", "same-origin");
    }
    if (req[bhttp::field::if_none_match] == f.etag) {
        res.result(bhttp::status::not_modified);
    } else {
        res.body() = std::move(f.body);
    }
    res.prepare_payload();
    return res;
}

}  // namespace

std::optional<Response> ServeStatic(const std::string& dir, const Request& req, std::string_view path) {
    if (dir.empty() || path.starts_with("/api/") || path == "/api") return std::nullopt;
    if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head) return std::nullopt;
    const std::string_view relative = path.substr(1);
    if (!SafePath(relative)) return ErrorResponse(req, NotFound("no such file"));
    if (!relative.empty()) {
        if (auto f = Read(dir + "/" + std::string(relative))) {
            return Answer(req, relative, std::move(*f), relative.starts_with("assets/"));
        }
        const auto last = relative.substr(relative.rfind('/') + 1);
        if (last.find('.') != std::string_view::npos) return ErrorResponse(req, NotFound("no such file"));
    }
    // A page of the app ("/", "/tickets/42"): the app itself, which routes in the browser.
    auto index = Read(dir + "/index.html");
    if (!index) return std::nullopt;  // the UI is not built: the API's own index page answers
    return Answer(req, "index.html", std::move(*index), false);
}

}  // namespace shiftdesk::http
