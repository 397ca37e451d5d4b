package io.npsloop.survey.response;

import java.util.regex.Pattern;

/**
 * Masks personal data in a comment before it leaves the service: e-mail addresses, ID card numbers, mobile and
 * landline phone numbers, and vehicle plates (including the 8-character new-energy plates). The raw comment stays
 * in survey-service.
 */
public final class CommentMasker {

    private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    /** 18-digit resident ID (last may be X) or the old 15-digit one. */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])(\\d{17}[\\dXx]|\\d{15})(?![0-9A-Za-z])");
    /** Mobile: optional +86/86, 1[3-9] then 9 digits, with optional spaces/dashes between groups. */
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9])(?:\\+?86[\\s-]?)?1[3-9]\\d(?:[\\s-]?\\d){8}(?![0-9])");
    /** Landline: area code 0xx/0xxx, optional brackets/dash, 7-8 digits. */
    private static final Pattern LANDLINE = Pattern.compile(
            "(?<![0-9])(?:\\(0\\d{2,3}\\)|0\\d{2,3})[\\s-]?\\d{7,8}(?![0-9])");
    /** Plate: province character, a letter, optional separator, 5 (classic) or 6 (new-energy) letters/digits. */
    private static final Pattern PLATE = Pattern.compile(
            "[" + PROVINCES + "]\\s?[A-Za-z][\\s·.-]?[A-HJ-NP-Za-hj-np-z0-9]{4}[A-HJ-NP-Za-hj-np-z0-9挂学警港澳]{1,2}(?![A-Za-z0-9])");

    public static final String MASK = "***";

    private CommentMasker() {
    }

    public static String mask(String comment) {
        if (comment == null) {
            return null;
        }
        String s = EMAIL.matcher(comment).replaceAll(MASK);
        s = ID_NUMBER.matcher(s).replaceAll(MASK);
        s = MOBILE.matcher(s).replaceAll(MASK);
        s = LANDLINE.matcher(s).replaceAll(MASK);
        s = PLATE.matcher(s).replaceAll(MASK);
        return s;
    }
}
