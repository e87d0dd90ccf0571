// shiftdesk_load: a closed-loop HTTP/1.1 load driver for the shiftdesk benchmark (see bench/README.md).
//
// N keep-alive connections; each sends its next request as soon as the previous answer has arrived. After a
// warm-up that is not measured, every request that finishes inside the measured window is counted, and the
// latency (steady_clock, from just before the write to the end of the read) of every 2xx answer is recorded.
// Anything else — a non-2xx answer, a refused or dropped connection, a timeout — is an error, counted and
// described on stderr. Output: one `key=value` line per run on stdout (or one JSON object with --json).
//
// Exit status: 0 when every request succeeded, 2 when there were errors (the figures are still printed),
// 1 when the run could not start (bad flags, no tokens, server not listening).
#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/src.hpp>  // header-only Boost.JSON: only to check the first page of each connection
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "flags.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr std::string_view kUsage =
    "usage: shiftdesk_load --port PORT --tokens FILE --scenario create|bin|bin-fresh|queue|queue-fresh|health "
    "[options]\n"
    "  --host ADDR          server address (default 127.0.0.1)\n"
    "  --port PORT          server port (required)\n"
    "  --scenario NAME      create: POST /api/v1/tickets; bin: GET /api/v1/tickets?owner=me&status=open&limit=50;\n"
    "                       bin-fresh: the bin with Cache-Control: no-cache, so every page is read from the database;\n"
    "                       queue: GET /api/v1/tickets?queue=unassigned&limit=50, the first page of the queue;\n"
    "                       queue-fresh: the queue with Cache-Control: no-cache;\n"
    "                       health: GET /api/v1/health (no database, no sign-in: what HTTP alone costs)\n"
    "  --tokens FILE        bearer API tokens, one per line; connection i uses token i % count\n"
    "  --connections N      concurrent keep-alive connections (default 64)\n"
    "  --duration SECONDS   measured time (default 10)\n"
    "  --warmup SECONDS     unmeasured time before it (default 2)\n"
    "  --threads N          driver threads, each with its own share of the connections (default 1)\n"
    "  --timeout SECONDS    a request not answered by then is an error (default 10)\n"
    "  --limit N            page size of the bin and queue scenarios (default 50)\n"
    "  --json               print one JSON object instead of the key=value line\n";

struct Options {
    std::string host = "127.0.0.1";
    int port = 0;
    std::string scenario;
    bool fresh = false;  // ask for pages read from the database, not the server's response cache
    std::string label;   // the scenario as named on the command line, for the report
    std::string tokens_file;
    int connections = 64;
    double duration = 10;
    double warmup = 2;
    int threads = 1;
    double timeout = 10;
    int limit = 50;
    bool json = false;
};

[[noreturn]] void Usage(const std::string& why) {
    std::cerr << "shiftdesk_load: " << why << "\n" << kUsage;
    std::exit(1);
}

Options ParseArgs(int argc, char** argv) {
    Options o;
    shiftdesk::bench::FlagReader flags(argc, argv, Usage);
    while (flags.Next()) {
        const std::string& arg = flags.name();
        if (arg == "--json") {
            o.json = true;
            continue;
        }
        if (arg == "-h" || arg == "--help") {
            std::cout << kUsage;
            std::exit(0);
        }
        if (arg == "--host")
            o.host = flags.Value();
        else if (arg == "--port")
            o.port = flags.Number<int>();
        else if (arg == "--scenario")
            o.scenario = flags.Value();
        else if (arg == "--tokens")
            o.tokens_file = flags.Value();
        else if (arg == "--connections")
            o.connections = flags.Number<int>();
        else if (arg == "--duration")
            o.duration = flags.Number<double>();
        else if (arg == "--warmup")
            o.warmup = flags.Number<double>();
        else if (arg == "--threads")
            o.threads = flags.Number<int>();
        else if (arg == "--timeout")
            o.timeout = flags.Number<double>();
        else if (arg == "--limit")
            o.limit = flags.Number<int>();
        else
            Usage("unknown flag " + arg);
    }
    if (o.port <= 0 || o.port > 65535) Usage("--port must be 1 to 65535");
    o.label = o.scenario;
    if (o.scenario.ends_with("-fresh")) {
        o.scenario.resize(o.scenario.size() - 6);
        o.fresh = true;
    }
    if (o.scenario != "create" && o.scenario != "bin" && o.scenario != "queue" && o.scenario != "health") {
        Usage("--scenario must be create, bin, bin-fresh, queue, queue-fresh or health");
    }
    if (o.fresh && o.scenario != "bin" && o.scenario != "queue") Usage("only bin and queue have a -fresh variant");
    if (o.tokens_file.empty()) Usage("--tokens is required");
    if (o.connections < 1) Usage("--connections must be at least 1");
    if (o.duration <= 0 || o.warmup < 0 || o.timeout <= 0) Usage("--duration and --timeout must be > 0, --warmup >= 0");
    if (o.threads < 1) Usage("--threads must be at least 1");
    o.threads = std::min(o.threads, o.connections);
    if (o.limit < 1) Usage("--limit must be at least 1");
    return o;
}

