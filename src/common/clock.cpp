#include "common/clock.hpp"

#include <chrono>

namespace shiftdesk {

Millis SystemClock::Now() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace shiftdesk
