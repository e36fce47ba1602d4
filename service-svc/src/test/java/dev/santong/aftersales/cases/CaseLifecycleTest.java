package dev.santong.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.santong.aftersales.cases.CaseLifecycle.Action;
import dev.santong.aftersales.cases.CaseLifecycle.Actor;
import dev.santong.aftersales.cases.CaseLifecycle.State;

class CaseLifecycleTest {

    @Test
    void aReturnIsApprovedReceivedInspectedRefundedAndClosed() {
        State state = State.REQUESTED;
        for (Action action : List.of(Action.APPROVE, Action.RECEIVE_ITEM, Action.INSPECT, Action.REFUND, Action.CLOSE)) {
            state = CaseLifecycle.step(CaseType.RETURN, state, null, action).orElseThrow(() -> new AssertionError(action)).to();
        }
        assertThat(state).isEqualTo(State.CLOSED);
    }

    @Test
    void eachTypeEndsInItsOwnOutcome() {
        assertThat(CaseLifecycle.step(CaseType.EXCHANGE, State.INSPECTED, null, Action.EXCHANGE)).isPresent();
        assertThat(CaseLifecycle.step(CaseType.EXCHANGE, State.INSPECTED, null, Action.REFUND)).as("an exchange is not refunded").isEmpty();
        assertThat(CaseLifecycle.step(CaseType.REPAIR, State.INSPECTED, null, Action.REPAIR)).isPresent();
        assertThat(CaseLifecycle.step(CaseType.CLAIM, State.INSPECTED, null, Action.REFUND)).isPresent();
        assertThat(CaseLifecycle.step(CaseType.CLAIM, State.INSPECTED, null, Action.REPLACE)).isPresent();
        assertThat(CaseLifecycle.step(CaseType.COMPLAINT, State.REQUESTED, null, Action.RECEIVE_ITEM)).as("a complaint has no item").isEmpty();
        assertThat(CaseLifecycle.step(CaseType.COMPLAINT, State.IN_PROGRESS, null, Action.RESOLVE).orElseThrow().to()).isEqualTo(State.RESOLVED);
    }

    @Test
    void waitingForTheCustomerResumesWhereTheCaseWaited() {
        assertThat(CaseLifecycle.step(CaseType.RETURN, State.APPROVED, null, Action.ASK_CUSTOMER).orElseThrow().to())
                .isEqualTo(State.WAITING_FOR_CUSTOMER);
        assertThat(CaseLifecycle.step(CaseType.RETURN, State.WAITING_FOR_CUSTOMER, State.APPROVED, Action.CUSTOMER_ANSWERED).orElseThrow().to())
                .isEqualTo(State.APPROVED);
        assertThat(CaseLifecycle.allowed(CaseType.RETURN, State.WAITING_FOR_CUSTOMER, State.APPROVED)).isEqualTo("CUSTOMER_ANSWERED, CANCEL");
    }

    @Test
    void aShopperMayOnlyCancelOrAnswerAndNotOnceTheItemIsReceived() {
        for (CaseType type : CaseType.values()) {
            for (State state : State.values()) {
                for (CaseLifecycle.Step step : CaseLifecycle.steps(type, state, State.REQUESTED)) {
                    if (step.actors().contains(Actor.SHOPPER)) {
                        assertThat(step.action()).as("%s %s", type, state).isIn(Action.CANCEL, Action.CUSTOMER_ANSWERED);
                        assertThat(state).as("%s %s", type, state).isNotIn(State.ITEM_RECEIVED, State.INSPECTED);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CaseType.class)
    void everyStateAReachableCaseCanBeInLeadsToAFinalState(CaseType type) {
        Set<State> reachable = CaseLifecycle.reachable(type);
        for (State state : reachable) {
            assertThat(state.isFinal() || !CaseLifecycle.steps(type, state, State.REQUESTED).isEmpty()).as("%s stuck in %s", type, state).isTrue();
        }
        assertThat(reachable).contains(State.CLOSED, State.CANCELLED);
        assertThat(CaseLifecycle.steps(type, State.CLOSED, null)).as("closed is final").isEmpty();
    }
}