std::vector<std::string> ReadTokens(const std::string& path) {
    std::ifstream in(path);
    if (!in) Usage("cannot read tokens file " + path);
    std::vector<std::string> tokens;
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (!line.empty()) tokens.push_back(line);
    }
    if (tokens.empty()) Usage("no tokens in " + path);
    return tokens;
}

// The measured window, shared read-only by every thread.
struct Window {
    Clock::time_point start;    // warm-up begins
    Clock::time_point measure;  // measured window begins
    Clock::time_point end;      // no request is sent after this
    Clock::time_point cutoff;   // requests still unanswered then are abandoned as unfinished
};

enum class Phase { kWarmup, kMeasured, kAfter };

Phase PhaseAt(const Window& w, Clock::time_point t) {
    if (t < w.measure) return Phase::kWarmup;
    if (t < w.end) return Phase::kMeasured;
    return Phase::kAfter;
}

// One connection's figures; merged once every thread is done, so nothing here is shared.
struct Stats {
    std::vector<std::int64_t> latency_ns;  // measured 2xx answers
    std::uint64_t errors = 0;              // measured failures of any kind
    std::uint64_t warmup_errors = 0;
    std::uint64_t late_errors = 0;  // failed after the window, having started outside it
    std::uint64_t unfinished = 0;   // still waiting for an answer at the cutoff (also counted in errors)
    std::uint64_t response_bytes = 0;
    std::uint64_t answered = 0;  // every request answered (any status), warm-up included: to relate to server CPU
    std::uint64_t reconnects = 0;
    std::map<std::string, std::uint64_t> error_kinds;  // what went wrong, all phases
    std::optional<std::size_t> first_page_rows;        // bin and queue: rows in the first answer
    std::string first_error_body;                      // a sample of a non-2xx answer
};

// Errors are never silent: every kind is counted and the first few are described on stderr at once.
std::atomic<int> g_error_reports{0};
std::mutex g_stderr_mu;

void Report(const std::string& what) {
    if (g_error_reports.fetch_add(1) < 5) {
        std::lock_guard lock(g_stderr_mu);
        std::cerr << "shiftdesk_load: error: " << what << "\n";
    }
}

struct Connection {
    Connection(asio::io_context& ioc, int index, std::string token)
        : stream(ioc), index(index), token(std::move(token)) {}

    beast::tcp_stream stream;
    int index;
    std::string token;
    bool connected = false;
    bool running = false;       // spawned, and Drive has not returned yet
    bool busy = false;          // a request is in flight
    bool abandoned = false;     // closed at the cutoff
    Clock::time_point started;  // of the request in flight
    Stats stats;
};

struct Target {
    tcp::endpoint endpoint;
    std::string host_header;
    const Options* options;
    const Window* window;
};

std::string CreateBody(int connection, std::uint64_t n) {
    std::string body = R"({"subject":"Load ticket )" + std::to_string(connection) + "-" + std::to_string(n) +
                       R"(","description":"The export button does nothing since this morning.",)"
                       R"("priority":"normal","channel":"email",)"
                       R"("customer":{"name":"Jo Park","email":"jo@acme.example","plan":"standard","critical":false}})";
    return body;
}

// A failure counts as measured when the request started or ended inside the window, so a stall that begins in the
// window and ends in a timeout after it is not lost.
Phase FailurePhase(const Window& w, Clock::time_point started, Clock::time_point finished) {
    if (PhaseAt(w, started) == Phase::kMeasured) return Phase::kMeasured;
    return PhaseAt(w, finished);
}

