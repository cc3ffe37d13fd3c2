// Complaints and suggestions (MISSION §2 tactic 5: a channel that is never blocked) and
// satisfaction surveys (tactic 6: by letter or phone, about the property and the service).
#pragma once

#include "snowball/types.hpp"

namespace snowball {

namespace detail {
class Store;
}

class Feedback {
public:
    explicit Feedback(detail::Store& store) : store_(store) {}

private:
    detail::Store& store_;
};

class Surveys {
public:
    explicit Surveys(detail::Store& store) : store_(store) {}

private:
    detail::Store& store_;
};

} // namespace snowball
