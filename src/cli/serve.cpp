// `shiftdesk serve`: the one place that wires the real parts together — store, clock, desk, HTTP server.
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <boost/asio/thread_pool.hpp>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/modules.hpp"
#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "cli/policy_file.hpp"
#include "common/crypto.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "jobs/due_work_runner.hpp"
#include "jobs/mailbox_poller.hpp"
#include "jobs/outbox_dispatcher.hpp"

namespace shiftdesk::cli {

namespace {

// web/dist of the source tree the binary was built in (build/shiftdesk -> web/dist), else of the working
// directory; empty when neither holds a built UI (then "/" shows the API's index page).
std::string DefaultWebDir() {
    std::vector<std::filesystem::path> candidates;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) candidates.push_back(exe.parent_path().parent_path() / "web" / "dist");
    candidates.emplace_back("web/dist");
    for (const auto& dir : candidates) {
        if (std::filesystem::exists(dir / "index.html", ec)) return std::filesystem::absolute(dir, ec).string();
    }
    return {};
}

// Descriptors the desk keeps for itself beside its connections: the database's connections, its log, the mail and
// phone system's sessions, export files.
constexpr rlim_t kReservedFiles = 128;

// Raises the soft limit on open files to the hard limit (the soft default, often 1024, is a historical accident that
// a server holding many event streams outgrows), and returns the soft limit in force.
rlim_t RaiseFileLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        // RLIM_INFINITY is not a number the kernel takes for open files; its own ceiling is nr_open, often 2^20.
        raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? rlim_t{1} << 20 : limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    return limit.rlim_cur;
}

}  // namespace

