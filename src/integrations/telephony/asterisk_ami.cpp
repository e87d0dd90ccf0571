// The AMI driver: one TCP session per call on a private io_context, every step under a deadline, replies matched
// by ActionID. Thread-safe: each call owns its io_context and socket; the only shared state is an atomic counter.
#include "integrations/telephony/asterisk_ami.hpp"

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/result.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "common/text.hpp"

namespace shiftdesk::integrations {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;

// Asterisk's replies to these actions are a few hundred bytes; a peer sending more than this without a line end
// is not an AMI, and reading on would only grow the buffer.
constexpr std::size_t kMaxReplyBytes = 64 * 1024;
// Server text quoted in a detail is cut here: details go to the lead's screen and one log line.
constexpr std::size_t kMaxQuoted = 120;
constexpr std::size_t kMaxExtension = 64;
constexpr std::size_t kMaxTarget = 128;
constexpr std::string_view kBannerPrefix = "Asterisk Call Manager/";

// ActionIDs only come back on the connection that sent them; the process-wide counter makes them unique anyway,
// so a capture of several sessions or a proxy in between cannot mix them up.
std::atomic<std::uint64_t> next_action_id{1};

// A step of the session either yields its value or the final result of the whole call.
template <class T>
using Step = boost::system::result<T, DriverResult>;

DriverResult Retry(std::string detail) { return {DeliveryOutcome::kRetry, std::move(detail)}; }
DriverResult Permanent(std::string detail) { return {DeliveryOutcome::kPermanent, std::move(detail)}; }
DriverResult Done(std::string detail) { return {DeliveryOutcome::kDelivered, std::move(detail)}; }

bool IEquals(std::string_view a, std::string_view b) { return ToLowerAscii(a) == ToLowerAscii(b); }

std::string_view TrimSpaces(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Text from the peer, made safe for a detail: printable ASCII only, cut short, in quotes.
std::string Quoted(std::string_view s) {
    std::string out = "'";
    for (std::size_t i = 0; i < s.size() && i < kMaxQuoted; ++i) {
        const char c = s[i];
        out += c >= 0x20 && c < 0x7f ? c : '?';
    }
    if (s.size() > kMaxQuoted) out += "...";
    return out + "'";
}

// Dial-string characters. The value is written raw into the AMI packet and later expanded by the site's dialplan
// (Dial(Local/${DB(CF/1001)}@...)), where a line break would start a new AMI action and a comma, a space or
// ${...} would add arguments or functions of the sender's choosing.
bool IsDialChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '+' || c == '*' ||
           c == '#' || c == '_' || c == '.' || c == '-';
}

// Extensions are AstDB keys, so they also may not hold '/' (which would nest the key under another one).
std::optional<std::string> CheckExtension(std::string_view what, std::string_view s, std::size_t max) {
    if (s.empty()) return std::string(what) + " is empty";
    if (s.size() > max) return std::string(what) + " is longer than " + std::to_string(max) + " characters";
    for (char c : s) {
        if (!IsDialChar(c)) {
            return std::string(what) + " may only hold letters, digits and + * # _ . - (got " + Quoted(s) + ")";
        }
    }
    return std::nullopt;
}

// A target may also be a SIP-style "user@host" or "technology/resource".
std::optional<std::string> CheckTarget(std::string_view s) {
    if (s.empty()) return "the diversion target is empty";
    if (s.size() > kMaxTarget) {
        return "the diversion target is longer than " + std::to_string(kMaxTarget) + " characters";
    }
    for (char c : s) {
        if (!IsDialChar(c) && c != '@' && c != '/') {
            return "the diversion target may only hold letters, digits and + * # _ . - @ / (got " + Quoted(s) + ")";
        }
    }
    return std::nullopt;
}

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// Everything that cannot get better by trying again is refused before a connection is made, so a bad order never
// reaches the wire. Nothing here quotes the secret.
std::optional<DriverResult> CheckRequest(const AmiSettings& s, const DiversionOrder& order) {
    if (auto bad = CheckExtension("the extension", order.extension, kMaxExtension)) return Permanent(*bad);
    if (auto bad = CheckTarget(order.target)) return Permanent(*bad);
    if (auto bad = CheckExtension("the AstDB family", s.family, kMaxExtension)) return Permanent(*bad);
    if (s.host.empty() || HasLineBreak(s.host)) return Permanent("the AMI host is not set");
    if (s.port < 1 || s.port > 65535) return Permanent("the AMI port " + std::to_string(s.port) + " is out of range");
    if (s.timeout_ms < 1) return Permanent("the AMI timeout must be positive");
    if (s.username.empty() || HasLineBreak(s.username)) {
        return Permanent("the AMI username is empty or has a line break");
    }
    if (s.secret.empty() || HasLineBreak(s.secret)) return Permanent("the AMI secret is empty or has a line break");
    return std::nullopt;
}

// A detail must never carry the secret, even if a peer echoes it back in a message.
DriverResult Scrubbed(DriverResult r, const std::string& secret) {
    if (secret.empty()) return r;
    for (std::size_t at = r.detail.find(secret); at != std::string::npos; at = r.detail.find(secret, at + 3)) {
        r.detail.replace(at, secret.size(), "***");
    }
    return r;
}

// One AMI packet: "Key: Value" lines; keys are case-insensitive, so they are stored lower-cased.
struct Packet {
    std::map<std::string, std::string> fields;

