// Bridges the use cases' callbacks to C++20 coroutines: a handler co_awaits a write that completes on the store's
// writer thread, and resumes on its own executor.
//
// Await is deliberately not a coroutine itself: g++ 12 destroys some by-value coroutine parameters twice, so the
// starter lives inside the awaitable that async_initiate builds. Callers pass lambdas that capture by reference.
#pragma once

#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

#include "app/done.hpp"

namespace shiftdesk::http {

namespace asio = boost::asio;

// co_await Await<T>([&](app::Done<T> done) { tickets.Something(..., done); });
template <class T, class Start>
auto Await(Start start) {
    return asio::async_initiate<const asio::use_awaitable_t<>, void(Result<T>)>(
        [start = std::move(start)](auto handler) mutable {
            using CompletionHandler = decltype(handler);
            auto shared = std::make_shared<CompletionHandler>(std::move(handler));
            start(app::Done<T>([shared](Result<T> r) {
                auto executor = asio::get_associated_executor(*shared);
                asio::post(executor, [shared, r = std::move(r)]() mutable { (*shared)(std::move(r)); });
            }));
        },
        asio::use_awaitable);
}

}  // namespace shiftdesk::http
