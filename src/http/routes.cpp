// Every route of the desk, in one table: method, path, who may call it, handler, the query parameters it reads.
#include "http/event_stream.hpp"
#include "http/handlers/calls.hpp"
#include "http/handlers/handoff.hpp"
#include "http/handlers/leaves.hpp"
#include "http/handlers/meta.hpp"
#include "http/handlers/people.hpp"
#include "http/handlers/requests.hpp"
#include "http/handlers/sla.hpp"
#include "http/handlers/tickets.hpp"
#include "http/router.hpp"

namespace shiftdesk::http {

std::vector<Route> ApiRoutes(bool with_test_clock) {
    using bhttp::verb;
    constexpr Access kPublic = Access::kPublic;
    constexpr Access kSignedIn = Access::kSignedIn;
    std::vector<Route> routes{
        {verb::get, "/", kPublic, Index},
        {verb::get, "/api/v1/health", kPublic, Health},
        {verb::get, "/api/v1/rules", kPublic, Rules},

        {verb::post, "/api/v1/session", kPublic, Login},
        {verb::delete_, "/api/v1/session", kSignedIn, Logout},
        {verb::get, "/api/v1/me", kSignedIn, Me},
        {verb::get, "/api/v1/stream", kSignedIn, OpenEventStream},
        {verb::get, "/api/v1/users", kSignedIn, ListUsers},
        {verb::get, "/api/v1/users/{id}", kSignedIn, GetUser},
        {verb::put, "/api/v1/users/{id}/desk-phone", kSignedIn, SetDeskPhone},
        {verb::get, "/api/v1/team", kSignedIn, TeamBoard},

        {verb::post, "/api/v1/tickets", kSignedIn, CreateTicket},
        {verb::get, "/api/v1/tickets", kSignedIn, ListTickets, {"owner", "status", "queue", "limit", "cursor"}},
        {verb::get, "/api/v1/tickets/{id}", kSignedIn, GetTicket},
        {verb::patch, "/api/v1/tickets/{id}", kSignedIn, UpdateTicket},
        {verb::post, "/api/v1/tickets/{id}/take", kSignedIn, TakeTicket},
        {verb::post, "/api/v1/tickets/{id}/assign", kSignedIn, AssignTicket},
        {verb::post, "/api/v1/tickets/{id}/replies", kSignedIn, AddReply},
        {verb::post, "/api/v1/tickets/{id}/notes", kSignedIn, AddNote},
        {verb::get, "/api/v1/tickets/{id}/thread", kSignedIn, GetThread, {"kind"}},
        {verb::get, "/api/v1/tickets/{id}/events", kSignedIn, GetEvents, {"after", "limit"}},
        {verb::post, "/api/v1/tickets/{id}/messages", kSignedIn, AddCustomerMessage},
        {verb::post, "/api/v1/tickets/{id}/promise", kSignedIn, PromiseUpdate},
        {verb::get, "/api/v1/sla/at-risk", kSignedIn, AtRisk, {"limit"}},
        {verb::get, "/api/v1/notifications", kSignedIn, ListNotifications, {"unread", "before", "limit"}},
        {verb::post, "/api/v1/notifications/{id}/read", kSignedIn, ReadNotification},

        {verb::post, "/api/v1/requests", kSignedIn, FileRequest},
        {verb::get, "/api/v1/requests", kSignedIn, ListRequests, {"state", "ticket_id", "after", "limit"}},
        {verb::get, "/api/v1/requests/{id}", kSignedIn, GetRequest},
        {verb::get, "/api/v1/requests/{id}/events", kSignedIn, GetRequestEvents},
        {verb::post, "/api/v1/requests/{id}/approve", kSignedIn, ApproveRequest},
        {verb::post, "/api/v1/requests/{id}/deny", kSignedIn, DenyRequest},
        {verb::post, "/api/v1/requests/{id}/withdraw", kSignedIn, WithdrawRequest},
        {verb::post, "/api/v1/users/{id}/queue", kSignedIn, SetQueue},

        {verb::post, "/api/v1/calls", kSignedIn, ScheduleCall},
        {verb::get, "/api/v1/calls", kSignedIn, ListCalls, {"owner", "ticket_id", "from", "to"}},
        {verb::get, "/api/v1/calls/{id}", kSignedIn, GetCall},
        {verb::patch, "/api/v1/calls/{id}", kSignedIn, RescheduleCall},
        {verb::post, "/api/v1/calls/{id}/cancel", kSignedIn, CancelCall},
        {verb::post, "/api/v1/calls/{id}/join", kSignedIn, JoinCall},

        {verb::post, "/api/v1/training-requests", kSignedIn, FileTraining},
        {verb::get, "/api/v1/training-requests", kSignedIn, ListTraining, {"state", "route"}},
        {verb::get, "/api/v1/training-requests/{id}", kSignedIn, GetTraining},
        {verb::post, "/api/v1/training-requests/{id}/accept", kSignedIn, AcceptTraining},
        {verb::post, "/api/v1/training-requests/{id}/decline", kSignedIn, DeclineTraining},

        {verb::post, "/api/v1/users/{id}/calendar-link", kSignedIn, CreateCalendarLink},
        {verb::get, "/api/v1/users/{id}/calendar.ics", kPublic, CalendarFeed, {"token"}},

        {verb::post, "/api/v1/leaves", kSignedIn, PlanLeave},
        {verb::get, "/api/v1/leaves", kSignedIn, ListLeaves, {"from", "to", "user_id", "state"}},
        {verb::get, "/api/v1/leaves/{id}", kSignedIn, GetLeave},
        {verb::post, "/api/v1/leaves/{id}/cancel", kSignedIn, CancelLeave},
        {verb::post, "/api/v1/leaves/{id}/handoff-email", kSignedIn, SendHandoffEmail},
        {verb::post, "/api/v1/leaves/{id}/diversion", kSignedIn, SetDiversion},
        {verb::post, "/api/v1/leaves/{id}/diversion/confirm", kSignedIn, ConfirmDiversion},

        {verb::get, "/api/v1/handoff-sheet", kSignedIn, GetHandoffSheet,
         {"state", "reason", "from", "picked_up_by", "format"}},
        {verb::post, "/api/v1/handoff-sheet", kSignedIn, PlaceOnSheet},
        {verb::get, "/api/v1/handoff-sheet/{id}", kSignedIn, GetHandoffEntry},
        {verb::patch, "/api/v1/handoff-sheet/{id}", kSignedIn, UpdateHandoffEntry},
    };
    if (with_test_clock) routes.push_back({verb::post, "/api/v1/test/clock", kPublic, AdvanceTestClock});
    return routes;
}

}  // namespace shiftdesk::http
