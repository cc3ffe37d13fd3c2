// The JSON form of the events records.
#include "codec/events.hpp"
