package io.npsloop.referral.code;

/** A code as the public pages need it; {@code storeName} falls back to the store id until StoreUpserted arrives. */
public record CodeView(String code, String customerKey, String storeId, String storeName, String displayName,
                       boolean active) {
}
