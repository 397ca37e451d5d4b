package io.npsloop.survey.recovery.passive;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The passive activation worksheet (中立者激活工作表): a 7–8 is typed from its reason tags, then its ratings, then
 * whether the customer said anything at all. Pure.
 * <ol>
 * <li>reason PRICE or PARTS → ECONOMIC (价格还行,但不算便宜 → 赠送增值服务);</li>
 * <li>reason ATTITUDE or COMMUNICATION → EMOTIONAL (感觉有点冷冰冰的 → 增加人情味触点);</li>
 * <li>any other reason → RATIONAL (服务还可以,没啥特别的 → 超预期的专业价值);</li>
 * <li>no reason but ratings: the lowest rating decides — {@code care} → EMOTIONAL, {@code transparency} →
 *     ECONOMIC, {@code responseSpeed}/{@code professionalism} → RATIONAL (ties: care, transparency, the rest);</li>
 * <li>no reason, no rating, no comment → LAZY (还行吧,懒得细说 → 降低推荐门槛); a comment alone → RATIONAL.</li>
 * </ol>
 */
public final class PassiveClassifier {

    public enum Type {
        RATIONAL("VEHICLE_HEALTH_REPORT", "提供专属车辆健康报告(超预期的专业价值)"),
        ECONOMIC("ADDED_VALUE_SERVICE", "赠送实用增值服务(免费洗车、轮胎补气、玻璃水加注)"),
        EMOTIONAL("HUMAN_TOUCH", "增加人情味触点(回访问候、手写卡片)"),
        LAZY("REFERRAL_QR", "降低推荐门槛(生成专属推荐二维码)");

        public final String action;
        public final String description;

        Type(String action, String description) {
            this.action = action;
            this.description = description;
        }
    }

    private static final Set<String> ECONOMIC_REASONS = Set.of("PRICE", "PARTS");
    private static final Set<String> EMOTIONAL_REASONS = Set.of("ATTITUDE", "COMMUNICATION");

    private PassiveClassifier() {
    }

    public static Type classify(List<String> reasons, Map<String, Integer> ratings, String comment) {
        List<String> rs = reasons == null ? List.of() : reasons;
        if (rs.stream().anyMatch(ECONOMIC_REASONS::contains)) {
            return Type.ECONOMIC;
        }
        if (rs.stream().anyMatch(EMOTIONAL_REASONS::contains)) {
            return Type.EMOTIONAL;
        }
        if (!rs.isEmpty()) {
            return Type.RATIONAL;
        }
        if (ratings != null && !ratings.isEmpty()) {
            int min = ratings.values().stream().mapToInt(Integer::intValue).min().orElse(5);
            if (Integer.valueOf(min).equals(ratings.get("care"))) {
                return Type.EMOTIONAL;
            }
            if (Integer.valueOf(min).equals(ratings.get("transparency"))) {
                return Type.ECONOMIC;
            }
            return Type.RATIONAL;
        }
        return comment == null || comment.isBlank() ? Type.LAZY : Type.RATIONAL;
    }
}
