package dev.santong.goods.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.santong.platform.kit.problem.InvalidRequestException;

/** The stock module's arithmetic apart from its rows: distances for "nearest first", and what hot-mode buckets may hold. */
class StockRulesTest {

    @Test
    void distancesAreGreatCircleKilometres() {
        // Nanjing Road (store 9) to Xujiahui (store 12), and Shanghai to Beijing.
        assertThat(Availability.haversineKm(31.2352, 121.4748, 31.1955, 121.4365)).isCloseTo(5.7, within(0.1));
        assertThat(Availability.haversineKm(31.2304, 121.4737, 39.9042, 116.4074)).isCloseTo(1067.0, within(2.0));
        assertThat(Availability.haversineKm(31.2304, 121.4737, 31.2304, 121.4737)).isZero();
    }

    @Test
    void aPointIsLatitudeCommaLongitudeInDegrees() {
        assertThat(Availability.point("31.2304,121.4737")).containsExactly(31.2304, 121.4737);
        assertThat(Availability.point("-33.8688,151.2093")).containsExactly(-33.8688, 151.2093);
    }

    @ParameterizedTest
    @ValueSource(strings = { "NaN,NaN", "31.2,NaN", "Infinity,0", "91,0", "0,181", "31.2", "31.2,121.4,7", "north,east", "" })
    void anythingElseIsRefusedNamingTheField(String near) {
        assertThatThrownBy(() -> Availability.point(near)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("near");
    }

    @Test
    void bucketsNeverHoldHeldUnitsSafetyStockOrABuffer() {
        assertThat(HotBuckets.sellableIntoBuckets(100, 30, 10, 5)).isEqualTo(55);
        assertThat(HotBuckets.sellableIntoBuckets(40, 30, 10, 5)).as("less on hand than is spoken for").isZero();
        assertThat(HotBuckets.sellableIntoBuckets(-3, 0, 0, 0)).as("a negative level sells nothing").isZero();
    }
}
