// The pure rules of the service module: keys, the ticket lifecycle, deadlines, the default
// categories and settings, the NPS and its interval.
#include "snowball/feedback.hpp"

#include "common/enum_names.hpp"
#include "common/text.hpp"
#include "snowball/error.hpp"

#include <cmath>

namespace snowball {

namespace {

template <class E>
using Name = detail::EnumName<E>;

// One table per enum: each value's key first, then its Chinese terms.
constexpr Name<FeedbackChannel> feedback_channels[] = {
    {"phone", FeedbackChannel::phone}, {"电话", FeedbackChannel::phone}, {"来电", FeedbackChannel::phone},
    {"letter", FeedbackChannel::letter}, {"书面", FeedbackChannel::letter}, {"信件", FeedbackChannel::letter},
    {"来信", FeedbackChannel::letter},
    {"face_to_face", FeedbackChannel::face_to_face}, {"当面", FeedbackChannel::face_to_face},
    {"面谈", FeedbackChannel::face_to_face},
    {"online", FeedbackChannel::online}, {"网上", FeedbackChannel::online}, {"线上", FeedbackChannel::online},
};
constexpr Name<FeedbackKind> feedback_kinds[] = {
    {"complaint", FeedbackKind::complaint}, {"投诉", FeedbackKind::complaint},
    {"suggestion", FeedbackKind::suggestion}, {"建议", FeedbackKind::suggestion},
    {"praise", FeedbackKind::praise}, {"表扬", FeedbackKind::praise},
};
constexpr Name<Severity> severities[] = {
    {"low", Severity::low}, {"低", Severity::low}, {"轻微", Severity::low},
    {"normal", Severity::normal}, {"一般", Severity::normal}, {"普通", Severity::normal},
    {"high", Severity::high}, {"高", Severity::high}, {"严重", Severity::high},
    {"urgent", Severity::urgent}, {"紧急", Severity::urgent},
};
constexpr Name<TicketStatus> statuses[] = {
    {"received", TicketStatus::received}, {"已接收", TicketStatus::received},
    {"acknowledged", TicketStatus::acknowledged}, {"已受理", TicketStatus::acknowledged},
    {"in_progress", TicketStatus::in_progress}, {"处理中", TicketStatus::in_progress},
    {"resolved", TicketStatus::resolved}, {"已解决", TicketStatus::resolved},
    {"closed", TicketStatus::closed}, {"已关闭", TicketStatus::closed},
};
constexpr Name<SurveyChannel> survey_channels[] = {
    {"letter", SurveyChannel::letter}, {"信件", SurveyChannel::letter}, {"书面", SurveyChannel::letter},
    {"phone", SurveyChannel::phone}, {"电话", SurveyChannel::phone},
    {"online", SurveyChannel::online}, {"网上", SurveyChannel::online}, {"线上", SurveyChannel::online},
};
constexpr Name<QuestionType> question_types[] = {
    {"rating5", QuestionType::rating5}, {"nps", QuestionType::nps}, {"single", QuestionType::single},
    {"multi", QuestionType::multi}, {"text", QuestionType::text},
};
constexpr Name<AudienceKind> audience_kinds[] = {
    {"site_owners", AudienceKind::site_owners}, {"consultant_customers", AudienceKind::consultant_customers},
    {"ticket", AudienceKind::ticket}, {"customers", AudienceKind::customers},
};

} // namespace

const char* to_string(FeedbackChannel value) noexcept { return detail::key_of(feedback_channels, value); }
const char* to_string(FeedbackKind value) noexcept { return detail::key_of(feedback_kinds, value); }
const char* to_string(Severity value) noexcept { return detail::key_of(severities, value); }
const char* to_string(TicketStatus value) noexcept { return detail::key_of(statuses, value); }
const char* to_string(SurveyChannel value) noexcept { return detail::key_of(survey_channels, value); }
const char* to_string(QuestionType value) noexcept { return detail::key_of(question_types, value); }
const char* to_string(AudienceKind value) noexcept { return detail::key_of(audience_kinds, value); }

FeedbackChannel parse_feedback_channel(std::string_view text, const std::string& field) {
    return detail::parse_key(feedback_channels, text, field);
}
FeedbackKind parse_feedback_kind(std::string_view text, const std::string& field) { return detail::parse_key(feedback_kinds, text, field); }
Severity parse_severity(std::string_view text, const std::string& field) { return detail::parse_key(severities, text, field); }
TicketStatus parse_ticket_status(std::string_view text, const std::string& field) { return detail::parse_key(statuses, text, field); }
SurveyChannel parse_survey_channel(std::string_view text, const std::string& field) {
    return detail::parse_key(survey_channels, text, field);
}
QuestionType parse_question_type(std::string_view text, const std::string& field) { return detail::parse_key(question_types, text, field); }
AudienceKind parse_audience_kind(std::string_view text, const std::string& field) { return detail::parse_key(audience_kinds, text, field); }

// ---------------------------------------------------------------------------------------------

bool transition_allowed(TicketStatus from, TicketStatus to) noexcept {
    using S = TicketStatus;
    switch (from) {
    case S::received: return to == S::acknowledged;
    case S::acknowledged: return to == S::in_progress;
    case S::in_progress: return to == S::resolved;
    case S::resolved: return to == S::closed || to == S::in_progress;
    case S::closed: return to == S::in_progress;
    }
    return false;
}

bool is_open(TicketStatus status) noexcept {
    return status == TicketStatus::received || status == TicketStatus::acknowledged || status == TicketStatus::in_progress;
}

std::string normalize_ticket_number(std::string_view text) { return text::upper_ascii(text::trim(text::to_halfwidth(text))); }

Deadline default_deadline(Severity severity) noexcept {
    switch (severity) {
    case Severity::urgent: return {1, 3};
    case Severity::high: return {1, 5};
    case Severity::normal: return {2, 10};
    case Severity::low: return {3, 15};
    }
    return {2, 10};
}

DueDates due_dates(const calendar::WorkCalendar& calendar, Date received, const Deadline& deadline) {
    const calendar::WorkdayResult ack = calendar.add_working_days(received, deadline.acknowledge_days);
    const calendar::WorkdayResult resolve = calendar.add_working_days(received, deadline.resolve_days);
    return {ack.date, ack.estimated, resolve.date, resolve.estimated};
}

const std::vector<Category>& default_categories() {
    static const std::vector<Category> all{
        {"property_quality", "房屋质量", true}, {"service", "服务", true},          {"contract", "合同", true},
        {"delivery", "交付", true},             {"property_management", "物业管理", true}, {"other", "其他", true},
    };
    return all;
}

FeedbackSettings default_feedback_settings() {
    FeedbackSettings s;
    for (Severity v : {Severity::low, Severity::normal, Severity::high, Severity::urgent})
        s.deadlines[static_cast<int>(v)] = default_deadline(v);
    return s;
}

// ---------------------------------------------------------------------------------------------

std::optional<double> response_rate(std::int64_t responded, std::int64_t invited) noexcept {
    if (invited <= 0) return std::nullopt;
    return static_cast<double>(responded) / static_cast<double>(invited);
}

std::optional<NpsScore> nps_score(std::int64_t promoters, std::int64_t passives, std::int64_t detractors) {
    if (promoters < 0 || passives < 0 || detractors < 0) throw_invalid("answers", "counts must not be negative");
    const std::int64_t n = promoters + passives + detractors;
    if (n == 0) return std::nullopt;
    constexpr double z = 1.959963984540054;   // the 97.5th percentile of the standard normal
    const double p = static_cast<double>(promoters) / static_cast<double>(n);
    const double d = static_cast<double>(detractors) / static_cast<double>(n);
    NpsScore s;
    s.answers = n;
    s.promoters = promoters;
    s.passives = passives;
    s.detractors = detractors;
    s.nps = 100.0 * (p - d);
    s.std_error = 100.0 * std::sqrt((p * (1 - p) + d * (1 - d) + 2 * p * d) / static_cast<double>(n));
    s.ci_low = std::max(-100.0, s.nps - z * s.std_error);
    s.ci_high = std::min(100.0, s.nps + z * s.std_error);
    return s;
}

} // namespace snowball
