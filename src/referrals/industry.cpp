// Industries, the Chinese keyword table that classifies occupations, and the default affinity table
// of cross cooperation (MISSION §3.4): pure data and pure functions.
#include "snowball/referrals.hpp"

#include "snowball/error.hpp"

#include "common/text.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace snowball {

const std::vector<Industry>& industries() {
    static const std::vector<Industry> all{
        {"finance", "金融保险", "Finance and insurance"},
        {"real_estate", "房地产", "Real estate"},
        {"home", "家居装修", "Home furnishing and decoration"},
        {"construction", "建筑工程", "Construction and engineering"},
        {"legal", "法律服务", "Legal services"},
        {"accounting", "财务税务", "Accounting and tax"},
        {"medical", "医疗健康", "Healthcare"},
        {"education", "教育培训", "Education"},
        {"manufacturing", "制造业", "Manufacturing"},
        {"trade", "商贸零售", "Trade and retail"},
        {"catering", "餐饮酒店", "Catering and hotels"},
        {"logistics", "物流运输", "Logistics"},
        {"automotive", "汽车", "Automotive"},
        {"media", "文化传媒", "Media and advertising"},
        {"it", "互联网科技", "Internet and technology"},
        {"government", "政府机关", "Government and public institutions"},
    };
    return all;
}

