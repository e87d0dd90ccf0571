// How an asynchronous use case answers: `done` is called once, with the result, on the store's writer thread for
// writes (hand work elsewhere) and on the caller's for reads.
#pragma once

#include <functional>

#include "common/result.hpp"

namespace shiftdesk::app {

template <class T>
using Done = std::function<void(Result<T>)>;

}  // namespace shiftdesk::app
