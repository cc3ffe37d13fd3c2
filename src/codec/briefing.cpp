#include "codec/briefing.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(briefing)

namespace snowball::codec {

template <>
struct Record<Briefing> {
    using B = Briefing;
    static auto fields() {
        return std::make_tuple(out("customer", &B::customer), out("salutation", &B::salutation), out("consultant", &B::consultant),
                               out("family", &B::family), out("profile", &B::profile), out("recent_visits", &B::recent_visits),
                               out("visit_count", &B::visit_count), out("deals", &B::deals), out("completeness", &B::completeness),
                               out("ask_next", &B::ask_next), out("open_tickets", &B::open_tickets), out("upcoming", &B::upcoming),
                               out("recent_contacts", &B::recent_contacts), out("follow_up", &B::follow_up));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_WRITER(Briefing)
