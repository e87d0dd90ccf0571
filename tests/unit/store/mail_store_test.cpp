// Email in the database: the migration that brings it (on a desk with data), messages kept once and raw, attachment
// bytes once per content, thread entries with their addresses and delivery, and the IMAP poller's place.
#include <gtest/gtest.h>

#include "store/db.hpp"
#include "store/mail.hpp"
#include "store/migrations.hpp"
#include "store/tickets.hpp"
#include "support/temp_dir.hpp"

namespace shiftdesk::store {
namespace {

constexpr int kEmailMigration = 10;

// Bytes no text column would keep: NUL, invalid UTF-8, CR LF.
const std::string kAwkwardBytes = std::string("\0\xff\xfe\r\nraw\x80", 9);

std::vector<Migration> MigrationsBefore(int version) {
    std::vector<Migration> out;
    for (const auto& m : EmbeddedMigrations())
        if (m.version < version) out.push_back(m);
    return out;
}

class MailStoreTest : public ::testing::Test {
 protected:
    void Open(const std::string& file, const std::vector<Migration>& migrations) {
        auto opened = OpenSqlite(dir_.File(file));
        ASSERT_TRUE(opened) << opened.error().message;
        db_ = std::move(*opened);
        auto migrated = Migrate(*db_, 1, migrations);
        ASSERT_TRUE(migrated) << migrated.error().message;
    }

    void SetUp() override { Open("mail.db", EmbeddedMigrations()); }

    // One customer and one email ticket; returns the ticket id.
    domain::TicketId SeedTicket() {
        domain::TicketId id = 0;
        auto seeded = db_->WriteAndWait([&](Conn& c) -> Result<void> {
            SD_CHECK(c.Execute("INSERT INTO customers (name, email, plan, critical, created_at, updated_at) "
                               "VALUES ('Ann', 'ann@cust.example', 'standard', 0, 0, 0)"));
            id = SD_TRY(c.Insert("INSERT INTO tickets (subject, description, status, priority, channel, customer_id, "
                                 "created_at, updated_at) VALUES ('Printer', '', 'new', 'normal', 'email', 1, 0, 0)",
                                 {}));
            return {};
        });
        EXPECT_TRUE(seeded) << seeded.error().message;
        return id;
    }

    template <class Fn>
    void Write(Fn fn) {
        auto r = db_->WriteAndWait([&](Conn& c) -> Result<void> { return fn(c); });
        ASSERT_TRUE(r) << r.error().message;
    }