namespace {

struct Keyword {
    const char* word;
    const char* industry;
};

// The keyword table. The longest keyword found in a text wins (建设银行 over 建设, 教育局 over 教育);
// between keywords of one length, the earlier row. Specific industries come before the generic
// words of "it" (科技 is in many company names) and government.
const std::vector<Keyword>& keywords() {
    static const std::vector<Keyword> table{
        // finance
        {"工商银行", "finance"}, {"农业银行", "finance"}, {"中国银行", "finance"}, {"建设银行", "finance"},
        {"交通银行", "finance"}, {"招商银行", "finance"}, {"邮储银行", "finance"}, {"农商银行", "finance"},
        {"资产管理", "finance"}, {"信用社", "finance"}, {"农商行", "finance"}, {"银行", "finance"},
        {"证券", "finance"}, {"券商", "finance"}, {"保险", "finance"}, {"人寿", "finance"}, {"财险", "finance"},
        {"基金", "finance"}, {"信托", "finance"}, {"期货", "finance"}, {"金融", "finance"}, {"投资", "finance"},
        {"理财", "finance"}, {"小贷", "finance"}, {"担保", "finance"}, {"支行", "finance"}, {"分行", "finance"},
        {"信贷", "finance"},
        // real estate
        {"房地产", "real_estate"}, {"地产", "real_estate"}, {"置业", "real_estate"}, {"房产", "real_estate"},
        {"物业", "real_estate"}, {"售楼", "real_estate"}, {"楼盘", "real_estate"}, {"开发商", "real_estate"},
        {"房屋中介", "real_estate"}, {"中介", "real_estate"}, {"链家", "real_estate"}, {"我爱我家", "real_estate"},
        // home furnishing and decoration
        {"全屋定制", "home"}, {"装修", "home"}, {"装饰", "home"}, {"家装", "home"}, {"建材", "home"},
        {"家具", "home"}, {"家居", "home"}, {"家电", "home"}, {"卫浴", "home"}, {"橱柜", "home"}, {"窗帘", "home"},
        {"灯饰", "home"}, {"瓷砖", "home"}, {"涂料", "home"}, {"门窗", "home"}, {"地板", "home"},
        // construction and engineering
        {"设计院", "construction"}, {"钢结构", "construction"}, {"建筑", "construction"}, {"建设", "construction"},
        {"工程", "construction"}, {"施工", "construction"}, {"监理", "construction"}, {"中建", "construction"},
        {"中铁", "construction"}, {"路桥", "construction"}, {"幕墙", "construction"}, {"土木", "construction"},
        {"造价", "construction"}, {"水泥", "construction"}, {"园林", "construction"},
        // legal services
        {"律师事务所", "legal"}, {"律师", "legal"}, {"律所", "legal"}, {"法律", "legal"}, {"法务", "legal"},
        {"公证", "legal"}, {"仲裁", "legal"},
        // accounting and tax
        {"会计师事务所", "accounting"}, {"税务师", "accounting"}, {"会计", "accounting"}, {"审计", "accounting"},
        {"财务", "accounting"}, {"代账", "accounting"}, {"记账", "accounting"}, {"出纳", "accounting"},
        // healthcare
        {"主任医师", "medical"}, {"卫生院", "medical"}, {"医院", "medical"}, {"医疗", "medical"}, {"诊所", "medical"},
        {"医生", "medical"}, {"医师", "medical"}, {"护士", "medical"}, {"医药", "medical"}, {"制药", "medical"},
        {"药店", "medical"}, {"药房", "medical"}, {"口腔", "medical"}, {"牙科", "medical"}, {"体检", "medical"},
        {"康复", "medical"},
        // education
        {"幼儿园", "education"}, {"学校", "education"}, {"教育", "education"}, {"培训", "education"},
        {"大学", "education"}, {"学院", "education"}, {"中学", "education"}, {"小学", "education"},
        {"教师", "education"}, {"老师", "education"}, {"教授", "education"}, {"讲师", "education"},
        {"校长", "education"},
        // manufacturing
        {"制造", "manufacturing"}, {"工厂", "manufacturing"}, {"机械", "manufacturing"}, {"化工", "manufacturing"},
        {"纺织", "manufacturing"}, {"服装", "manufacturing"}, {"加工", "manufacturing"}, {"模具", "manufacturing"},
        {"五金", "manufacturing"}, {"电器", "manufacturing"}, {"塑料", "manufacturing"}, {"钢铁", "manufacturing"},
        {"厂长", "manufacturing"}, {"车间", "manufacturing"}, {"实业", "manufacturing"},
        // trade and retail
        {"进出口", "trade"}, {"便利店", "trade"}, {"贸易", "trade"}, {"商贸", "trade"}, {"外贸", "trade"},
        {"批发", "trade"}, {"零售", "trade"}, {"超市", "trade"}, {"商场", "trade"}, {"百货", "trade"},
        {"商行", "trade"}, {"经销", "trade"}, {"代理商", "trade"}, {"门店", "trade"},
        // catering and hotels
        {"餐饮", "catering"}, {"酒店", "catering"}, {"饭店", "catering"}, {"餐厅", "catering"}, {"酒楼", "catering"},
        {"茶楼", "catering"}, {"食品", "catering"}, {"火锅", "catering"}, {"宾馆", "catering"}, {"咖啡", "catering"},
        {"烘焙", "catering"}, {"厨师", "catering"},
        // logistics
        {"物流", "logistics"}, {"快递", "logistics"}, {"运输", "logistics"}, {"货运", "logistics"},
        {"仓储", "logistics"}, {"航运", "logistics"}, {"港口", "logistics"}, {"货代", "logistics"},
        {"配送", "logistics"}, {"顺丰", "logistics"},
        // automotive
        {"4S店", "automotive"}, {"汽车", "automotive"}, {"车行", "automotive"}, {"汽修", "automotive"},
        {"汽配", "automotive"}, {"驾校", "automotive"},
        // media and advertising
        {"文化传播", "media"}, {"电视台", "media"}, {"新媒体", "media"}, {"广告", "media"}, {"传媒", "media"},
        {"影视", "media"}, {"出版", "media"}, {"印刷", "media"}, {"摄影", "media"}, {"策划", "media"},
        {"公关", "media"}, {"媒体", "media"}, {"报社", "media"}, {"记者", "media"}, {"编辑", "media"},
        // internet and technology
        {"互联网", "it"}, {"计算机", "it"}, {"程序员", "it"}, {"信息技术", "it"}, {"软件", "it"}, {"网络", "it"},
        {"电子", "it"}, {"通信", "it"}, {"数据", "it"}, {"电商", "it"}, {"科技", "it"}, {"智能", "it"},
        // government and public institutions
        {"事业单位", "government"}, {"街道办", "government"}, {"税务局", "government"}, {"教育局", "government"},
        {"卫生局", "government"}, {"卫健委", "government"}, {"财政局", "government"}, {"住建局", "government"},
        {"派出所", "government"}, {"检察院", "government"}, {"委员会", "government"}, {"公务员", "government"},
        {"政府", "government"}, {"机关", "government"}, {"法院", "government"}, {"公安", "government"},
        {"人大", "government"}, {"政协", "government"}, {"局长", "government"}, {"处长", "government"},
        {"科长", "government"},
    };
    return table;
}

// The best keyword in one text: {length in bytes, row}; row = table size when none.
std::pair<std::size_t, std::size_t> best_keyword(const std::string& text) {
    const auto& table = keywords();
    std::pair<std::size_t, std::size_t> best{0, table.size()};
    for (std::size_t row = 0; row < table.size(); ++row) {
        const std::string_view word = table[row].word;
        // Longer wins: UTF-8 Chinese is 3 bytes a character, so bytes order like characters here.
        if (word.size() > best.first && text.find(word) != std::string::npos) best = {word.size(), row};
    }
    return best;
}

} // namespace

