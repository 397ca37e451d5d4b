package io.npsloop.survey.survey;

import java.util.LinkedHashMap;
import java.util.Map;

/** The page texts, zh-CN (default) and en. */
public final class Messages {

    private static final Map<String, String> ZH = new LinkedHashMap<>();
    private static final Map<String, String> EN = new LinkedHashMap<>();

    static {
        put("lang", "zh-CN", "en");
        put("title", "服务评价", "Your feedback");
        put("promise", "您真实的反馈是我们改进的唯一依据。任何分数都欢迎——差评同样珍贵，您的回答不会被用来考核或为难任何员工。",
                "Your honest feedback is the only basis of our improvement. Any score is welcome — a low one just as much; "
                        + "your answer is never used to judge or pressure any employee.");
        put("question", "您有多大可能向亲友推荐我们的服务？", "How likely are you to recommend our service to friends and family?");
        put("low", "0 = 完全不可能", "0 = not at all likely");
        put("high", "10 = 非常可能", "10 = extremely likely");
        put("ratingsTitle", "请为以下方面打分（可选，1–5）", "Please rate (optional, 1–5)");
        put("responseSpeed", "响应效率", "Response speed");
        put("professionalism", "专业能力", "Professionalism");
        put("transparency", "服务透明度", "Transparency");
        put("care", "人文关怀", "Care");
        put("reasonsTitle", "主要原因（可选，可多选）", "Main reasons (optional, choose any)");
        put("WAIT_TIME", "等待时间", "Waiting time");
        put("PRICE", "价格", "Price");
        put("REPAIR_QUALITY", "维修质量", "Repair quality");
        put("ATTITUDE", "服务态度", "Attitude");
        put("TRANSPARENCY", "收费与过程透明", "Transparency");
        put("PROFESSIONALISM", "专业水平", "Professionalism");
        put("CLEANLINESS", "环境整洁", "Cleanliness");
        put("COMMUNICATION", "沟通", "Communication");
        put("PARTS", "配件", "Parts");
        put("OTHER", "其他", "Other");
        put("commentLabel", "还有什么想告诉我们的吗？（可选，最多 2000 字）", "Anything else you want to tell us? (optional, up to 2000 characters)");
        put("submit", "提交", "Submit");
        put("optOut", "不再邀请我参加调查", "Don't ask me again");
        put("scoreMissing", "请选择 0 到 10 之间的分数。", "Please choose a score from 0 to 10.");
        put("thanksTitle", "感谢您的反馈！", "Thank you for your feedback!");
        put("thanksText", "我们会认真阅读每一条意见，并据此改进服务。", "We read every answer and use it to improve our service.");
        put("referralTitle", "把好服务分享给亲友", "Share good service with friends and family");
        put("referralText", "这是您的专属推荐链接和二维码，亲友通过它预约可享优惠。", "Here is your personal referral link and QR code; friends who book through it get an offer.");
        put("referralLater", "您的专属推荐链接稍后将发送给您。", "Your personal referral link will follow shortly.");
        put("notFoundTitle", "找不到这份问卷", "We cannot find this survey");
        put("notFoundText", "链接可能不完整，请检查短信或二维码中的链接。", "The link may be incomplete; please check the link in your message or QR code.");
        put("answeredTitle", "这份问卷已经提交过了", "This survey has already been answered");
        put("answeredText", "感谢您的参与，每份问卷只能提交一次。", "Thank you for taking part; each survey can be answered once.");
        put("expiredTitle", "这份问卷已过期", "This survey has expired");
        put("expiredText", "感谢您的关注。问卷链接的有效期已过。", "Thank you for your interest. The survey link is no longer valid.");
        put("optOutTitle", "不再接收调查邀请？", "Stop survey invitations?");
        put("optOutText", "确认后，我们所有门店都不会再向您发送满意度调查邀请。", "Once confirmed, none of our stores will send you survey invitations again.");
        put("optOutConfirm", "确认不再邀请", "Confirm");
        put("optOutDoneTitle", "已为您退订", "You have been unsubscribed");
        put("optOutDoneText", "我们不会再向您发送调查邀请。", "We will not send you survey invitations again.");
        put("back", "返回问卷", "Back to the survey");
    }

    private static void put(String key, String zh, String en) {
        ZH.put(key, zh);
        EN.put(key, en);
    }

    private Messages() {
    }

    public static Map<String, String> of(String lang) {
        return "en".equals(lang) ? EN : ZH;
    }

    /** {@code ?lang=} wins; otherwise the first Accept-Language that is en or zh; otherwise zh-CN. */
    public static String language(String langParam, String acceptLanguage) {
        if (langParam != null) {
            String l = langParam.strip().toLowerCase(java.util.Locale.ROOT);
            if (l.startsWith("en")) {
                return "en";
            }
            if (l.startsWith("zh")) {
                return "zh";
            }
        }
        if (acceptLanguage != null) {
            double best = -1;
            String chosen = "zh";
            for (String part : acceptLanguage.split(",")) {
                String[] p = part.strip().split(";");
                String tag = p[0].strip().toLowerCase(java.util.Locale.ROOT);
                double q = 1.0;
                for (int i = 1; i < p.length; i++) {
                    String param = p[i].strip();
                    if (param.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(param.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                String lang = tag.startsWith("en") ? "en" : tag.startsWith("zh") ? "zh" : null;
                if (lang != null && q > best) {
                    best = q;
                    chosen = lang;
                }
            }
            return chosen;
        }
        return "zh";
    }
}