    std::string Get(const std::string& lower_key) const {
        const auto it = fields.find(lower_key);
        return it == fields.end() ? std::string() : it->second;
    }
    bool Has(const std::string& lower_key) const { return fields.contains(lower_key); }
};

using Fields = std::vector<std::pair<std::string_view, std::string_view>>;

// getaddrinfo cannot be interrupted, and Asio's resolver joins its lookup thread when the io_context goes away, so
// a hanging DNS server would hold the call past its deadline. The lookup runs on a detached thread instead and the
// call stops waiting for it on the deadline; the thread finishes on its own and frees the shared state.
boost::system::result<std::vector<tcp::endpoint>> Resolve(const std::string& host, unsigned short port,
                                                          Clock::time_point deadline) {
    struct Lookup {
        std::mutex mutex;
        std::condition_variable finished;
        bool done = false;
        error_code ec;
        std::vector<tcp::endpoint> endpoints;
    };
    auto lookup = std::make_shared<Lookup>();
    std::thread([lookup, host, port] {
        asio::io_context io;
        tcp::resolver resolver(io);
        error_code ec;
        const auto results = resolver.resolve(host, std::to_string(port), ec);
        std::vector<tcp::endpoint> endpoints;
        if (!ec) {
            for (const auto& r : results) endpoints.push_back(r.endpoint());
        }
        const std::lock_guard lock(lookup->mutex);
        lookup->ec = ec;
        lookup->endpoints = std::move(endpoints);
        lookup->done = true;
        lookup->finished.notify_all();
    }).detach();
    std::unique_lock lock(lookup->mutex);
    if (!lookup->finished.wait_until(lock, deadline, [&] { return lookup->done; })) {
        return error_code(asio::error::timed_out);
    }
    if (lookup->ec) return lookup->ec;
    if (lookup->endpoints.empty()) return error_code(asio::error::host_not_found);
    return std::move(lookup->endpoints);
}

class AmiSession {
 public:
    explicit AmiSession(const AmiSettings& settings)
        : settings_(settings), timeout_(settings.timeout_ms), socket_(io_) {}
    ~AmiSession() { Close(); }
    AmiSession(const AmiSession&) = delete;
    AmiSession& operator=(const AmiSession&) = delete;