void AddServeCommand(CLI::App& app, int& status) {
    struct Flags {
        std::string listen = "127.0.0.1:8080";
        std::string db;
        int threads = 0;
        bool no_access_log = false;
        bool test_clock = false;
        bool secure_cookies = false;
        bool no_response_cache = false;
        std::string policy_file;
        std::string log_level = "info";
        std::string web_dir;
        int max_connections = 0;
        std::string public_url;
    };
    auto flags = std::make_shared<Flags>();
    auto* cmd = app.add_subcommand("serve", "Run the desk's HTTP server");
    cmd->add_option("--listen", flags->listen, "host:port to listen on (port 0 picks a free one)");
    cmd->add_option("--db", flags->db, "SQLite database file (default: $SHIFTDESK_DB)");
    cmd->add_option("--threads", flags->threads, "I/O threads (default: one per core)");
    cmd->add_flag("--no-access-log", flags->no_access_log, "Do not log each request");
    cmd->add_flag("--secure-cookies", flags->secure_cookies,
                  "Mark session cookies Secure (when the desk is served over HTTPS, e.g. behind a proxy)");
    cmd->add_flag("--no-response-cache", flags->no_response_cache,
                  "Read every list from the database (the cache serves repeated bin and queue pages until the next "
                  "commit)");
    cmd->add_option("--policy,--config", flags->policy_file,
                    "The desk's config file: the team's policy, mail and phone system (TOML; see "
                    "docs/policy.example.toml)");
    cmd->add_option("--log-level", flags->log_level, "trace, debug, info, warn, error");
    cmd->add_option("--web-dir", flags->web_dir,
                    "The built web UI to serve at / (default: web/dist beside the build directory, if built)");
    cmd->add_option("--max-connections", flags->max_connections,
                    "Connections open at once; more are answered 503 (default: [server] max_connections, else what "
                    "the file limit allows, at most 10000)");
    cmd->add_option("--public-url", flags->public_url,
                    "The address people open the desk at, e.g. https://desk.example.org: cookie sessions are taken "
                    "only for it (default: [server] public_url)");
    cmd->add_flag("--test-clock", flags->test_clock,
                  "Tests only: the desk's time stands still until POST /api/v1/test/clock moves it");
    cmd->callback([flags, &status] {
        spdlog::set_level(spdlog::level::from_str(flags->log_level));
        auto db = OpenDatabase(flags->db);
        if (!db) {
            status = 1;
            return;
        }
        // A desk that cannot write would answer every command with an error: say so now, with the cause.
        if (auto writable = db->CheckWritable(); !writable) {
            std::cerr << "error: cannot write to the database " << DatabasePath(flags->db) << ": "
                      << writable.error().message << "\n"
                      << kNeedsToWrite;
            status = 1;
            return;
        }
        SystemClock system_clock;
        std::unique_ptr<ManualClock> test_clock;
        if (flags->test_clock) {
            test_clock = std::make_unique<ManualClock>(system_clock.Now());
            spdlog::warn("--test-clock: time moves only when told to; never use this in production");
        }
        const Clock& clock = test_clock ? static_cast<const Clock&>(*test_clock) : system_clock;
        const auto loaded = LoadDeskConfig(flags->policy_file);
        if (!loaded) {
            status = 1;
            return;
        }
        const DeskConfig& config = *loaded;
        app::DeskOptions desk_options = DeskOptionsFor(config);
        desk_options.test_hooks = flags->test_clock;
        app::Modules modules(*db, clock, desk_options);
        jobs::DueWorkRunner due_work(modules.due_work, modules.audit);
        // The hosted mailbox, when there is one: customers' mail read over IMAP into the desk.
        std::unique_ptr<jobs::MailboxPoller> mailbox_poller;
        if (!config.mail.imap.url.empty()) {
            mailbox_poller = std::make_unique<jobs::MailboxPoller>(
                modules.mail_in, config.mail.support_address.empty() ? config.mail.imap.url : config.mail.support_address,
                config.mail.imap, std::chrono::seconds(config.mail.imap_poll_seconds));
        }
        jobs::OutboxDrivers drivers;
        if (!config.mail.smtp.url.empty()) drivers.smtp = config.mail.smtp;
        drivers.envelope_from = config.mail.from;
        if (config.phone.driver == domain::PhoneDriverKind::kAsteriskAmi) {
            drivers.phone = std::make_unique<integrations::AsteriskAmiDriver>(config.phone.ami);
        }
        jobs::OutboxDispatcher outbox(modules.outbox, std::move(drivers));
        boost::asio::thread_pool cpu(std::max(1u, std::thread::hardware_concurrency() / 2));
        http::ServerOptions options;
        const rlim_t file_limit = RaiseFileLimit();
        const std::size_t allowed = file_limit > 2 * kReservedFiles ? file_limit - kReservedFiles : file_limit / 2;
        if (flags->max_connections > 0) {
            options.max_connections = static_cast<std::size_t>(flags->max_connections);
        } else if (config.server.max_connections) {
            options.max_connections = static_cast<std::size_t>(*config.server.max_connections);
        } else {
            options.max_connections = std::min<std::size_t>(allowed, 10000);
        }
        if (options.max_connections > allowed) {
            spdlog::warn("max_connections {} is more than the file limit ({}) leaves room for ({}): past that, new "
                         "connections wait until others close",
                         options.max_connections, file_limit, allowed);
        }
        options.idle_timeout_seconds = config.server.idle_timeout_seconds;
        options.public_url = flags->public_url.empty() ? config.server.public_url : flags->public_url;
        if (auto url = CheckPublicUrl(options.public_url); !options.public_url.empty() && !url) {
            std::cerr << "error: " << url.error().message << "\n";
            status = 1;
            return;
        }
        options.listen = flags->listen;
        options.access_log = !flags->no_access_log;
        options.secure_cookies = flags->secure_cookies;
        options.static_dir = flags->web_dir.empty() ? DefaultWebDir() : flags->web_dir;
        options.io_threads =
            flags->threads > 0 ? flags->threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        http::ResponseCache cache;
        http::Services services{.runner = modules.runner,
                                .audit = modules.audit,
                                .people = modules.people,
                                .tickets = modules.tickets,
                                .requests = modules.requests,
                                .sla = modules.sla,
                                .notifications = modules.notifications,
                                .calls = modules.calls,
                                .calendar = modules.calendar,
                                .training = modules.training,
                                .leaves = modules.leaves,
                                .handoff = modules.handoff,
                                .due_work = modules.due_work,
                                .clock = modules.clock(),
                                .settings = modules.settings(),
                                .cpu = cpu,
                                .options = options,
                                .test_clock = test_clock.get(),
                                .cache = flags->no_response_cache ? nullptr : &cache,
                                .instance = NewSecret("").substr(0, 12)};
        http::Router router(http::ApiRoutes(flags->test_clock));
        http::Server server(services, router);
        auto port = server.Listen(options.listen);
        if (!port) {
            std::cerr << "error: " << port.error().message << "\n";
            status = 1;
            return;
        }
        const auto host = options.listen.substr(0, options.listen.rfind(':'));
        // Tests and scripts read this line to learn the port.
        std::cout << "shiftdesk listening on http://" << host << ":" << *port << std::endl;
        server.Run(options.io_threads);
        outbox.Stop();
        due_work.Stop();
        if (mailbox_poller) mailbox_poller->Stop();
        cpu.join();
        db->Close();  // every acknowledged write is already durable; this finishes the ones in flight
        spdlog::info("stopped");
    });
}

void AddMigrateCommand(CLI::App& app, int& status) {
    auto db_flag = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("migrate", "Create or upgrade the database schema");
    cmd->add_option("--db", *db_flag, "SQLite database file (default: $SHIFTDESK_DB)");
    cmd->callback([db_flag, &status] {
        auto db = OpenDatabase(*db_flag);
        if (!db) {
            status = 1;
            return;
        }
        std::cout << "schema is up to date\n";
    });
}

}  // namespace shiftdesk::cli
