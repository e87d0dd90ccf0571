// The desk reading a hosted mailbox over IMAP (a real Dovecot): new messages become tickets or join theirs, each is
// marked seen on the server only once the desk has it, and the desk's position survives a restart.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "support/dovecot_server.hpp"
#include "support/temp_dir.hpp"
#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

using namespace std::chrono_literals;

std::string Message(const std::string& id, const std::string& extra = "") {
    return "From: Ann <ann@cust.example>\r\nTo: support@desk.example\r\nSubject: Printer\r\nMessage-ID: <" + id +
           ">\r\n" + extra + "\r\nIt is on fire.\r\n";
}

// Waits up to 15 s for `sql` to give `want` on the desk's database.
bool WaitFor(const TestDesk& desk, const std::string& sql, std::int64_t want) {
    for (int i = 0; i < 150; ++i) {
        if (DbNumber(desk.db_path(), sql) == want) return true;
        std::this_thread::sleep_for(100ms);
    }
    return false;
}

TEST(Mailbox, MessagesInAHostedMailboxBecomeTicketsAndAreMarkedSeenOnlyOnceKept) {
    DovecotServer dovecot;
    TempDir dir;
    const std::string config = dir.File("desk.toml");
    std::ofstream(config) << "[mail]\nsupport_address = \"support@desk.example\"\nimap_poll_seconds = 1\n";
    dovecot.Deliver(Message("one@cust.example"));
    const std::vector<std::string> env = {"SHIFTDESK_IMAP_URL=" + dovecot.Url(),
                                          std::string("SHIFTDESK_IMAP_USER=") + DovecotServer::kUser,
                                          std::string("SHIFTDESK_IMAP_PASSWORD=") + DovecotServer::kPassword};
    {
        TestDesk desk({"--config", config}, env);
        ASSERT_TRUE(WaitFor(desk, "SELECT COUNT(*) FROM tickets WHERE channel = 'email'", 1));
        EXPECT_NE(dovecot.Flags(1).find("\\Seen"), std::string::npos);

        dovecot.Deliver(Message("two@cust.example", "In-Reply-To: <one@cust.example>\r\n"));
        ASSERT_TRUE(WaitFor(desk, "SELECT COUNT(*) FROM thread_entries", 2));
        EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM tickets"), 1) << "the reply joined its ticket";
        EXPECT_TRUE(WaitFor(desk, "SELECT last_uid FROM imap_cursors", 2));
        EXPECT_NE(dovecot.Flags(2).find("\\Seen"), std::string::npos);
    }
}

TEST(Mailbox, ABadPasswordTakesNothingAndIsNeverLogged) {
    DovecotServer dovecot;
    TempDir dir;
    const std::string config = dir.File("desk.toml");
    std::ofstream(config) << "[mail]\nimap_poll_seconds = 1\n";
    dovecot.Deliver(Message("one@cust.example"));
    const std::string wrong = "Wrong-Secret-5d2f";
    TestDesk desk({"--config", config}, {"SHIFTDESK_IMAP_URL=" + dovecot.Url(),
                                         std::string("SHIFTDESK_IMAP_USER=") + DovecotServer::kUser,
                                         "SHIFTDESK_IMAP_PASSWORD=" + wrong});
    std::this_thread::sleep_for(2500ms);
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM tickets"), 0);
    EXPECT_EQ(dovecot.Flags(1).find("\\Seen"), std::string::npos);
    const std::string log = desk.server().Log();
    EXPECT_NE(log.find("mailbox"), std::string::npos) << log;
    EXPECT_EQ(log.find(wrong), std::string::npos) << "the password is in the log";
}

}  // namespace
}  // namespace shiftdesk::test