    // Resolves, connects and reads the banner.
    Step<void> Open() {
        const std::string where = settings_.host + ":" + std::to_string(settings_.port);
        const auto port = static_cast<unsigned short>(settings_.port);
        std::vector<tcp::endpoint> endpoints;
        error_code ec;
        const auto address = asio::ip::make_address(settings_.host, ec);
        if (!ec) {
            endpoints.emplace_back(address, port);
        } else {
            auto resolved = Resolve(settings_.host, port, Clock::now() + timeout_);
            if (!resolved) {
                return Retry("cannot resolve the AMI host " + Quoted(settings_.host) + ": " +
                             Describe(resolved.error()));
            }
            endpoints = std::move(*resolved);
        }
        ec = Run(Clock::now() + timeout_, [&](auto done) {
            asio::async_connect(socket_, endpoints, [done](error_code e, const tcp::endpoint&) { done(e); });
        });
        if (ec) {
            Close();
            return Retry("cannot connect to the AMI at " + where + ": " + Describe(ec));
        }
        open_ = true;

        auto banner = ReadLine(Clock::now() + timeout_);
        if (!banner) return Retry("no AMI banner from " + where + ": " + Describe(banner.error()));
        if (!banner->starts_with(kBannerPrefix)) {
            Close();
            return Permanent("not an AMI at " + where + ": it greeted with " + Quoted(*banner));
        }
        return {};
    }

    // Asterisk ends the session itself after a failed login, so only a successful one is logged off.
    Step<void> Login() {
        auto reply = Call("Login", {{"Username", settings_.username}, {"Secret", settings_.secret}, {"Events", "off"}});
        if (!reply) return reply.error();
        if (!IEquals(reply->Get("response"), "success")) {
            Close();
            return Permanent("the AMI refused the login as " + Quoted(settings_.username) + ": " +
                             Quoted(reply->Get("message")));
        }
        logged_in_ = true;
        return {};
    }

    // Sends one action and waits for the Response packet carrying its ActionID, skipping everything else.
    // With `events`, also collects the event list that belongs to the action (DBGet's results) up to its end.
    Step<Packet> Call(std::string_view action, const Fields& fields, std::vector<Packet>* events = nullptr) {
        const std::string id = "shiftdesk-" + std::to_string(next_action_id.fetch_add(1));
        std::string wire = "Action: " + std::string(action) + "\r\nActionID: " + id + "\r\n";
        for (const auto& [key, value] : fields) {
            // CheckRequest refused these already; a line break here would smuggle in a second action.
            if (HasLineBreak(key) || HasLineBreak(value)) {
                return Permanent("refusing to send a line break in the " + std::string(key) + " of " +
                                 std::string(action));
            }
            wire.append(key).append(": ").append(value).append("\r\n");
        }
        wire += "\r\n";

        if (const error_code ec = Write(wire, Clock::now() + timeout_)) {
            return Retry("cannot send " + std::string(action) + ": " + Describe(ec));
        }
        // One deadline for the reply and the events that complete it: a peer trickling unrelated events must
        // not keep the call waiting forever.
        const auto deadline = Clock::now() + timeout_;
        std::optional<Packet> response;
        bool legacy_list = false;
        while (true) {
            auto packet = ReadPacket(deadline);
            if (!packet) return Retry("no reply to " + std::string(action) + ": " + Describe(packet.error()));
            if (packet->Get("actionid") != id) continue;  // events of the session, or someone else's action
            if (!response) {
                if (!packet->Has("response")) continue;  // an event of ours does not come before the response
                response = std::move(*packet);
                if (!events || !IEquals(response->Get("response"), "success")) return *response;
                // Asterisk 11 answered DBGet with a plain ack and one DBGetResponse, without an event list.
                legacy_list = !IEquals(response->Get("eventlist"), "start");
                continue;
            }
            if (!packet->Has("event")) continue;
            if (IEquals(packet->Get("eventlist"), "complete")) return *response;
            events->push_back(std::move(*packet));
            if (legacy_list) return *response;
        }
    }

    // Best effort: the work is done or has failed already, so a missing Goodbye changes nothing.
    void Logoff() {
        if (open_ && logged_in_) (void)Call("Logoff", {});
        Close();
    }

