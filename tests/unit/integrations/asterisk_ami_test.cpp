// The AMI call-forward driver (R13) against tests/fakes/fake_ami.py, a peer speaking AMI over TCP: what goes on
// the wire (from the peer's journal), what the AstDB holds afterwards (its --db file), and how failures map.
#include "integrations/telephony/asterisk_ami.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/peer_process.hpp"
#include "support/temp_dir.hpp"

namespace shiftdesk::integrations {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;
using Object = std::map<std::string, std::string>;

constexpr const char* kSecret = "s3cret";
const DiversionOrder kOrder{.extension = "1001", .target = "015112345678"};

// The journal lines and the --db file are flat JSON objects of strings, as Python's json.dumps writes them.
Object ParseFlatObject(const std::string& text) {
    Object out;
    std::size_t i = 0;
    const auto skip = [&] {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == ',' || text[i] == ':')) ++i;
    };
    const auto string = [&]() -> std::string {
        std::string s;
        if (i >= text.size() || text[i] != '"') {
            ADD_FAILURE() << "not a flat object of strings: " << text;
            i = text.size();
            return s;
        }
        for (++i; i < text.size() && text[i] != '"'; ++i) {
            if (text[i] != '\\' || i + 1 >= text.size()) {
                s += text[i];
                continue;
            }
            const char e = text[++i];
            if (e == 'n') {
                s += '\n';
            } else if (e == 'r') {
                s += '\r';
            } else if (e == 't') {
                s += '\t';
            } else if (e == 'u' && i + 4 < text.size()) {
                const long code = std::stol(text.substr(i + 1, 4), nullptr, 16);
                s += code < 0x80 ? static_cast<char>(code) : '?';
                i += 4;
            } else {
                s += e;
            }
        }
        ++i;
        return s;
    };
    if (text.empty() || text[0] != '{') return out;
    ++i;
    while (true) {
        skip();
        if (i >= text.size() || text[i] == '}') break;
        std::string key = string();
        skip();
        out[key] = string();
    }
    return out;
}

std::vector<Object> Journal(const std::string& path) {
    std::vector<Object> out;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) out.push_back(ParseFlatObject(line));
    }
    return out;
}

std::vector<std::string> Actions(const std::vector<Object>& journal) {
    std::vector<std::string> out;
    for (const Object& o : journal) out.push_back(o.count("action") ? o.at("action") : "<none>");
    return out;
}

