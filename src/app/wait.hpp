// Runs a use case and waits until it is durable: for the CLI and tests, never for request handlers.
#pragma once

#include <future>

#include "app/done.hpp"

namespace shiftdesk::app {

template <class T, class Start>
Result<T> Wait(Start start) {
    std::promise<Result<T>> promise;
    auto future = promise.get_future();
    start([&promise](Result<T> r) { promise.set_value(std::move(r)); });
    return future.get();
}

}  // namespace shiftdesk::app