 private:
    // Runs one asynchronous operation until it completes or the deadline passes. On the deadline the socket is
    // closed, so the operation ends (with operation_aborted) before the locals it refers to go away.
    template <class Start>
    error_code Run(Clock::time_point deadline, Start start) {
        bool finished = false;
        error_code result;
        start([&finished, &result](error_code ec) {
            finished = true;
            result = ec;
        });
        io_.restart();
        io_.run_until(deadline);
        if (finished) return result;
        Close();
        io_.restart();
        io_.run();
        return error_code(asio::error::timed_out);
    }

    void Close() {
        error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_both, ignored);
        socket_.close(ignored);
        open_ = false;
    }

    std::string Describe(const error_code& ec) const {
        if (ec == asio::error::timed_out) return "timed out after " + std::to_string(timeout_.count()) + " ms";
        if (ec == asio::error::eof) return "the AMI closed the connection";
        if (ec == asio::error::not_found) return "a line longer than " + std::to_string(kMaxReplyBytes) + " bytes";
        return ec.message();
    }

    error_code Write(const std::string& data, Clock::time_point deadline) {
        const error_code ec = Run(deadline, [&](auto done) {
            asio::async_write(socket_, asio::buffer(data), [done](error_code e, std::size_t) { done(e); });
        });
        if (ec) Close();
        return ec;
    }

    // The next line without its line end (AMI sends CRLF; a bare LF is accepted too).
    boost::system::result<std::string> ReadLine(Clock::time_point deadline) {
        std::size_t end = buffer_.find('\n');
        if (end == std::string::npos) {
            const error_code ec = Run(deadline, [&](auto done) {
                asio::async_read_until(socket_, asio::dynamic_buffer(buffer_, kMaxReplyBytes), '\n',
                                       [done](error_code e, std::size_t) { done(e); });
            });
            if (ec) {
                Close();
                return ec;
            }
            end = buffer_.find('\n');
        }
        std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
    }

    // The next packet: "Key: Value" lines up to an empty line. Empty lines between packets are skipped, and a
    // repeated key keeps its first value.
    boost::system::result<Packet> ReadPacket(Clock::time_point deadline) {
        Packet packet;
        while (true) {
            auto line = ReadLine(deadline);
            if (!line) return line.error();
            if (line->empty()) {
                if (packet.fields.empty()) continue;
                return packet;
            }
            const std::size_t colon = line->find(':');
            if (colon == std::string::npos) continue;
            packet.fields.emplace(ToLowerAscii(TrimSpaces(std::string_view(*line).substr(0, colon))),
                                  std::string(TrimSpaces(std::string_view(*line).substr(colon + 1))));
        }
    }

    const AmiSettings& settings_;
    const std::chrono::milliseconds timeout_;
    asio::io_context io_;
    tcp::socket socket_;
    std::string buffer_;  // read but not yet handed out as lines
    bool open_ = false;
    bool logged_in_ = false;
};

bool IsSuccess(const Packet& reply) { return IEquals(reply.Get("response"), "success"); }
bool IsNotFound(const Packet& reply) {
    return IEquals(reply.Get("response"), "error") && IEquals(reply.Get("message"), "Database entry not found");
}

// An error reply to a database action. Whether trying again can help depends on the message, Asterisk's only
// error code: a missing permission or action stays missing, while "Failed to update entry" is Asterisk failing to
// write astdb.sqlite3 (a full disk, a locked file), which can heal. Unknown messages are retried: the outbox keeps
// a retrying order visible, and a permanent failure for a passing problem would leave a phone unforwarded.
DriverResult Refused(std::string_view action, const Packet& reply, const std::string& username) {
    const std::string message = reply.Get("message");
    const std::string lower = ToLowerAscii(message);
    const std::string what =
        std::string(action) + " answered " + Quoted(reply.Get("response")) + ": " + Quoted(message);
    if (lower == "permission denied") {
        return Permanent(what + "; the AMI user " + Quoted(username) + " needs write=system in manager.conf");
    }
    if (lower == "authentication failed" || lower.starts_with("invalid/unknown command") ||
        lower.starts_with("no family specified") || lower.starts_with("no key specified")) {
        return Permanent(what);
    }
    return Retry(what);
}

