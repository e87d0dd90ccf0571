// The small team the rulebook's tables are written against: two engineers, a shift lead, someone from customer
// success and an admin.
#pragma once

#include "domain/entities.hpp"

namespace shiftdesk::policy::team {

inline const domain::Actor kAsha{10, domain::Role::kEngineer, "asha", "Asha"};
inline const domain::Actor kBruno{11, domain::Role::kEngineer, "bruno", "Bruno"};
inline const domain::Actor kLead{20, domain::Role::kShiftLead, "mubeen", "Mubeen"};
inline const domain::Actor kSuccess{30, domain::Role::kSuccess, "sofia", "Sofia"};
inline const domain::Actor kAdmin{40, domain::Role::kAdmin, "admin", "Admin"};

}  // namespace shiftdesk::policy::team
