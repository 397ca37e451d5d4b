package io.npsloop.referral.landing;

import io.quarkus.qute.TemplateData;

/** The landing page's words in zh-CN and en. */
@TemplateData
public record Labels(String lang, String title, String recommends, String offerTitle, String formTitle, String name,
                     String phone, String store, String time, String plate, String plateHint, String submit,
                     String privacy, String notFoundTitle, String notFoundText, String bookedTitle, String bookedText,
                     String errorTitle, String back) {

    public static final Labels ZH = new Labels("zh-CN", "好友推荐专享", "{name} 向你推荐", "好友专享优惠", "预约到店",
            "姓名", "手机号", "门店", "期望到店时间", "车牌（选填）", "如 粤B12345", "立即预约",
            "你的手机号仅用于本次预约联系，不会公开。", "链接无效", "这个推荐链接不存在或已失效。",
            "预约成功", "门店会尽快与你联系确认到店时间。", "未能预约", "返回");

    public static final Labels EN = new Labels("en", "A friend's referral", "{name} recommends", "Your welcome offer",
            "Book a visit", "Name", "Mobile number", "Store", "Preferred time", "Plate (optional)", "e.g. 粤B12345",
            "Book now", "Your number is used only to confirm this booking.", "Link not valid",
            "This referral link does not exist or is no longer valid.", "Booked",
            "The store will contact you shortly to confirm the time.", "Could not book", "Back");

    public static Labels pick(String lang, String acceptLanguage) {
        if (lang != null) {
            return lang.toLowerCase().startsWith("en") ? EN : ZH;
        }
        return acceptLanguage != null && acceptLanguage.toLowerCase().startsWith("en") ? EN : ZH;
    }

    public String recommendsBy(String displayName) {
        return recommends.replace("{name}", displayName == null ? (this == EN ? "A customer" : "老客户") : displayName);
    }
}