// What AstDB holds for the extension: a value, "not set" (nullopt), or the failure that stopped the read.
struct Reading {
    std::optional<std::string> value;
    std::optional<DriverResult> failed;
};

Reading ReadForward(AmiSession& ami, const AmiSettings& s, const DiversionOrder& order) {
    const std::string path = s.family + "/" + order.extension;
    std::vector<Packet> results;
    auto get = ami.Call("DBGet", {{"Family", s.family}, {"Key", order.extension}}, &results);
    if (!get) return {std::nullopt, get.error()};
    if (IsNotFound(*get)) return {};
    if (!IsSuccess(*get)) return {std::nullopt, Refused("DBGet", *get, s.username)};
    for (const Packet& p : results) {
        if (!IEquals(p.Get("event"), "DBGetResponse")) continue;
        if (p.Has("key") && p.Get("key") != order.extension) continue;
        return {p.Get("val"), std::nullopt};
    }
    return {std::nullopt, Retry("DBGet of " + path + " returned no value")};
}

DriverResult PutAndReadBack(AmiSession& ami, const AmiSettings& s, const DiversionOrder& order) {
    const std::string path = s.family + "/" + order.extension;
    auto put = ami.Call("DBPut", {{"Family", s.family}, {"Key", order.extension}, {"Val", order.target}});
    if (!put) return put.error();
    if (!IsSuccess(*put)) return Refused("DBPut", *put, s.username);

    auto [value, failed] = ReadForward(ami, s, order);
    if (failed) return *failed;
    if (!value) return Retry("read back: " + path + " is not set right after DBPut");
    if (*value != order.target) {
        return Retry("read back: " + path + " holds " + Quoted(*value) + " instead of " + Quoted(order.target));
    }
    return Done(path + " forwards to " + order.target + " (read back)");
}

DriverResult Delete(AmiSession& ami, const AmiSettings& s, const DiversionOrder& order) {
    const std::string path = s.family + "/" + order.extension;
    // Only our own forward comes off: a later leave (or the engineer) may have set another since.
    auto [value, failed] = ReadForward(ami, s, order);
    if (failed) return *failed;
    if (!value) return Done(path + " was not set");
    if (*value != order.target) return Done(path + " forwards to " + Quoted(*value) + " now, not ours: left as it is");
    auto del = ami.Call("DBDel", {{"Family", s.family}, {"Key", order.extension}});
    if (!del) return del.error();
    if (IsSuccess(*del)) return Done(path + " cleared");
    if (IsNotFound(*del)) return Done(path + " was not set");
    return Refused("DBDel", *del, s.username);
}

// Checks the request, opens a session, logs in, runs `work` and logs off whatever happened.
template <class Work>
DriverResult InSession(const AmiSettings& settings, const DiversionOrder& order, Work work) {
    if (auto refused = CheckRequest(settings, order)) return Scrubbed(std::move(*refused), settings.secret);
    AmiSession ami(settings);
    DriverResult result = [&]() -> DriverResult {
        if (auto opened = ami.Open(); !opened) return opened.error();
        if (auto login = ami.Login(); !login) return login.error();
        return work(ami);
    }();
    ami.Logoff();
    return Scrubbed(std::move(result), settings.secret);
}

}  // namespace

DriverResult AsteriskAmiDriver::Apply(const DiversionOrder& order) {
    return InSession(settings_, order, [&](AmiSession& ami) { return PutAndReadBack(ami, settings_, order); });
}

DriverResult AsteriskAmiDriver::Remove(const DiversionOrder& order) {
    return InSession(settings_, order, [&](AmiSession& ami) { return Delete(ami, settings_, order); });
}

std::chrono::milliseconds AsteriskAmiDriver::LongestCall() const {
    // Each step has its own deadline: resolving, connecting and the banner, then four actions (Login, two of
    // DBPut/DBGet/DBDel, Logoff), each a write and a reply.
    constexpr int kDeadlines = 3 + 4 * 2;
    return std::chrono::milliseconds(std::int64_t{settings_.timeout_ms} * kDeadlines);
}

}  // namespace shiftdesk::integrations
