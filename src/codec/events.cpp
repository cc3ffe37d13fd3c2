// The JSON form of the events records.
#include "codec/events.hpp"

#include "codec/catalogue.hpp"

SNOWBALL_CODEC_MODULE(events)
