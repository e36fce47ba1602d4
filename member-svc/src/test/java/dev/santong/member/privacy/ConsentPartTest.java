package dev.santong.member.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.santong.member.privacy.Consents.Action;
import dev.santong.member.privacy.Consents.State;

class ConsentPartTest {

    private static State state(Action action) {
        return new State(ConsentPurpose.MARKETING_SMS, "*", action, action == Action.GIVEN ? 1 : null, Instant.EPOCH);
    }

    @Test
    void aMergeKeepsConsentOnlyWhenBothSidesGaveIt() {
        assertThat(ConsentPart.stricter(state(Action.GIVEN), state(Action.GIVEN))).isEqualTo(Action.GIVEN);
        assertThat(ConsentPart.stricter(state(Action.GIVEN), state(Action.WITHDRAWN))).isEqualTo(Action.WITHDRAWN);
        assertThat(ConsentPart.stricter(state(Action.WITHDRAWN), state(Action.GIVEN))).isEqualTo(Action.WITHDRAWN);
        assertThat(ConsentPart.stricter(state(Action.GIVEN), null)).as("never asked is no consent").isEqualTo(Action.WITHDRAWN);
        assertThat(ConsentPart.stricter(null, state(Action.GIVEN))).isEqualTo(Action.WITHDRAWN);
    }
}
