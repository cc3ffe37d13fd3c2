// The JSON form of the events records.
#pragma once

#include "codec/types.hpp"
#include "snowball/events.hpp"