Object AstDb(const std::string& path) {
    std::ifstream in(path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return ParseFlatObject(text);
}

std::string OutcomeName(DeliveryOutcome o) {
    switch (o) {
        case DeliveryOutcome::kDelivered:
            return "kDelivered";
        case DeliveryOutcome::kRetry:
            return "kRetry";
        case DeliveryOutcome::kPermanent:
            return "kPermanent";
        case DeliveryOutcome::kInterrupted:
            return "kInterrupted";
    }
    return "?";
}

// Every result of every test goes through here, so each scenario also checks that the secret stays out.
void ExpectOutcome(const DriverResult& r, DeliveryOutcome expected, const std::string& secret = kSecret) {
    EXPECT_EQ(OutcomeName(r.outcome), OutcomeName(expected)) << r.detail;
    EXPECT_FALSE(r.detail.empty());
    EXPECT_EQ(r.detail.find(secret), std::string::npos) << "the secret leaked into: " << r.detail;
}

// A peer with a journal and an AstDB file in its own directory; `extra` adds fake_ami.py options.
struct Pbx {
    explicit Pbx(std::vector<std::string> extra = {})
        : journal(dir.File("journal.jsonl")), db(dir.File("astdb.json")), peer(Args(extra)) {}

    std::vector<std::string> Args(const std::vector<std::string>& extra) const {
        std::vector<std::string> args = {
            test::kDebianPython, test::FakePath("fake_ami.py"), "{port}", journal, "--secret", kSecret, "--db", db};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }

    AmiSettings Settings(int timeout_ms = 2000) const {
        AmiSettings s;
        s.port = peer.port();
        s.username = "shiftdesk";
        s.secret = kSecret;
        s.timeout_ms = timeout_ms;
        return s;
    }

    test::TempDir dir;
    std::string journal;
    std::string db;
    test::PeerProcess peer;
};

TEST(AsteriskAmi, ApplyPutsTheForwardReadsItBackAndLogsOff) {
    Pbx pbx;
    AsteriskAmiDriver driver(pbx.Settings());
    EXPECT_EQ(driver.name(), "asterisk_ami");
    ExpectOutcome(driver.Apply(kOrder), DeliveryOutcome::kDelivered);

    EXPECT_EQ(AstDb(pbx.db), (Object{{"/CF/1001", "015112345678"}}));
    const std::vector<Object> journal = Journal(pbx.journal);
    ASSERT_EQ(Actions(journal), (std::vector<std::string>{"Login", "DBPut", "DBGet", "Logoff"}));
    EXPECT_EQ(journal[0].at("username"), "shiftdesk");
    EXPECT_EQ(journal[0].at("secret"), kSecret);
    EXPECT_EQ(journal[0].at("events"), "off") << "events would interleave with every reply";
    EXPECT_EQ(journal[1], (Object{{"action", "DBPut"},
                                  {"actionid", journal[1].at("actionid")},
                                  {"family", "CF"},
                                  {"key", "1001"},
                                  {"val", "015112345678"}}));
    EXPECT_EQ(
        journal[2],
        (Object{{"action", "DBGet"}, {"actionid", journal[2].at("actionid")}, {"family", "CF"}, {"key", "1001"}}));
    std::set<std::string> ids;
    for (const Object& o : journal) {
        ASSERT_TRUE(o.count("actionid")) << "every action carries an ActionID";
        EXPECT_FALSE(o.at("actionid").empty());
        ids.insert(o.at("actionid"));
    }
    EXPECT_EQ(ids.size(), journal.size()) << "ActionIDs are unique";
}

TEST(AsteriskAmi, ApplyingTwiceLeavesTheSameStateAndAnotherFamilyIsUsedAsConfigured) {
    Pbx pbx;
    AsteriskAmiDriver driver(pbx.Settings());
    ExpectOutcome(driver.Apply(kOrder), DeliveryOutcome::kDelivered);
    ExpectOutcome(driver.Apply(kOrder), DeliveryOutcome::kDelivered);
    EXPECT_EQ(AstDb(pbx.db), (Object{{"/CF/1001", "015112345678"}}));

    AmiSettings settings = pbx.Settings();
    settings.family = "CFU";
    AsteriskAmiDriver other(settings);
    ExpectOutcome(other.Apply({.extension = "1002", .target = "1000"}), DeliveryOutcome::kDelivered);
    EXPECT_EQ(AstDb(pbx.db), (Object{{"/CF/1001", "015112345678"}, {"/CFU/1002", "1000"}}));
}

TEST(AsteriskAmi, RemoveDeletesTheForwardAndRemovingAgainIsDone) {
    Pbx pbx;
    AsteriskAmiDriver driver(pbx.Settings());
    ExpectOutcome(driver.Apply(kOrder), DeliveryOutcome::kDelivered);
    ExpectOutcome(driver.Apply({.extension = "1002", .target = "1000"}), DeliveryOutcome::kDelivered);
    std::filesystem::remove(pbx.journal);

    const DriverResult removed = driver.Remove(kOrder);
    ExpectOutcome(removed, DeliveryOutcome::kDelivered);
    EXPECT_EQ(AstDb(pbx.db), (Object{{"/CF/1002", "1000"}})) << "only 1001's forward goes";
    const DriverResult again = driver.Remove(kOrder);
    ExpectOutcome(again, DeliveryOutcome::kDelivered);
    EXPECT_NE(again.detail, removed.detail) << "the lead can tell 'cleared' from 'was not set'";

    const std::vector<Object> journal = Journal(pbx.journal);
    ASSERT_EQ(Actions(journal),
              (std::vector<std::string>{"Login", "DBGet", "DBDel", "Logoff", "Login", "DBGet", "Logoff"}))
        << "what is not set is not deleted";
    EXPECT_EQ(journal[2].at("family"), "CF");
    EXPECT_EQ(journal[2].at("key"), "1001");
}

TEST(AsteriskAmi, RemoveLeavesAForwardSetSinceForAnotherTargetAlone) {
    Pbx pbx;
    AsteriskAmiDriver driver(pbx.Settings());
    ExpectOutcome(driver.Apply({.extension = "1001", .target = "1003"}),
                  DeliveryOutcome::kDelivered);       // the next leave
    const DriverResult late = driver.Remove(kOrder);  // an earlier leave's removal, retried late
    ExpectOutcome(late, DeliveryOutcome::kDelivered);
    EXPECT_EQ(AstDb(pbx.db), (Object{{"/CF/1001", "1003"}})) << "the newer forward stays";
    EXPECT_NE(late.detail.find("not ours"), std::string::npos) << late.detail;
}

TEST(AsteriskAmi, AWrongSecretIsPermanentAndNothingIsWritten) {
    Pbx pbx;
    AmiSettings settings = pbx.Settings();
    settings.secret = "not-the-s3cret-42";
    AsteriskAmiDriver driver(settings);
    const DriverResult r = driver.Apply(kOrder);
    ExpectOutcome(r, DeliveryOutcome::kPermanent, settings.secret);
    EXPECT_NE(r.detail.find("Authentication failed"), std::string::npos) << r.detail;
    ExpectOutcome(driver.Remove(kOrder), DeliveryOutcome::kPermanent, settings.secret);
    EXPECT_EQ(Actions(Journal(pbx.journal)), (std::vector<std::string>{"Login", "Login"}))
        << "no DBPut, no DBDel, and no Logoff after Asterisk has ended the session";
    EXPECT_TRUE(AstDb(pbx.db).empty());
}

TEST(AsteriskAmi, AStoppedPeerIsRetryQuicklyAndARestartedOneKeepsItsState) {
    Pbx pbx;
    AsteriskAmiDriver driver(pbx.Settings());
    ExpectOutcome(driver.Apply(kOrder), DeliveryOutcome::kDelivered);
    pbx.peer.Stop();

    const auto start = Clock::now();
    const DriverResult r = driver.Remove(kOrder);
    EXPECT_LT(Clock::now() - start, milliseconds(1000)) << "a refused connection is not a timeout";
    ExpectOutcome(r, DeliveryOutcome::kRetry);
    EXPECT_NE(r.detail.find(std::to_string(pbx.peer.port())), std::string::npos) << r.detail;

    pbx.peer.Restart();
    const DriverResult removed = driver.Remove(kOrder);
    ExpectOutcome(removed, DeliveryOutcome::kDelivered);
    EXPECT_EQ(removed.detail.find("was not set"), std::string::npos) << "the restarted PBX still had it";
    EXPECT_TRUE(AstDb(pbx.db).empty());
}

TEST(AsteriskAmi, AHostNameIsResolvedAndAnUnresolvableOneIsRetryWithinTheTimeout) {
    Pbx pbx;
    AmiSettings settings = pbx.Settings(300);
    settings.host = "localhost";
    ExpectOutcome(AsteriskAmiDriver(settings).Apply(kOrder), DeliveryOutcome::kDelivered);

    settings.host = "pbx.shiftdesk.invalid";  // RFC 6761: never resolves
    const auto start = Clock::now();
    ExpectOutcome(AsteriskAmiDriver(settings).Apply(kOrder), DeliveryOutcome::kRetry);
    EXPECT_LT(Clock::now() - start, milliseconds(1000)) << "a slow DNS server must not hold the call";
}

TEST(AsteriskAmi, ASilentPeerIsRetryWithinTheTimeout) {
    Pbx pbx({"--silent"});
    AsteriskAmiDriver driver(pbx.Settings(300));
    const auto start = Clock::now();
    const DriverResult r = driver.Apply(kOrder);
    const auto took = Clock::now() - start;
    ExpectOutcome(r, DeliveryOutcome::kRetry);
    EXPECT_GE(took, milliseconds(250));
    EXPECT_LT(took, milliseconds(1000)) << "the call must not wait past its deadline";
    EXPECT_NE(r.detail.find("timed out"), std::string::npos) << r.detail;
}

TEST(AsteriskAmi, AFailedPutIsRetryAndTheNextApplyIsDone) {
    Pbx pbx({"--fail-put", "1"});
    AsteriskAmiDriver driver(pbx.Settings());
    const DriverResult r = driver.Apply(kOrder);
    ExpectOutcome(r, DeliveryOutcome::kRetry);
    EXPECT_NE(r.detail.find("Failed to update entry"), std::string::npos) << r.detail;
    EXPECT_TRUE(AstDb(pbx.db).empty());
    ExpectOutcome(driver.Apply(kOrder), DeliveryOutcome::kDelivered);
    EXPECT_EQ(AstDb(pbx.db), (Object{{"/CF/1001", "015112345678"}}));
    EXPECT_EQ(Actions(Journal(pbx.journal)),
              (std::vector<std::string>{"Login", "DBPut", "Logoff", "Login", "DBPut", "DBGet", "Logoff"}))
        << "no read-back of a failed put; the session still logs off";
}

TEST(AsteriskAmi, AReadBackThatDiffersIsRetry) {
    Pbx pbx({"--lose-put", "1"});
    AsteriskAmiDriver driver(pbx.Settings());
    const DriverResult r = driver.Apply(kOrder);
    ExpectOutcome(r, DeliveryOutcome::kRetry);
    EXPECT_NE(r.detail.find("read back"), std::string::npos) << r.detail;
    ExpectOutcome(driver.Apply(kOrder), DeliveryOutcome::kDelivered);

    ExpectOutcome(driver.Apply({.extension = "1001", .target = "2000"}), DeliveryOutcome::kDelivered);
    EXPECT_EQ(AstDb(pbx.db), (Object{{"/CF/1001", "2000"}})) << "a new target replaces the old one";
}

TEST(AsteriskAmi, InterleavedEventsAndRepliesToOtherActionIdsAreSkipped) {
    // Before each reply the peer sends a FullyBooted event and a "Permission denied" for another ActionID; around
    // DBGet's own result it sends DBGetResponses with Val 9999 and 9998 and a DBGetComplete for another ActionID.
    // Taking any of them would fail the action or its read-back.
    Pbx pbx({"--interleave-events"});
    AsteriskAmiDriver driver(pbx.Settings());
    ExpectOutcome(driver.Apply(kOrder), DeliveryOutcome::kDelivered);
    EXPECT_EQ(AstDb(pbx.db), (Object{{"/CF/1001", "015112345678"}}));
    ExpectOutcome(driver.Remove(kOrder), DeliveryOutcome::kDelivered);
    EXPECT_TRUE(AstDb(pbx.db).empty());
}

TEST(AsteriskAmi, Asterisk11sDBGetWithoutAnEventListIsReadBackToo) {
    // Waiting for a DBGetComplete that never comes would run into the timeout and end in kRetry.
    Pbx pbx({"--legacy-dbget"});
    AsteriskAmiDriver driver(pbx.Settings());
    ExpectOutcome(driver.Apply(kOrder), DeliveryOutcome::kDelivered);
    EXPECT_EQ(AstDb(pbx.db), (Object{{"/CF/1001", "015112345678"}}));
}

TEST(AsteriskAmi, APermissionDeniedIsPermanent) {
    Pbx pbx({"--deny", "DBPut", "--deny", "DBDel"});
    AsteriskAmiDriver driver(pbx.Settings());
    const DriverResult r = driver.Apply(kOrder);
    ExpectOutcome(r, DeliveryOutcome::kPermanent);
    EXPECT_NE(r.detail.find("Permission denied"), std::string::npos) << r.detail;
    // Our forward is there (set by hand), but the AMI user may not delete it.
    std::ofstream(pbx.db) << R"({"/CF/1001": ")" << kOrder.target << R"("})";
    pbx.peer.Restart();
    ExpectOutcome(driver.Remove(kOrder), DeliveryOutcome::kPermanent);
}

TEST(AsteriskAmi, AHangupMidSessionIsRetry) {
    Pbx pbx({"--hangup-on", "DBPut"});
    AsteriskAmiDriver driver(pbx.Settings());
    const auto start = Clock::now();
    const DriverResult r = driver.Apply(kOrder);
    ExpectOutcome(r, DeliveryOutcome::kRetry);
    EXPECT_LT(Clock::now() - start, milliseconds(1500)) << "end of stream is noticed, not waited out (2 s)";
    EXPECT_EQ(Actions(Journal(pbx.journal)), (std::vector<std::string>{"Login", "DBPut"}));
}

TEST(AsteriskAmi, APeerThatIsNotAnAmiIsPermanent) {
    Pbx pbx({"--banner", "SSH-2.0-OpenSSH_9.2p1 Debian-2"});
    AsteriskAmiDriver driver(pbx.Settings());
    const DriverResult r = driver.Apply(kOrder);
    ExpectOutcome(r, DeliveryOutcome::kPermanent);
    EXPECT_NE(r.detail.find("not an AMI"), std::string::npos) << r.detail;
    EXPECT_TRUE(Journal(pbx.journal).empty()) << "no login sent to whatever it is";
}

TEST(AsteriskAmi, InjectionAttemptsAndBadOrdersArePermanentAndNothingIsSent) {
    Pbx pbx;
    AsteriskAmiDriver driver(pbx.Settings());
    const std::vector<DiversionOrder> bad = {
        {.extension = "1001", .target = "1000\r\nAction: Originate"},
        {.extension = "1001", .target = "1000\nAction: Originate\nChannel: PJSIP/1000"},
        {.extension = "1001\r\nAction: Command", .target = "1000"},
        {.extension = "1001", .target = ""},
        {.extension = "", .target = "1000"},
        {.extension = "1001", .target = "1000,30,D(${SHELL(id)})"},
        {.extension = "1001", .target = "Secret: x"},
        {.extension = "10/01", .target = "1000"},
        {.extension = "1001", .target = "1000\t"},
        {.extension = "1001",
         .target = "10\x01"
                   "00"},
        {.extension = "1001", .target = "Zürich"},
        {.extension = "1001", .target = std::string(200, '1')},
    };
    for (const DiversionOrder& order : bad) {
        const DriverResult applied = driver.Apply(order);
        ExpectOutcome(applied, DeliveryOutcome::kPermanent);
        EXPECT_EQ(applied.detail.find_first_of("\r\n"), std::string::npos) << applied.detail;
        ExpectOutcome(driver.Remove(order), DeliveryOutcome::kPermanent);
    }
    EXPECT_TRUE(Journal(pbx.journal).empty()) << "refused before connecting";
    // SIP-style targets are fine.
    ExpectOutcome(driver.Apply({.extension = "1001", .target = "PJSIP/1000@pbx.example.com"}),
                  DeliveryOutcome::kDelivered);
    ExpectOutcome(driver.Apply({.extension = "*72", .target = "+4930123456"}), DeliveryOutcome::kDelivered);
}

TEST(AsteriskAmi, BadSettingsArePermanentAndTheSecretNeverAppearsInADetail) {
    const std::string secret = "hunter2-Zq9";
    Pbx pbx({"--secret", secret});
    const auto settings = [&] {
        AmiSettings s = pbx.Settings(300);
        s.secret = secret;
        return s;
    };
    std::vector<AmiSettings> bad(6, settings());
    bad[0].secret = secret + "\r\nAction: Originate";
    bad[1].username = "";
    bad[2].family = "CF\r\n";
    bad[3].port = 70000;
    bad[4].timeout_ms = 0;
    bad[5].host = "";
    for (const AmiSettings& s : bad) {
        AsteriskAmiDriver driver(s);
        ExpectOutcome(driver.Apply(kOrder), DeliveryOutcome::kPermanent, secret);
        ExpectOutcome(driver.Remove(kOrder), DeliveryOutcome::kPermanent, secret);
    }
    EXPECT_TRUE(Journal(pbx.journal).empty());

    // Details quote the order and the peer; the secret is masked even where it comes back that way.
    const DriverResult echoed = AsteriskAmiDriver(settings()).Apply({.extension = "1001", .target = secret});
    ExpectOutcome(echoed, DeliveryOutcome::kDelivered, secret);
    EXPECT_NE(echoed.detail.find("***"), std::string::npos) << echoed.detail;
    AmiSettings wrong = settings();
    wrong.secret = secret + "-old";
    const DriverResult refused = AsteriskAmiDriver(wrong).Apply(kOrder);
    ExpectOutcome(refused, DeliveryOutcome::kPermanent, secret);
    EXPECT_EQ(refused.detail.find(wrong.secret), std::string::npos);
    AmiSettings closed = settings();
    closed.port = 1;
    ExpectOutcome(AsteriskAmiDriver(closed).Apply(kOrder), DeliveryOutcome::kRetry, secret);
}

}  // namespace
}  // namespace shiftdesk::integrations