void Fail(Connection& c, Phase phase, const std::string& kind) {
    switch (phase) {
        case Phase::kWarmup:
            ++c.stats.warmup_errors;
            break;
        case Phase::kMeasured:
            ++c.stats.errors;
            break;
        case Phase::kAfter:
            ++c.stats.late_errors;
            break;
    }
    ++c.stats.error_kinds[kind];
}

// The closed loop of one connection. Takes plain pointers: g++ 12 mishandles some by-value coroutine parameters.
asio::awaitable<void> Drive(Connection* c, const Target* target) {
    const Options& o = *target->options;
    const Window& w = *target->window;
    const auto timeout = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.timeout));
    const std::string list_target = (o.scenario == "queue" ? "/api/v1/tickets?queue=unassigned&limit="
                                                           : "/api/v1/tickets?owner=me&status=open&limit=") +
                                    std::to_string(o.limit);
    const std::string authorization = "Bearer " + c->token;
    beast::flat_buffer buffer;
    buffer.reserve(256 * 1024);  // room for a whole page: one read per response, not a dozen small ones
    std::uint64_t sent = 0;

    while (Clock::now() < w.end) {
        if (!c->connected) {
            c->stream.close();
            c->stream.expires_after(timeout);
            const auto connect_started = Clock::now();
            auto [ec] = co_await c->stream.async_connect(target->endpoint, asio::as_tuple(asio::use_awaitable));
            if (c->abandoned) break;
            if (ec) {
                Fail(*c, FailurePhase(w, connect_started, Clock::now()), "connect: " + ec.message());
                Report("connection " + std::to_string(c->index) + ": connect: " + ec.message());
                asio::steady_timer pause(c->stream.get_executor(), 100ms);  // do not spin on a refusing server
                co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
                continue;
            }
            c->stream.socket().set_option(tcp::no_delay(true));
            c->connected = true;
            ++c->stats.reconnects;
            buffer.clear();
        }

        http::request<http::string_body> req;
        req.version(11);
        req.set(http::field::host, target->host_header);
        req.set(http::field::authorization, authorization);
        req.set(http::field::user_agent, "shiftdesk_load");
        if (o.scenario == "create") {
            req.method(http::verb::post);
            req.target("/api/v1/tickets");
            req.set(http::field::content_type, "application/json");
            req.body() = CreateBody(c->index, sent);
        } else if (o.scenario == "bin" || o.scenario == "queue") {
            req.method(http::verb::get);
            req.target(list_target);
            if (o.fresh) req.set(http::field::cache_control, "no-cache");
        } else {
            req.method(http::verb::get);
            req.target("/api/v1/health");
        }
        req.keep_alive(true);
        req.prepare_payload();
        ++sent;

        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        c->busy = true;
        const auto started = Clock::now();
        c->started = started;
        c->stream.expires_after(timeout);
        auto [wec, written] = co_await http::async_write(c->stream, req, asio::as_tuple(asio::use_awaitable));
        beast::error_code rec = wec;
        if (!wec) {
            std::tie(rec, std::ignore) =
                co_await http::async_read(c->stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
        }
        const auto finished = Clock::now();
        c->busy = false;
        (void)written;
        if (c->abandoned) break;  // the cutoff closed the socket under us: counted as unfinished
        const Phase phase = FailurePhase(w, started, finished);  // for a success, only `finished` matters

        if (rec) {
            const std::string what = std::string(wec ? "write: " : "read: ") + rec.message();
            Fail(*c, phase, what);
            Report("connection " + std::to_string(c->index) + ": " + what);
            c->connected = false;
            continue;
        }
        const auto& res = parser.get();
        const unsigned status = res.result_int();
        ++c->stats.answered;
        if (status / 100 != 2) {
            Fail(*c, phase, "HTTP " + std::to_string(status));
            if (c->stats.first_error_body.empty()) c->stats.first_error_body = res.body().substr(0, 300);
            Report("connection " + std::to_string(c->index) + ": HTTP " + std::to_string(status) + ": " +
                   res.body().substr(0, 300));
        } else {
            if ((o.scenario == "bin" || o.scenario == "queue") && !c->stats.first_page_rows) {
                // Check once per connection that the list really is a page of tickets, not an empty answer.
                boost::system::error_code jec;
                const auto doc = boost::json::parse(res.body(), jec);
                const auto* obj = jec ? nullptr : doc.if_object();
                const auto* tickets = obj ? obj->if_contains("tickets") : nullptr;
                c->stats.first_page_rows = tickets && tickets->is_array() ? tickets->as_array().size() : 0;
            }
            if (PhaseAt(w, finished) == Phase::kMeasured) {
                c->stats.latency_ns.push_back(
                    std::chrono::duration_cast<std::chrono::nanoseconds>(finished - started).count());
                c->stats.response_bytes += res.body().size();
            }
        }
        if (!res.keep_alive()) c->connected = false;  // the server closed it: open another, and count that
    }
    if (c->connected) {
        beast::error_code ignored;
        c->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        c->stream.close();
    }
    c->running = false;
}

