// The default profile template: the 42 fields of the source document's 客户信息档案 (MISSION §4).
// Labels: simplified Chinese, traditional Chinese as the source document prints them, English.
#include "profiles/template_rules.hpp"

namespace snowball {

namespace {

using T = FieldType;
using S = Sensitivity;

struct OptionRow {
    const char* key;
    const char* zh;
    const char* zh_hant;
    const char* en;
};

struct FieldRow {
    int number;
    const char* key;
    const char* section;
    const char* zh;
    const char* zh_hant;
    const char* en;
    T type;
    const char* help_zh;
    const char* help_zh_hant;
    const char* help_en;
    double weight;
    S sensitivity;
    bool in_briefing;
    const char* bound_to;
    const char* family_link;
    std::vector<OptionRow> options;
};

const std::vector<Section>& sections() {
    static const std::vector<Section> all{
        {"basic", {"基本信息", "基本信息", "Basic information"}},
        {"family", {"家庭信息", "家庭信息", "Family"}},
        {"lifestyle", {"个人生活、安全信息", "個人生活、安全信息", "Lifestyle and safety"}},
        {"property", {"个人房产状况", "個人房產狀況", "Property"}},
        {"standing", {"受社会尊重信息", "受社會尊重信息", "Social standing"}},
        {"self_image", {"自我认同价值", "自我認同價值", "Self-image"}},
    };
    return all;
}

const std::vector<FieldRow>& rows() {
    static const std::vector<FieldRow> all{
        // 一、基本信息
        {1, "gender", "basic", "性别", "性別", "Gender", T::single_choice, "", "", "", 1, S::none, false, "gender", "",
         {{"male", "男", "男", "Male"}, {"female", "女", "女", "Female"}}},
        {2, "mailing_address", "basic", "通讯地址", "通訊地址", "Mailing address", T::text, "", "", "", 1, S::contact, false,
         "", "", {}},
        {3, "company", "basic", "公司名称及地址", "公司名稱及地址", "Company name and address", T::text, "", "", "", 2,
         S::contact, false, "", "", {}},
        {4, "office_phone", "basic", "办公电话", "辦公電話", "Office phone", T::phone, "", "", "", 1, S::contact, false,
         "office_phone", "", {}},
        {5, "home_phone", "basic", "家庭电话", "家庭電話", "Home phone", T::phone, "", "", "", 1, S::contact, false,
         "home_phone", "", {}},
        {6, "mobile", "basic", "移动电话", "移動電話", "Mobile phone", T::phone, "", "", "", 3, S::contact, false, "mobile",
         "", {}},
        {7, "native_place", "basic", "籍贯", "籍貫", "Native place", T::text, "", "", "", 1, S::none, true, "", "", {}},
        {8, "education", "basic", "教育背景", "教育背景", "Education", T::text, "最高学历及毕业学校，是否在意学位",
         "最高學歷及畢業學校，是否在意學位", "Highest degree and school; do they care about degrees?", 1, S::none, false, "",
         "", {}},
        // 二、家庭信息
        {9, "family_situation", "family", "家庭状况", "家庭狀況", "Family situation", T::long_text, "收入关系是否融洽",
         "收入關係是否融洽", "Is the relationship around income harmonious?", 1, S::financial, false, "", "", {}},
        {10, "marital_status", "family", "婚姻状况", "婚姻狀況", "Marital status", T::single_choice, "", "", "", 2,
         S::family, true, "", "",
         {{"single", "未婚", "未婚", "Single"},
          {"married", "已婚", "已婚", "Married"},
          {"divorced", "离异", "離異", "Divorced"},
          {"widowed", "丧偶", "喪偶", "Widowed"}}},
        {11, "spouse", "family", "配偶信息", "配偶信息", "Spouse", T::long_text, "电话、工作单位", "電話、工作單位",
         "Phone, employer", 2, S::family, false, "", "spouse", {}},
        {12, "spouse_education", "family", "配偶教育背景", "配偶教育背景", "Spouse's education", T::text, "", "", "", 1,
         S::family, false, "", "spouse.education", {}},
        {13, "spouse_interests", "family", "配偶兴趣", "配偶興趣", "Spouse's interests", T::text, "", "", "", 1, S::family,
         true, "", "spouse.interests", {}},
        {14, "parents", "family", "父母状况", "父母狀況", "Parents", T::long_text, "年龄、健康、兴趣", "年齡、健康、興趣",
         "Age, health, interests", 1, S::health, false, "", "parent", {}},
        {15, "children", "family", "子女状况", "子女狀況", "Children", T::long_text, "出生日期、兴趣、就读学校",
         "出生日期、興趣、就讀學校", "Birth dates, interests, schools", 2, S::minors, false, "", "child", {}},
        {16, "closest_family_member", "family", "家庭中最亲密的人", "家庭中最親密的人", "Closest family member", T::text, "",
         "", "", 1, S::family, true, "", "closest", {}},
        // 三、个人生活、安全信息
        {17, "favourite_restaurants", "lifestyle", "最偏好的就餐地点", "最偏好的就餐地點", "Favourite restaurants",
         T::text, "午餐、晚餐喜欢什么地方就餐，餐馆档次", "午餐、晚餐喜歡什麼地方就餐，餐館檔次",
         "Where they like to have lunch and dinner, and what class of restaurant", 1, S::whereabouts, true, "", "", {}},
        {18, "favourite_shopping", "lifestyle", "偏爱购物场所", "偏愛購物場所", "Favourite shopping places", T::text, "", "",
         "", 1, S::whereabouts, false, "", "", {}},
        {19, "favourite_cuisine", "lifestyle", "最偏爱的菜式", "最偏愛的菜式", "Favourite cuisine", T::multi_choice,
         "中餐或西餐，川菜或粤菜", "中餐或西餐，川菜或粵菜", "Chinese or Western, Sichuan or Cantonese", 1, S::none, true,
         "", "",
         {{"chinese", "中餐", "中餐", "Chinese"},
          {"western", "西餐", "西餐", "Western"},
          {"sichuan", "川菜", "川菜", "Sichuan"},
          {"cantonese", "粤菜", "粵菜", "Cantonese"},
          {"hunan", "湘菜", "湘菜", "Hunan"},
          {"jiangzhe", "江浙菜", "江浙菜", "Jiangsu and Zhejiang"},
          {"shandong", "鲁菜", "魯菜", "Shandong"},
          {"northeastern", "东北菜", "東北菜", "Northeastern"},
          {"hotpot", "火锅", "火鍋", "Hot pot"},
          {"japanese", "日料", "日料", "Japanese"},
          {"korean", "韩餐", "韓餐", "Korean"},
          {"vegetarian", "素食", "素食", "Vegetarian"}}},
        {20, "drinking", "lifestyle", "饮酒", "飲酒", "Drinking", T::multi_choice,
         "饮酒否，饮什么酒，如不饮酒是否反对别人饮酒", "飲酒否，飲什麼酒，如不飲酒是否反對別人飲酒",
         "Do they drink, and what; if not, do they mind others drinking?", 1, S::none, true, "", "",
         {{"baijiu", "白酒", "白酒", "Baijiu"},
          {"wine", "红酒", "紅酒", "Wine"},
          {"beer", "啤酒", "啤酒", "Beer"},
          {"huangjiu", "黄酒", "黃酒", "Yellow wine"},
          {"spirits", "洋酒", "洋酒", "Spirits"},
          {"none_tolerant", "不饮酒，不介意别人饮酒", "不飲酒，不介意別人飲酒", "Does not drink, does not mind others"},
          {"none_objects", "不饮酒，反对别人饮酒", "不飲酒，反對別人飲酒", "Does not drink and minds others drinking"}}},
        {21, "smoking", "lifestyle", "抽烟", "抽煙", "Smoking", T::multi_choice,
         "是否抽烟，抽什么烟，如不抽烟是否反对别人抽烟", "是否抽煙，抽什麼煙，如不抽煙是否反對別人抽煙",
         "Do they smoke, and what; if not, do they mind others smoking?", 1, S::health, true, "", "",
         {{"cigarettes", "香烟", "香煙", "Cigarettes"},
          {"cigars", "雪茄", "雪茄", "Cigars"},
          {"pipe", "烟斗", "煙斗", "Pipe"},
          {"none_tolerant", "不抽烟，不介意别人抽烟", "不抽煙，不介意別人抽煙", "Does not smoke, does not mind others"},
          {"none_objects", "不抽烟，反对别人抽烟", "不抽煙，反對別人抽煙", "Does not smoke and minds others smoking"}}},
        {22, "health", "lifestyle", "健康状况", "健康狀況", "Health", T::long_text, "病历及目前身体状况",
         "病歷及目前身體狀況", "Medical history and current condition", 1, S::health, false, "", "", {}},
        {23, "travel_mode", "lifestyle", "远行交通工具", "遠行交通工具", "Usual means of long-distance travel",
         T::multi_choice, "", "", "", 1, S::whereabouts, false, "", "",
         {{"plane", "飞机", "飛機", "Plane"},
          {"high_speed_rail", "高铁", "高鐵", "High-speed rail"},
          {"train", "火车", "火車", "Train"},
          {"self_drive", "自驾", "自駕", "Own car"},
          {"coach", "大巴", "大巴", "Coach"},
          {"ship", "轮船", "輪船", "Ship"}}},
        {24, "social_organisations", "lifestyle", "所属的社会组织", "所屬的社會組織", "Social organisations", T::text,
         "例如：台商协会会员等", "例如：臺商協會會員等", "For example: member of a business association", 1, S::none, true,
         "", "", {}},
        {25, "sociability", "lifestyle", "社交热衷程度", "社交熱衷程度", "How keen on socialising", T::single_choice, "", "",
         "", 1, S::none, true, "", "",
         {{"very_keen", "非常热衷", "非常熱衷", "Very keen"},
          {"keen", "比较热衷", "比較熱衷", "Keen"},
          {"average", "一般", "一般", "Average"},
          {"not_keen", "不太热衷", "不太熱衷", "Not keen"}}},
        // 四、个人房产状况
        {26, "current_residence", "property", "现居住状况", "現居住狀況", "Current residence", T::long_text,
         "现居住在何社区、何时置业此社区、是否已升值、对目前居住条件是否满意及因素",
         "現居住在何社區、何時置業此社區、是否已升值、對目前居住條件是否滿意及因素",
         "Which community, since when, has it appreciated, are they satisfied and why", 2, S::financial, false, "", "",
         {}},
        {27, "property_investments", "property", "现房产投资状况", "現房產投資狀況", "Property investments", T::long_text,
         "是否有商业投资、在何地段、是旺铺还是稳定收益型的或是不良投资；是否有下一步投资房产的打算",
         "是否有商業投資、在何地段、是旺鋪還是穩定收益型的或是不良投資；是否有下一步投資房產的打算",
         "Commercial investments? Where? Prime shop, steady income or a bad investment; plans for the next investment",
         2, S::financial, false, "", "", {}},
        {28, "ideal_residence", "property", "理想居住状况", "理想居住狀況", "Ideal residence", T::multi_choice,
         "购房时对下列哪几方面最为关注（可根据具体情况补充）", "購房時對下列那幾方面最為關注（可根據具體情況補充）",
         "Which matter most when buying (extendable)", 3, S::none, true, "", "",
         {{"community_planning", "社区规划", "社區規劃", "Community planning"},
          {"unit_design", "户型设计", "戶型設計", "Unit design"},
          {"surrounding_amenities", "周边配套（学校、医院、商场等）", "周邊配套（學校、醫院、商場等）",
           "Surrounding amenities (schools, hospitals, malls)"},
          {"community_facilities", "社区配套", "社區配套", "Community facilities"},
          {"greenery_landscape", "绿化景观", "綠化景觀", "Greenery and landscape"},
          {"product_quality", "产品品质感", "產品品質感", "Product quality"},
          {"brand_strength", "品牌及发展商实力", "品牌及發展商實力", "Brand and developer strength"}}},
        {29, "purchase_reason", "property", "由于何种原因而购房", "由於何種原因而購房", "Reason for buying",
         T::multi_choice, "", "", "", 3, S::none, true, "", "",
         {{"first_home", "首次置业", "首次置業", "First home"},
          {"upgrade", "改善居住", "改善居住", "Better living"},
          {"investment", "投资", "投資", "Investment"},
          {"school_district", "子女教育", "子女教育", "Children's schooling"},
          {"for_parents", "为父母购房", "為父母購房", "For their parents"},
          {"for_marriage", "婚房", "婚房", "Marriage home"},
          {"relocation", "工作调动", "工作調動", "Moving for work"},
          {"other", "其他", "其他", "Other"}}},
        {30, "purchase_details", "property", "在我处购买物业的具体情况", "在我處購買物業的具體情況",
         "What they bought from us", T::long_text, "户型、面积、为谁买等", "戶型、面積、為誰買等",
         "Layout, area, for whom", 1, S::financial, false, "", "", {}},
        {31, "knowledge_of_us", "property", "对我公司的了解", "對我公司的了解", "What they know of our company",
         T::long_text, "", "", "", 1, S::none, false, "", "", {}},
        {32, "cares_about_neighbours", "property", "对小区其他业主的素质是否在意", "對小區其他業主的素質是否在意",
         "Do they care about the other owners' standing", T::yes_no, "", "", "", 1, S::none, true, "", "", {}},
        // 五、受社会尊重信息
        {33, "position", "standing", "职位", "職位", "Position", T::text, "", "", "", 2, S::none, true, "", "", {}},
        {34, "car_brand", "standing", "汽车品牌", "汽車品牌", "Car brand", T::text, "", "", "", 1, S::none, true, "", "", {}},
        {35, "plate_number", "standing", "车牌号", "車牌號", "Plate number", T::text, "", "", "", 1, S::whereabouts, false,
         "", "", {}},
        {36, "dress_style", "standing", "服饰讲究", "服飾講究", "Dress style", T::text, "", "", "", 1, S::none, false, "", "",
         {}},
        {37, "information_sources", "standing", "信息主要来源", "信息主要來源", "Main information sources",
         T::multi_choice, "", "", "", 2, S::none, false, "", "",
         {{"newspaper", "报纸", "報紙", "Newspapers"},
          {"tv", "电视", "電視", "Television"},
          {"radio", "广播", "廣播", "Radio"},
          {"internet", "网络", "網絡", "Internet"},
          {"social_media", "微信等社交媒体", "微信等社交媒體", "WeChat and social media"},
          {"outdoor", "户外广告", "戶外廣告", "Outdoor advertising"},
          {"friends", "亲友介绍", "親友介紹", "Friends and family"},
          {"exhibition", "房展会", "房展會", "Property fairs"},
          {"passing_by", "路过", "路過", "Passing by"}}},
        {38, "admired_person", "standing", "最佩服的人", "最佩服的人", "Most admired person", T::text, "", "", "", 1,
         S::none, false, "", "", {}},
        // 六、自我认同价值
        {39, "career_goals", "self_image", "事业目标", "事業目標", "Career goals", T::long_text, "长期、短期", "長期、短期",
         "Long and short term", 1, S::none, false, "", "", {}},
        {40, "personal_goals", "self_image", "个人目标", "個人目標", "Personal goals", T::long_text, "长期、短期",
         "長期、短期", "Long and short term", 1, S::none, false, "", "", {}},
        {41, "proudest_achievement", "self_image", "自认为最得意的事", "自認為最得意的事", "Proudest achievement",
         T::long_text, "", "", "", 1, S::none, false, "", "", {}},
        {42, "independent_minded", "self_image", "主见", "主見", "Independent-minded", T::single_choice,
         "是不是有主见的人，对外来意见接受程度", "是不是有主見的人，對外來意見接受程度",
         "How open are they to outside opinions?", 1, S::none, true, "", "",
         {{"very", "很有主见", "很有主見", "Very independent-minded"},
          {"fairly", "比较有主见", "比較有主見", "Fairly independent-minded"},
          {"open", "乐于听取意见", "樂於聽取意見", "Open to advice"},
          {"influenced", "容易受他人影响", "容易受他人影響", "Easily influenced"}}},
    };
    return all;
}

Template build() {
    Template t;
    t.sections = sections();
    for (const FieldRow& r : rows()) {
        FieldDef f;
        f.key = r.key;
        f.section = r.section;
        f.number = r.number;
        f.label = {r.zh, r.zh_hant, r.en};
        f.type = r.type;
        for (const OptionRow& o : r.options) f.options.push_back({o.key, {o.zh, o.zh_hant, o.en}});
        f.help = {r.help_zh, r.help_zh_hant, r.help_en};
        f.weight = r.weight;
        f.sensitivity = r.sensitivity;
        f.in_briefing = r.in_briefing;
        f.bound_to = r.bound_to;
        f.family_link = r.family_link;
        t.fields.push_back(std::move(f));
    }
    detail::check_template(t);   // the default obeys the rules every site template obeys
    return t;
}

} // namespace

const Template& default_template() {
    static const Template t = build();
    return t;
}

} // namespace snowball