std::optional<IndustryMatch> classify_industry(std::string_view company, std::string_view position) {
    const auto& table = keywords();
    std::optional<IndustryMatch> found;
    std::size_t best_length = 0;
    // Full-width letters and digits typed with a Chinese input method read as ASCII ("４Ｓ店").
    for (const auto& [text, source] : {std::pair{text::to_halfwidth(company), "company"},
                                       std::pair{text::to_halfwidth(position), "position"}}) {
        const auto [length, row] = best_keyword(text::upper_ascii(text));
        if (row == table.size() || length <= best_length) continue;   // the company wins ties
        best_length = length;
        found = IndustryMatch{table[row].industry, table[row].word, source};
    }
    return found;
}

const std::vector<AffinityRule>& default_affinities() {
    static const std::vector<AffinityRule> rules{
        {"finance", "real_estate", 1.0, "按揭贷款、资产配置与购房需求可以互相引荐"},
        {"home", "real_estate", 1.0, "新房业主需要装修和家居，家装商家需要新业主"},
        {"logistics", "trade", 0.9, "商品流通离不开仓储与配送"},
        {"construction", "real_estate", 0.8, "工程建设与开发、物业互为上下游"},
        {"accounting", "manufacturing", 0.8, "企业的财务、审计与税务服务"},
        {"accounting", "trade", 0.8, "商贸企业的记账、报税与财务咨询"},
        {"logistics", "manufacturing", 0.8, "原料与成品的运输仓储"},
        {"construction", "home", 0.7, "工程与装修、建材的配套合作"},
        {"media", "catering", 0.7, "餐饮酒店需要宣传推广，传媒需要场地与客源"},
        {"automotive", "finance", 0.7, "汽车贷款与车险"},
        {"legal", "real_estate", 0.6, "房产交易、产权与租赁的法律服务"},
        {"legal", "finance", 0.6, "金融业务离不开法律服务，律师的客户也有理财需求"},
        {"legal", "manufacturing", 0.6, "企业合同与劳动用工的法律顾问"},
        {"media", "trade", 0.6, "品牌推广与零售促销"},
        {"it", "trade", 0.6, "门店与电商的数字化"},
        {"it", "education", 0.6, "教育信息化与在线课程"},
        {"catering", "trade", 0.6, "食材与酒水的供应采购"},
        {"construction", "manufacturing", 0.6, "建材与设备采购"},
        {"medical", "finance", 0.5, "健康保险与医护人员的理财需求"},
    };
    return rules;
}

void validate(const std::vector<AffinityRule>& rules, const std::string& field) {
    if (rules.size() > 500) throw_invalid(field, "holds " + std::to_string(rules.size()) + " rules; at most 500");
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const AffinityRule& r = rules[i];
        const std::string at = field + "[" + std::to_string(i) + "]";
        for (const auto& [key, name] : {std::pair{&r.a, ".a"}, std::pair{&r.b, ".b"}}) {
            const bool well_formed = !key->empty() && key->size() <= 40 && (*key)[0] >= 'a' && (*key)[0] <= 'z' &&
                                     std::all_of(key->begin(), key->end(), [](char c) {
                                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                                     });
            if (!well_formed)
                throw_invalid(at + name, "'" + *key + "' is not an industry key ([a-z][a-z0-9_]*, at most 40 characters)");
        }
        if (!(r.weight > 0 && r.weight <= 1) || !std::isfinite(r.weight))
            throw_invalid(at + ".weight", "must be above 0 and at most 1");
        text::clean(r.reason, at + ".reason", 200, true);
        const auto pair = std::minmax(r.a, r.b);
        if (!seen.insert(pair).second)
            throw_invalid(at, "pairs " + r.a + " and " + r.b + " a second time");
    }
}

} // namespace snowball