// One driver thread: its connections, and a timer that abandons whatever is still unanswered at the cutoff.
void RunThread(asio::io_context& ioc, const std::vector<Connection*>& conns, const Target& target) {
    for (Connection* c : conns) {
        c->running = true;
        asio::co_spawn(ioc, Drive(c, &target), asio::detached);
    }
    asio::steady_timer cutoff(ioc, target.window->cutoff);
    cutoff.async_wait([&conns, &target](const boost::system::error_code& ec) {
        if (ec) return;
        for (Connection* c : conns) {
            if (!c->running) continue;
            c->abandoned = true;
            if (c->busy) {
                ++c->stats.unfinished;
                Fail(*c, FailurePhase(*target.window, c->started, Clock::now()), "no answer by the cutoff");
            }
            c->stream.close();
        }
    });
    // Every Drive ends by itself once the window is over and its last answer is in; the pending cutoff timer
    // keeps run_one() from running out of work until then.
    const auto running = [&] {
        return std::any_of(conns.begin(), conns.end(), [](Connection* c) { return c->running; });
    };
    while (running()) ioc.run_one();
    cutoff.cancel();
    ioc.restart();
    ioc.poll();
}

double Ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

std::int64_t Percentile(const std::vector<std::int64_t>& sorted, double p) {
    if (sorted.empty()) return 0;
    // Nearest rank: the smallest value with at least p% of the samples at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = ParseArgs(argc, argv);
    const auto tokens = ReadTokens(o.tokens_file);

    boost::system::error_code ec;
    const auto address = asio::ip::make_address(o.host, ec);
    if (ec) Usage("--host must be an IP address, not '" + o.host + "'");
    Target target;
    target.endpoint = tcp::endpoint(address, static_cast<std::uint16_t>(o.port));
    target.host_header = o.host + ":" + std::to_string(o.port);
    target.options = &o;

    // Connect everything before the clock starts, so the warm-up measures requests, not handshakes.
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    for (int t = 0; t < o.threads; ++t) contexts.push_back(std::make_unique<asio::io_context>(1));
    std::vector<std::unique_ptr<Connection>> conns;
    for (int i = 0; i < o.connections; ++i) {
        auto c = std::make_unique<Connection>(*contexts[static_cast<std::size_t>(i % o.threads)], i,
                                              tokens[static_cast<std::size_t>(i) % tokens.size()]);
        c->stream.socket().connect(target.endpoint, ec);
        if (ec) {
            std::cerr << "shiftdesk_load: cannot connect to " << target.host_header << ": " << ec.message() << "\n";
            return 1;
        }
        c->stream.socket().set_option(tcp::no_delay(true));
        c->connected = true;
        conns.push_back(std::move(c));
    }

    const auto seconds = [](double s) {
        return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
    };
    Window w;
    w.start = Clock::now();
    w.measure = w.start + seconds(o.warmup);
    w.end = w.measure + seconds(o.duration);
    w.cutoff = w.end + std::min(seconds(o.timeout), seconds(5));
    target.window = &w;

    std::vector<std::thread> threads;
    for (int t = 0; t < o.threads; ++t) {
        std::vector<Connection*> mine;
        for (int i = t; i < o.connections; i += o.threads) mine.push_back(conns[static_cast<std::size_t>(i)].get());
        threads.emplace_back([&, t, mine] { RunThread(*contexts[static_cast<std::size_t>(t)], mine, target); });
    }
    for (auto& t : threads) t.join();

    // Merge.
    Stats all;
    std::size_t min_rows = SIZE_MAX;
    std::uint64_t reconnects = 0;
    std::string error_sample;
    for (const auto& c : conns) {
        const Stats& s = c->stats;
        all.latency_ns.insert(all.latency_ns.end(), s.latency_ns.begin(), s.latency_ns.end());
        all.errors += s.errors;
        all.warmup_errors += s.warmup_errors;
        all.late_errors += s.late_errors;
        all.unfinished += s.unfinished;
        all.response_bytes += s.response_bytes;
        all.answered += s.answered;
        reconnects += s.reconnects;
        for (const auto& [k, n] : s.error_kinds) all.error_kinds[k] += n;
        if (s.first_page_rows) min_rows = std::min(min_rows, *s.first_page_rows);
        if (error_sample.empty()) error_sample = s.first_error_body;
    }
    std::sort(all.latency_ns.begin(), all.latency_ns.end());
    const std::uint64_t ok = all.latency_ns.size();
    const std::uint64_t requests = ok + all.errors;
    const double rps = static_cast<double>(ok) / o.duration;
    double mean_ns = 0;
    for (auto ns : all.latency_ns) mean_ns += static_cast<double>(ns);
    if (ok) mean_ns /= static_cast<double>(ok);
    const bool lists = o.scenario == "bin" || o.scenario == "queue";
    const bool bad_page = lists && min_rows != SIZE_MAX && min_rows < static_cast<std::size_t>(o.limit);

    char line[1024];
    std::snprintf(line, sizeof line,
                  "\"scenario\":\"%s\",\"connections\":%d,\"threads\":%d,\"duration_s\":%.1f,\"requests\":%llu,"
                  "\"ok\":%llu,\"errors\":%llu,\"warmup_errors\":%llu,\"late_errors\":%llu,\"unfinished\":%llu,"
                  "\"answered_all_phases\":%llu,\"reconnects\":%llu,\"rps\":%.1f,\"mean_ms\":%.3f,\"p50_ms\":%.3f,"
                  "\"p90_ms\":%.3f,"
                  "\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,\"avg_response_bytes\":%.0f",
                  o.label.c_str(), o.connections, o.threads, o.duration, static_cast<unsigned long long>(requests),
                  static_cast<unsigned long long>(ok), static_cast<unsigned long long>(all.errors),
                  static_cast<unsigned long long>(all.warmup_errors), static_cast<unsigned long long>(all.late_errors),
                  static_cast<unsigned long long>(all.unfinished), static_cast<unsigned long long>(all.answered),
                  static_cast<unsigned long long>(reconnects), rps, mean_ns / 1e6, Ms(Percentile(all.latency_ns, 50)),
                  Ms(Percentile(all.latency_ns, 90)), Ms(Percentile(all.latency_ns, 99)),
                  Ms(Percentile(all.latency_ns, 99.9)), Ms(all.latency_ns.empty() ? 0 : all.latency_ns.back()),
                  ok ? static_cast<double>(all.response_bytes) / static_cast<double>(ok) : 0.0);
    std::string fields = line;
    if (lists) fields += ",\"first_page_rows\":" + std::to_string(min_rows == SIZE_MAX ? 0 : min_rows);

    if (o.json) {
        boost::json::object kinds;
        for (const auto& [k, n] : all.error_kinds) kinds[k] = n;
        std::cout << "{" << fields << ",\"error_kinds\":" << boost::json::serialize(kinds) << "}\n";
    } else {
        // The same fields as key=value: "scenario":"bin" -> scenario=bin.
        std::string kv;
        for (char ch : fields) {
            if (ch == '"') continue;
            kv += ch == ':' ? '=' : ch == ',' ? ' ' : ch;
        }
        std::cout << kv << "\n";
    }
    for (const auto& [k, n] : all.error_kinds) std::cerr << "shiftdesk_load: " << n << " x " << k << "\n";
    if (!error_sample.empty()) std::cerr << "shiftdesk_load: a non-2xx answer: " << error_sample << "\n";
    if (bad_page) {
        std::cerr << "shiftdesk_load: error: a " << o.scenario << " page had only " << min_rows << " rows, expected "
                  << o.limit << " (is the database seeded?)\n";
    }
    const bool failed = all.errors || all.warmup_errors || all.late_errors || all.unfinished || bad_page || ok == 0;
    return failed ? 2 : 0;
}
