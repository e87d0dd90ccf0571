// How one delivery to the world outside the desk went — a message to the mail server, an order to the phone
// system: the one outcome the SMTP client, the phone drivers and the outbox all speak. Pure; thread-safe.
#pragma once

namespace shiftdesk {

enum class DeliveryOutcome {
    kDelivered,  // the other side holds it: the mail server answered 250, the phone system holds the new state
    kRetry,      // could not reach it, timed out, a 4xx, a dropped connection: try again later
    kPermanent,  // refused (a 5xx, wrong credentials, a bad extension, a setting that cannot work): retrying won't help
    kInterrupted,  // the desk's own stop ended the attempt before an answer: it may or may not have arrived
};

}  // namespace shiftdesk
