package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Input;
import io.smallrye.graphql.api.Nullable;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

/** Filter over the segmentation dimensions (contracts.md); every list is optional and means "any of". */
@Input("SegmentFilter")
@RegisterForReflection
public record SegmentFilter(@Nullable List<@NonNull String> storeIds, @Nullable List<@NonNull String> regionIds,
        @Nullable List<@NonNull ServiceType> serviceTypes, @Nullable List<@NonNull PaymentType> paymentTypes,
        @Nullable List<@NonNull VisitKind> visitKinds, @Nullable List<@NonNull Tenure> tenures, @Nullable List<@NonNull Locality> localities,
        @Nullable List<@NonNull SpendBand> spendBands, @Nullable List<@NonNull String> ageBands, @Nullable List<@NonNull String> genders,
        @Nullable List<@NonNull String> occupations, @Nullable List<@NonNull Channel> channels) {

    public static SegmentFilter none() {
        return new SegmentFilter(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public SegmentFilter withStoreIds(List<String> stores) {
        return new SegmentFilter(stores, regionIds, serviceTypes, paymentTypes, visitKinds, tenures, localities,
                spendBands, ageBands, genders, occupations, channels);
    }
}
