// `shiftdesk mail-in` against a running desk: a customer's email opens a ticket in the queue, a reply joins it, a
// second delivery changes nothing, machines' mail opens nothing, what is not a message is refused with 65, and every
// message of a 115-message real-world corpus goes through without a crash.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include "support/command.hpp"
#include "support/temp_dir.hpp"
#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace fs = std::filesystem;

struct MailInRun {
    int exit_code = -1;
    std::string said;  // stderr and stdout
};

class MailIn : public ::testing::Test {
 protected:
    // Pipes `message` into `shiftdesk mail-in` on the desk's database.
    MailInRun Deliver(const std::string& message, const std::string& extra = "") {
        const std::string path = dir_.File("message-" + std::to_string(++count_) + ".eml");
        std::ofstream(path, std::ios::binary) << message;
        return DeliverFile(path, extra);
    }
    MailInRun DeliverFile(const std::string& path, const std::string& extra = "") {
        const auto out = RunCommand(std::string(SHIFTDESK_BINARY) + " mail-in --db '" + desk_.db_path() + "' " +
                                    extra + " < '" + path + "' 2>&1");
        return {WIFEXITED(out.status) ? WEXITSTATUS(out.status) : -1, out.text};
    }
    std::int64_t Tickets() { return DbNumber(desk_.db_path(), "SELECT COUNT(*) FROM tickets"); }

    TestDesk desk_;
    TempDir dir_;
    int count_ = 0;
};

const std::string kFirst =
    "From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <jm@cust.example>\r\n"
    "To: support@desk.example\r\n"
    "Subject: Drucker geht nicht\r\n"
    "Message-ID: <first.1@cust.example>\r\n"
    "Date: Tue, 24 Nov 2026 10:00:00 +0100\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=B\r\n\r\n"
    "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe printer is on fire.\r\n"
    "--B\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=scan.pdf\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--B--\r\n";

std::string Reply(const std::string& id, const std::string& headers, const std::string& subject = "Re: Drucker") {
    return "From: jm@cust.example\r\nTo: support@desk.example\r\nSubject: " + subject + "\r\nMessage-ID: <" + id +
           ">\r\n" + headers + "\r\nStill broken.\r\n";
}

TEST_F(MailIn, ACustomersEmailOpensATicketInTheQueueWithTheSenderAsCustomer_R1) {
    const auto run = Deliver(kFirst);
    ASSERT_EQ(run.exit_code, 0) << run.said;
    EXPECT_NE(run.said.find("new_ticket"), std::string::npos) << run.said;

    auto http = desk_.client();
    const auto queue = http.Get("/api/v1/tickets?owner=none", desk_.lead.token);
    ASSERT_EQ(queue.status, 200) << queue.body;
    const auto queue_json = queue.json();
    const auto& items = queue_json.at("tickets").as_array();
    ASSERT_EQ(items.size(), 1u) << queue.body;
    const auto& ticket = items[0].as_object();
    EXPECT_EQ(ticket.at("subject").as_string(), "Drucker geht nicht");
    EXPECT_EQ(ticket.at("channel").as_string(), "email");
    EXPECT_EQ(ticket.at("status").as_string(), "new");
    EXPECT_TRUE(ticket.at("owner_id").is_null()) << "R1: it waits in the queue";
    EXPECT_EQ(ticket.at("customer").as_object().at("email").as_string(), "jm@cust.example");
    EXPECT_EQ(ticket.at("customer").as_object().at("name").as_string(), "Jürgen Müller");

    const auto id = ticket.at("id").as_int64();
    const auto thread = http.Get("/api/v1/tickets/" + std::to_string(id) + "/thread", desk_.lead.token);
    ASSERT_EQ(thread.status, 200);
    const auto thread_json = thread.json();
    const auto& entry = thread_json.at("entries").as_array().at(0).as_object();
    EXPECT_EQ(entry.at("body").as_string(), "The printer is on fire.");
    EXPECT_EQ(entry.at("channel").as_string(), "email");
    EXPECT_EQ(entry.at("message_id").as_string(), "first.1@cust.example");
    EXPECT_EQ(boost::json::serialize(entry.at("from")), R"({"name":"Jürgen Müller","address":"jm@cust.example"})");
    EXPECT_EQ(boost::json::serialize(entry.at("to")), R"([{"name":"","address":"support@desk.example"}])");
    EXPECT_EQ(DbNumber(desk_.db_path(), "SELECT COUNT(*) FROM attachments WHERE ticket_id = " + std::to_string(id)), 1);
    EXPECT_EQ(DbNumber(desk_.db_path(), "SELECT COUNT(*) FROM thread_entries WHERE channel = 'email' AND "
                                        "message_id = 'first.1@cust.example'"),
              1);
    EXPECT_EQ(DbNumber(desk_.db_path(), "SELECT length(raw) FROM inbound_mail"), std::int64_t(kFirst.size()))
        << "the raw message is kept as it came";
}

TEST_F(MailIn, TheSameMessageTwiceChangesNothing) {
    ASSERT_EQ(Deliver(kFirst).exit_code, 0);
    const auto again = Deliver(kFirst);
    EXPECT_EQ(again.exit_code, 0) << again.said;
    EXPECT_NE(again.said.find("duplicate"), std::string::npos) << again.said;
    EXPECT_EQ(Tickets(), 1);
    EXPECT_EQ(DbNumber(desk_.db_path(), "SELECT COUNT(*) FROM thread_entries"), 1);
}

