// Inbound mail routing without a database: who wrote it (loop protection) and which ticket it names.
#include "domain/mail_routing.hpp"

#include <gtest/gtest.h>

namespace shiftdesk::domain {
namespace {

const std::vector<std::string> kOwn = {"support@desk.example", "noreply@desk.example"};

InboundMail From(std::string address) {
    InboundMail m;
    m.from = MailAddress{"", std::move(address)};
    return m;
}

TEST(MailRouting, APersonsMailIsAPersons) {
    EXPECT_EQ(ClassifyInbound(From("ann@cust.example"), kOwn), InboundKind::kPerson);
    auto m = From("ann@cust.example");
    m.auto_submitted = "no";  // RFC 3834: explicitly written by a person
    EXPECT_EQ(ClassifyInbound(m, kOwn), InboundKind::kPerson);
}

TEST(MailRouting, MachineMarksMakeAutoRepliesAndBulk) {
    auto m = From("ann@cust.example");
    m.auto_submitted = "auto-replied";
    EXPECT_EQ(ClassifyInbound(m, kOwn), InboundKind::kAutoReply);
    m = From("ann@cust.example");
    m.x_autoreply = true;
    EXPECT_EQ(ClassifyInbound(m, kOwn), InboundKind::kAutoReply);
    m = From("ann@cust.example");
    m.x_auto_response_suppress = true;
    EXPECT_EQ(ClassifyInbound(m, kOwn), InboundKind::kAutoReply);
    for (const char* precedence : {"bulk", "junk", "list"}) {
        m = From("news@shop.example");
        m.precedence = precedence;
        EXPECT_EQ(ClassifyInbound(m, kOwn), InboundKind::kBulk) << precedence;
    }
    m = From("list@lists.example");
    m.list_id = "<dev.lists.example>";
    EXPECT_EQ(ClassifyInbound(m, kOwn), InboundKind::kBulk);
    EXPECT_EQ(ClassifyInbound(From("MAILER-DAEMON@mx.example"), kOwn), InboundKind::kAutoReply);
}

TEST(MailRouting, BouncesAndOwnMailAreRecognisedFirst) {
    auto m = From("MAILER-DAEMON@mx.example");
    m.auto_submitted = "auto-replied";
    EXPECT_EQ(ClassifyInbound(m, kOwn), InboundKind::kBounce);
    m = From("someone@relay.example");
    m.delivery_report = DeliveryReport{.action = "failed"};
    EXPECT_EQ(ClassifyInbound(m, kOwn), InboundKind::kBounce);
    m = From("Support@Desk.Example");
    m.precedence = "bulk";
    EXPECT_EQ(ClassifyInbound(m, kOwn), InboundKind::kOwnMail);
}

TEST(MailRouting, TheSubjectTagNamesATicket) {
    EXPECT_EQ(TicketFromSubjectTag("Re: [#42] Printer"), 42);
    EXPECT_EQ(TicketFromSubjectTag("Fwd: [#7] Re: [#42] Printer"), 42) << "the newest tag is the last";
    EXPECT_EQ(TicketFromSubjectTag("[#42"), std::nullopt);
    for (const char* none : {"Printer", "[#] x", "[#-1] x", "[#04] x", "[#4x] x", "[#99999999999999999999] x"})
        EXPECT_EQ(TicketFromSubjectTag(none), std::nullopt) << none;
}

TEST(MailRouting, APlusAddressNamesATicket) {
    const std::vector<MailAddress> to = {{"", "other@desk.example"}, {"Desk", "Support+T77@DESK.example"}};
    EXPECT_EQ(TicketFromPlusAddress(to, "support@desk.example"), 77);
    EXPECT_EQ(TicketFromPlusAddress({{"", "support+t77@other.example"}}, "support@desk.example"), std::nullopt);
    EXPECT_EQ(TicketFromPlusAddress({{"", "support+x77@desk.example"}}, "support@desk.example"), std::nullopt);
    EXPECT_EQ(TicketFromPlusAddress({{"", "support+t@desk.example"}}, "support@desk.example"), std::nullopt);
    EXPECT_EQ(TicketFromPlusAddress({{"", "support+t77@desk.example"}}, "not an address"), std::nullopt);
}

TEST(MailRouting, AReplysSubjectCarriesTheTagOnce) {
    EXPECT_EQ(TaggedSubject(42, "Printer"), "[#42] Printer");
    EXPECT_EQ(TaggedSubject(42, "Re: [#42] Printer"), "Re: [#42] Printer");
    EXPECT_EQ(TaggedSubject(42, ""), "[#42]");
}

}  // namespace
}  // namespace shiftdesk::domain
