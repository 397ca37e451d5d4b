package io.npsloop.analytics.rollup;

/**
 * The additive measures every rollup row carries, in column order of {@code V2__rollups.sql}. All are counts or
 * sums of integers, so any set of rows sums to the exact figures of the responses (or events) behind them.
 */
public enum Measure {
    N("n"),
    PROMOTERS("promoters"),
    PASSIVES("passives"),
    DETRACTORS("detractors"),
    V_N("v_n"),
    V_PROMOTERS("v_promoters"),
    V_PASSIVES("v_passives"),
    V_DETRACTORS("v_detractors"),
    SCORE_SUM("score_sum"),
    SCORE_SQ("score_sq"),
    R_SPEED_N("r_speed_n"),
    R_SPEED_X("r_speed_x"),
    R_SPEED_XX("r_speed_xx"),
    R_SPEED_XY("r_speed_xy"),
    R_SPEED_Y("r_speed_y"),
    R_SPEED_YY("r_speed_yy"),
    R_PROF_N("r_prof_n"),
    R_PROF_X("r_prof_x"),
    R_PROF_XX("r_prof_xx"),
    R_PROF_XY("r_prof_xy"),
    R_PROF_Y("r_prof_y"),
    R_PROF_YY("r_prof_yy"),
    R_TRANSP_N("r_transp_n"),
    R_TRANSP_X("r_transp_x"),
    R_TRANSP_XX("r_transp_xx"),
    R_TRANSP_XY("r_transp_xy"),
    R_TRANSP_Y("r_transp_y"),
    R_TRANSP_YY("r_transp_yy"),
    R_CARE_N("r_care_n"),
    R_CARE_X("r_care_x"),
    R_CARE_XX("r_care_xx"),
    R_CARE_XY("r_care_xy"),
    R_CARE_Y("r_care_y"),
    R_CARE_YY("r_care_yy"),
    RESURVEY_N("resurvey_n"),
    RESURVEY_DETRACTORS("resurvey_detractors"),
    REASON_WAIT_TIME("reason_wait_time"),
    REASON_PRICE("reason_price"),
    REASON_REPAIR_QUALITY("reason_repair_quality"),
    REASON_ATTITUDE("reason_attitude"),
    REASON_TRANSPARENCY("reason_transparency"),
    REASON_PROFESSIONALISM("reason_professionalism"),
    REASON_CLEANLINESS("reason_cleanliness"),
    REASON_COMMUNICATION("reason_communication"),
    REASON_PARTS("reason_parts"),
    REASON_OTHER("reason_other"),
    ORDERS_COMPLETED("orders_completed"),
    INVITED("invited"),
    OPENED("opened"),
    ANSWERED("answered"),
    CASES_OPENED("cases_opened"),
    FIRST_CONTACTS("first_contacts"),
    FC_MINUTES("fc_minutes"),
    FC_MINUTES_SQ("fc_minutes_sq"),
    CASES_CLOSED("cases_closed"),
    CASES_RECOVERED("cases_recovered"),
    CLOSED_LE_1H("closed_le_1h"),
    RECOVERED_LE_1H("recovered_le_1h"),
    CLOSED_LE_4H("closed_le_4h"),
    RECOVERED_LE_4H("recovered_le_4h"),
    CLOSED_LE_24H("closed_le_24h"),
    RECOVERED_LE_24H("recovered_le_24h"),
    CLOSED_GT_24H("closed_gt_24h"),
    RECOVERED_GT_24H("recovered_gt_24h"),
    REF_CODES("ref_codes"),
    REF_CLICKS("ref_clicks"),
    REF_QR_CLICKS("ref_qr_clicks"),
    REF_UNIQUE("ref_unique"),
    REF_BOOKINGS("ref_bookings"),
    REF_CONVERSIONS("ref_conversions"),
    REF_REWARDS_CENTS("ref_rewards_cents");

    public static final Measure[] ALL = values();
    public static final int COUNT = ALL.length;

    private final String column;

    Measure(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }
}