TEST_F(MailIn, AReplyJoinsItsTicketByMessageIdOrByTheTagOfAKnownSender) {
    ASSERT_EQ(Deliver(kFirst).exit_code, 0);
    const auto by_id = Deliver(Reply("second.2@cust.example", "In-Reply-To: <first.1@cust.example>\r\n"));
    EXPECT_EQ(by_id.exit_code, 0);
    EXPECT_NE(by_id.said.find("thread"), std::string::npos) << by_id.said;
    const auto ticket = DbNumber(desk_.db_path(), "SELECT id FROM tickets");
    const auto tag = "Re: [#" + std::to_string(ticket) + "] Drucker";
    const auto by_tag = Deliver(Reply("third.3@cust.example", "", tag));
    EXPECT_NE(by_tag.said.find("thread"), std::string::npos) << by_tag.said;
    EXPECT_EQ(Tickets(), 1);
    EXPECT_EQ(DbNumber(desk_.db_path(), "SELECT COUNT(*) FROM thread_entries WHERE ticket_id = " +
                                            std::to_string(ticket)),
              3);

    // A stranger who guesses the number opens a ticket of their own.
    const auto stranger = Deliver("From: eve@elsewhere.example\r\nTo: support@desk.example\r\nSubject: " + tag +
                                  "\r\nMessage-ID: <eve.1@elsewhere.example>\r\n\r\nLet me in.\r\n");
    EXPECT_NE(stranger.said.find("new_ticket"), std::string::npos) << stranger.said;
    EXPECT_EQ(Tickets(), 2);
}

TEST_F(MailIn, MailThatAMachineSentOpensNothing) {
    for (const char* marks : {"Auto-Submitted: auto-replied\r\n", "Precedence: bulk\r\n", "X-Autoreply: yes\r\n",
                              "List-Id: <news.shop.example>\r\n"}) {
        const auto run = Deliver(Reply(std::string("auto.") + std::to_string(count_) + "@cust.example", marks));
        EXPECT_EQ(run.exit_code, 0) << run.said;
        EXPECT_NE(run.said.find("dropped"), std::string::npos) << marks << run.said;
    }
    EXPECT_EQ(Tickets(), 0);
    EXPECT_EQ(DbNumber(desk_.db_path(), "SELECT COUNT(*) FROM inbound_mail WHERE outcome = 'dropped'"), 4)
        << "each is kept, raw, with what the desk did";
}

TEST_F(MailIn, WhatIsNotAMessageIsRefusedWith65AndNothingIsStored) {
    const auto binary = Deliver(std::string("\x89PNG\r\n\x1a\n\0\0", 10));
    EXPECT_EQ(binary.exit_code, 65) << binary.said;
    const std::string huge = "From: a@cust.example\r\nSubject: big\r\n\r\n" + std::string(26 * 1024 * 1024, 'x');
    const auto too_big = Deliver(huge);
    EXPECT_EQ(too_big.exit_code, 65) << too_big.said;
    EXPECT_NE(too_big.said.find("bytes"), std::string::npos) << too_big.said;
    EXPECT_EQ(DbNumber(desk_.db_path(), "SELECT COUNT(*) FROM inbound_mail"), 0);
    EXPECT_EQ(Tickets(), 0);
}

TEST_F(MailIn, ADatabaseThatCannotBeOpenedIsTryAgainLater75) {
    const std::string path = dir_.File("m.eml");
    std::ofstream(path, std::ios::binary) << kFirst;
    const auto out = RunCommand(std::string(SHIFTDESK_BINARY) + " mail-in --db /dev/null/desk.db < '" + path +
                                "' 2>&1");
    EXPECT_EQ(WIFEXITED(out.status) ? WEXITSTATUS(out.status) : -1, 75) << out.text;
}

TEST_F(MailIn, EveryMessageOfARealWorldCorpusGoesThroughWithoutACrash) {
    const fs::path corpus = fs::path(SHIFTDESK_SOURCE_DIR) / ".." / "shared" / "mail-corpus";
    if (!fs::exists(corpus)) GTEST_SKIP() << "no mail corpus at " << corpus;
    int delivered = 0, tickets_before = 0;
    for (const auto& file : fs::directory_iterator(corpus)) {
        if (file.path().extension() != ".box") continue;
        const auto run = DeliverFile(file.path().string());
        EXPECT_EQ(run.exit_code, 0) << file.path().filename() << ": " << run.said;
        delivered += run.exit_code == 0;
    }
    EXPECT_EQ(delivered, 115);
    EXPECT_GT(Tickets(), tickets_before);
    // The desk still answers, every ticket's thread renders.
    auto http = desk_.client();
    const auto list = http.Get("/api/v1/tickets?owner=none&limit=200", desk_.lead.token);
    EXPECT_EQ(list.status, 200);
    const auto list_json = list.json();
    for (const auto& t : list_json.at("tickets").as_array()) {
        const auto thread =
            http.Get("/api/v1/tickets/" + std::to_string(t.at("id").as_int64()) + "/thread", desk_.lead.token);
        EXPECT_EQ(thread.status, 200) << thread.body;
    }
}

}  // namespace
}  // namespace shiftdesk::test
