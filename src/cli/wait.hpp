// The CLI runs the desk's use cases one at a time: wait for each to be durable before going on.
#pragma once

#include <future>

#include "app/desk.hpp"

namespace shiftdesk::cli {

template <class T, class Start>
Result<T> Wait(Start start) {
    std::promise<Result<T>> promise;
    auto future = promise.get_future();
    start([&promise](Result<T> r) { promise.set_value(std::move(r)); });
    return future.get();
}

}  // namespace shiftdesk::cli
