// The referral graph (MISSION §3): old customers bring new ones.
#pragma once

#include "snowball/types.hpp"

namespace snowball {

namespace detail {
class Store;
}

class Referrals {
public:
    explicit Referrals(detail::Store& store) : store_(store) {}

private:
    detail::Store& store_;
};

} // namespace snowball
