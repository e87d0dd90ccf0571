// `shiftdesk bench seed`: fills a fresh database with a large team's history (for bench/) — engineers with API
// tokens, customers and N tickets in a realistic mix of states — straight through SQL, in large transactions.
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "common/crypto.hpp"
#include "store/users.hpp"

namespace shiftdesk::cli {
namespace {

struct SeedFlags {
    std::string db;
    std::int64_t tickets = 1'000'000;
    int engineers = 100;
    int customers = 10'000;
    std::optional<std::int64_t> queue;  // exactly this many tickets new and unowned; else the mix's ~4%
    std::string tokens_out;
};

// Deterministic, so two runs seed the same database.
struct Lcg {
    std::uint64_t state = 0x2545F4914F6CDD1DULL;
    std::uint64_t Next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    }
};

const char* StatusFor(std::uint64_t roll) {
    if (roll < 60) return "closed";
    if (roll < 70) return "solved";
    if (roll < 85) return "open";
    if (roll < 92) return "pending";
    if (roll < 96) return "on_hold";
    return "new";
}

constexpr const char* kPriorities[] = {"low", "normal", "normal", "high", "urgent"};
constexpr const char* kChannels[] = {"email", "intercom", "phone", "web"};

int Seed(const SeedFlags& f) {
    if (f.queue && (*f.queue < 0 || *f.queue > f.tickets)) {
        std::cerr << "error: --queue must be 0 to --tickets\n";
        return 1;
    }
    auto db = OpenDatabase(f.db);
    if (!db) return 1;
    std::int64_t users = 0;
    (void)db->Read([&](store::Conn& c) -> Result<void> {
        users = SD_TRY(store::CountUsers(c));
        return {};
    });
    if (users != 0) {
        std::cerr << "error: bench seed needs an empty database\n";
        return 1;
    }
    const Millis now = SystemClock().Now();
    const std::string hash = HashPassword("bench-password");
    std::vector<std::string> tokens;
    std::vector<std::int64_t> engineer_ids;

    auto people = db->WriteAndWait([&](store::Conn& c) -> Result<void> {
        for (int i = 1; i <= f.engineers; ++i) {
            char login[32];
            std::snprintf(login, sizeof login, "eng%04d", i);
            const auto id =
                SD_TRY(c.Insert("INSERT INTO users (login, name, email, role, password_hash, active, created_at) "
                                "VALUES ($1, $2, $3, 'engineer', $4, 1, $5)",
                                {std::string(login), "Engineer " + std::to_string(i),
                                 std::string(login) + "@bench.example", hash, now}));
            engineer_ids.push_back(id);
            store::TokenRecord t;
            tokens.push_back(NewSecret("sdt_"));
            t.token_hash = Sha256Hex(tokens.back());
            t.user_id = engineer_ids.back();
            t.kind = "api";
            t.label = "bench";
            t.created_at = now;
            SD_CHECK(store::InsertToken(c, t));
        }
        for (int i = 1; i <= f.customers; ++i) {
            SD_CHECK(
                c.Execute("INSERT INTO customers (name, email, plan, critical, created_at, updated_at) "
                          "VALUES ($1, $2, $3, $4, $5, $5)",
                          {"Customer " + std::to_string(i), "c" + std::to_string(i) + "@customer.example",
                           std::string(i % 10 == 0 ? "enterprise" : "standard"), std::int64_t{i % 25 == 0}, now}));
        }
        return {};
    });
    if (!people) {
        std::cerr << "error: " << people.error().message << "\n";
        return 1;
    }

    // With --queue, ticket i is in the queue when it takes the queue past another multiple of the ticket count, so
    // the queue's tickets are spread evenly over the table (and over time), not bunched at one end.
    const auto in_queue = [&](std::int64_t i) {
        const std::int64_t n = *f.queue;
        return (i + 1) * n / f.tickets > i * n / f.tickets;
    };

    Lcg rng;
    constexpr std::int64_t kBatch = 50'000;
    for (std::int64_t done = 0; done < f.tickets;) {
        const std::int64_t n = std::min(kBatch, f.tickets - done);
        auto batch = db->WriteAndWait([&](store::Conn& c) -> Result<void> {
            for (std::int64_t i = 0; i < n; ++i) {
                const std::uint64_t roll = rng.Next();
                // Rolls 96-99 are "new": with --queue, the others are drawn from the owned states alone.
                const std::string status = !f.queue             ? StatusFor(roll % 100)
                                           : in_queue(done + i) ? "new"
                                                                : StatusFor(roll % 96);
                const bool owned = status != "new";
                const bool worked = owned && status != "closed";
                const Millis created = now - static_cast<Millis>(rng.Next() % (365 * 24)) * kHour;
                const Millis due = now + (static_cast<Millis>(rng.Next() % (14 * 24 * 60)) - 7 * 24 * 60) * kMinute;
                SD_CHECK(c.Execute(
                    "INSERT INTO tickets (subject, description, status, priority, channel, customer_id, owner_id, "
                    "due_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
                    {"Bench ticket " + std::to_string(done + i + 1), std::string("Seeded for the benchmark."), status,
                     std::string(kPriorities[rng.Next() % 5]), std::string(kChannels[rng.Next() % 4]),
                     static_cast<std::int64_t>(rng.Next() % static_cast<std::uint64_t>(f.customers)) + 1,
                     owned ? store::Value{engineer_ids[rng.Next() % engineer_ids.size()]} : store::Value{nullptr},
                     worked ? store::Value{due} : store::Value{nullptr}, created}));
            }
            return {};
        });
        if (!batch) {
            std::cerr << "error: " << batch.error().message << "\n";
            return 1;
        }
        done += n;
        std::cerr << "\rseeded " << done << " tickets" << std::flush;
    }
    std::cerr << "\n";
    (void)db->WriteAndWait([](store::Conn& c) -> Result<void> {
        SD_CHECK(c.ExecScript("ANALYZE"));
        return {};
    });
    db->Close();
    if (!f.tokens_out.empty()) {
        std::ofstream out(f.tokens_out);
        for (const auto& t : tokens) out << t << "\n";
    }
    std::cout << "seeded " << f.engineers << " engineers, " << f.customers << " customers, " << f.tickets
              << " tickets\n";
    return 0;
}

}  // namespace

void AddBenchCommands(CLI::App& app, int& status) {
    auto* bench = app.add_subcommand("bench", "Benchmark helpers");
    bench->require_subcommand(1);
    auto flags = std::make_shared<SeedFlags>();
    auto* seed = bench->add_subcommand("seed", "Fill an empty database with a large team's tickets");
    seed->add_option("--db", flags->db, "SQLite database file (default: $SHIFTDESK_DB)");
    seed->add_option("--tickets", flags->tickets, "How many tickets (default 1,000,000)");
    seed->add_option("--engineers", flags->engineers, "How many engineers, each with an API token (default 100)");
    seed->add_option("--customers", flags->customers, "How many customers (default 10,000)");
    seed->add_option("--queue", flags->queue,
                     "How many tickets wait in the queue, new and unowned (default: about 4% of --tickets)");
    seed->add_option("--tokens-out", flags->tokens_out, "Write the engineers' API tokens here, one per line");
    seed->callback([flags, &status] { status = Seed(*flags); });
}

}  // namespace shiftdesk::cli