    test::TempDir dir_;
    std::unique_ptr<Db> db_;
};

TEST_F(MailStoreTest, TheEmailMigrationKeepsWhatADeskHad) {
    Open("older.db", MigrationsBefore(kEmailMigration));
    Write([](Conn& c) -> Result<void> {
        SD_CHECK(c.Execute("INSERT INTO customers (name, email, plan, critical, created_at, updated_at) "
                           "VALUES ('Ann', 'ann@cust.example', 'standard', 0, 0, 0)"));
        SD_CHECK(c.Execute("INSERT INTO tickets (subject, description, status, priority, channel, customer_id, "
                           "created_at, updated_at) VALUES ('Printer', '', 'new', 'normal', 'email', 1, 0, 0)"));
        SD_CHECK(c.Execute("INSERT INTO thread_entries (ticket_id, kind, author_name, body, created_at) VALUES "
                           "(1, 'customer', 'Ann', 'It is broken', 1), (1, 'note', 'Bo', 'Looking', 2)"));
        SD_CHECK(c.Execute("INSERT INTO outbox (kind, subject_id, recipients, payload, state, next_attempt_at, "
                           "created_at, claimed_by, gave_up) VALUES ('mail', 7, 'team@desk.example', 'msg', 'pending', "
                           "5, 4, 'instance-1', 0)"));
        return {};
    });
    auto migrated = Migrate(*db_, 2);
    ASSERT_TRUE(migrated) << migrated.error().message;

    Write([](Conn& c) -> Result<void> {
        const auto thread = SD_TRY(ListThread(c, 1));
        EXPECT_EQ(thread.size(), 2u);
        EXPECT_EQ(thread[0].channel, domain::Channel::kEmail) << "a customer's message came by its ticket's channel";
        EXPECT_EQ(thread[1].channel, domain::Channel::kWeb) << "a note was written in the desk";
        auto outbox = SD_TRY(c.QueryOne("SELECT kind, subject_id, recipients, payload, state, next_attempt_at, "
                                        "claimed_by FROM outbox WHERE id = 1"));
        EXPECT_TRUE(outbox);
        EXPECT_EQ(outbox->Text(0), "mail");
        EXPECT_EQ(outbox->Int(1), 7);
        EXPECT_EQ(outbox->Text(2), "team@desk.example");
        EXPECT_EQ(outbox->Text(6), "instance-1");
        SD_CHECK(c.Execute("INSERT INTO outbox (kind, subject_id, state, next_attempt_at, created_at) "
                           "VALUES ('reply.mail', 2, 'pending', 1, 1)"));
        EXPECT_FALSE(c.Execute("INSERT INTO outbox (kind, subject_id, state, next_attempt_at, created_at) "
                               "VALUES ('fax', 2, 'pending', 1, 1)"))
            << "the kinds are still checked";
        const auto plan = SD_TRY(c.Query(
            "EXPLAIN QUERY PLAN SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= 9 ORDER BY "
            "next_attempt_at, id"));
        EXPECT_NE(plan.back().Text(3).find("outbox_due"), std::string::npos) << plan.back().Text(3);
        return {};
    });
}

TEST_F(MailStoreTest, AMessageIsKeptOnceWithItsRawBytes) {
    const auto ticket = SeedTicket();
    Write([&](Conn& c) -> Result<void> {
        InboundMailRecord r;
        r.message_id = "abc@cust.example";
        r.sender = "ann@cust.example";
        r.kind = "person";
        r.outcome = "new_ticket";
        r.ticket_id = ticket;
        r.raw = kAwkwardBytes;
        r.received_at = 100;
        SD_TRY(InsertInboundMail(c, r));
        auto again = InsertInboundMail(c, r);
        EXPECT_FALSE(again);
        if (!again) EXPECT_EQ(again.error().code, ErrorCode::kConflict);
        const auto found = SD_TRY(FindInboundMail(c, "abc@cust.example"));
        EXPECT_TRUE(found);
        if (found) EXPECT_EQ(found->ticket_id, ticket);
        EXPECT_FALSE(SD_TRY(FindInboundMail(c, "other@cust.example")));
        const auto raw = SD_TRY(c.QueryOne("SELECT raw FROM inbound_mail WHERE message_id = 'abc@cust.example'"));
        EXPECT_EQ(raw->Text(0), kAwkwardBytes);
        EXPECT_EQ(SD_TRY(CountInboundFrom(c, "ann@cust.example", 100)), 1);
        EXPECT_EQ(SD_TRY(CountInboundFrom(c, "ann@cust.example", 101)), 0);
        return {};
    });
}

TEST_F(MailStoreTest, AttachmentBytesAreKeptOncePerContent) {
    const auto ticket = SeedTicket();
    Write([&](Conn& c) -> Result<void> {
        Attachment a;
        a.ticket_id = ticket;
        a.filename = "scan.pdf";
        a.content_type = "application/pdf";
        a.created_at = 5;
        const auto first = SD_TRY(InsertAttachment(c, a, kAwkwardBytes));
        a.filename = "same-scan-again.pdf";
        const auto second = SD_TRY(InsertAttachment(c, a, kAwkwardBytes));
        EXPECT_NE(first.id, second.id);
        EXPECT_EQ(first.sha256, second.sha256);
        EXPECT_EQ(first.size, 9);
        EXPECT_EQ(SD_TRY(c.QueryOne("SELECT COUNT(*) FROM attachment_blobs"))->Int(0), 1);
        EXPECT_EQ(SD_TRY(AttachmentData(c, first.sha256)), kAwkwardBytes);
        EXPECT_EQ(SD_TRY(AttachmentsOfTicket(c, ticket)).size(), 2u);
        const auto found = SD_TRY(FindAttachment(c, second.id));
        EXPECT_TRUE(found);
        if (found) EXPECT_EQ(found->filename, "same-scan-again.pdf");
        EXPECT_FALSE(AttachmentData(c, "0000"));
        return {};
    });
}

TEST_F(MailStoreTest, ThreadEntriesKeepTheirAddressesAndLeadRepliesToTheirTicket) {
    const auto ticket = SeedTicket();
    Write([&](Conn& c) -> Result<void> {
        domain::ThreadEntry e;
        e.ticket_id = ticket;
        e.kind = domain::EntryKind::kReply;
        e.author_id = std::nullopt;
        e.author_name = "Desk";
        e.body = "We are on it";
        e.created_at = 10;
        e.channel = domain::Channel::kEmail;
        e.mail_from = domain::MailAddress{"Desk", "support@desk.example"};
        e.mail_to = {{"Ann \"A\" Ö", "ann@cust.example"}};
        e.mail_cc = {{"", "bo@cust.example"}, {"Cy", "cy@cust.example"}};
        e.message_id = "reply.1@desk.example";
        e.delivery = domain::Delivery::kQueued;
        const auto stored = SD_TRY(InsertEntry(c, e));
        const auto thread = SD_TRY(ListThread(c, ticket));
        EXPECT_EQ(thread.size(), 1u);
        const auto& read = thread.at(0);
        EXPECT_EQ(read.channel, domain::Channel::kEmail);
        EXPECT_EQ(read.mail_from, e.mail_from);
        EXPECT_EQ(read.mail_to, e.mail_to);
        EXPECT_EQ(read.mail_cc, e.mail_cc);
        EXPECT_EQ(read.message_id, "reply.1@desk.example");
        EXPECT_EQ(read.delivery, domain::Delivery::kQueued);

        EXPECT_EQ(SD_TRY(TicketOfMessageIds(c, {"unknown@x", "reply.1@desk.example"})), ticket);
        EXPECT_EQ(SD_TRY(TicketOfMessageIds(c, {"unknown@x"})), std::nullopt);
        EXPECT_EQ(SD_TRY(TicketOfMessageIds(c, {})), std::nullopt);
        const auto ref = SD_TRY(EntryOfMessageId(c, "reply.1@desk.example"));
        EXPECT_TRUE(ref);
        if (ref) EXPECT_EQ(ref->entry_id, stored.id);
        SD_CHECK(SetEntryDelivery(c, stored.id, domain::Delivery::kBounced));
        EXPECT_EQ(SD_TRY(ListThread(c, ticket)).at(0).delivery, domain::Delivery::kBounced);
        return {};
    });
}

TEST_F(MailStoreTest, TheImapPollerKeepsItsPlacePerMailbox) {
    Write([](Conn& c) -> Result<void> {
        EXPECT_FALSE(SD_TRY(FindImapCursor(c, "support@desk.example")));
        SD_CHECK(SaveImapCursor(c, "support@desk.example", {7, 40}, 1));
        SD_CHECK(SaveImapCursor(c, "support@desk.example", {7, 41}, 2));
        SD_CHECK(SaveImapCursor(c, "sales@desk.example", {9, 3}, 2));
        const auto cursor = SD_TRY(FindImapCursor(c, "support@desk.example"));
        EXPECT_TRUE(cursor);
        if (cursor) {
            EXPECT_EQ(cursor->uidvalidity, 7);
            EXPECT_EQ(cursor->last_uid, 41);
        }
        return {};
    });
}

}  // namespace
}  // namespace shiftdesk::store
