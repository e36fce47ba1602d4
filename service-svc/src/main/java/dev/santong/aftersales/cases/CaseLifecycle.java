package dev.santong.aftersales.cases;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which step a case may take from which state, per type, and who may take it: the after-sales state machines as
 * data, apart from the rows they move. A shopper acts on their own case, staff on cases at their store, HQ admins on
 * any; HQ analysts only read.
 *
 * <pre>
 * RETURN     REQUESTED → APPROVED → ITEM_RECEIVED → INSPECTED → REFUNDED → CLOSED
 * EXCHANGE   REQUESTED → APPROVED → ITEM_RECEIVED → INSPECTED → EXCHANGED → CLOSED
 * REPAIR     REQUESTED → APPROVED → ITEM_RECEIVED → INSPECTED → REPAIRED → CLOSED
 * CLAIM      REQUESTED → APPROVED → ITEM_RECEIVED → INSPECTED → REFUNDED | REPLACED → CLOSED
 * COMPLAINT  REQUESTED → IN_PROGRESS → RESOLVED → CLOSED
 * any type   REQUESTED, APPROVED, IN_PROGRESS → WAITING_FOR_CUSTOMER → back where it was (the customer answered)
 *            before the item is received: REJECTED (staff) or CANCELLED (the shopper, staff); INSPECTED → REJECTED
 * </pre>
 */
final class CaseLifecycle {

    enum State {
        REQUESTED, APPROVED, IN_PROGRESS, WAITING_FOR_CUSTOMER, ITEM_RECEIVED, INSPECTED, REFUNDED, EXCHANGED, REPAIRED, REPLACED,
        RESOLVED, REJECTED, CANCELLED, CLOSED;

        boolean isFinal() {
            return this == CLOSED || this == CANCELLED;
        }
    }

    enum Action {
        APPROVE, START, ASK_CUSTOMER, CUSTOMER_ANSWERED, RECEIVE_ITEM, INSPECT, REFUND, EXCHANGE, REPAIR, REPLACE, RESOLVE, REJECT,
        CANCEL, CLOSE
    }

    /** Who takes a step: the shopper whose case it is, staff of the case's store, HQ. */
    enum Actor { SHOPPER, STORE_STAFF, HQ_ADMIN }

    /** A step the case may take now, and who may take it. */
    record Step(Action action, State to, Set<Actor> actors) {
    }

    private static final Set<Actor> STAFF = EnumSet.of(Actor.STORE_STAFF, Actor.HQ_ADMIN);
    private static final Set<Actor> ANYONE = EnumSet.allOf(Actor.class);

    private static final Map<CaseType, Map<State, List<Step>>> STEPS = new EnumMap<>(CaseType.class);

    static {
        for (CaseType type : CaseType.values()) {
            Map<State, List<Step>> steps = new EnumMap<>(State.class);
            if (type == CaseType.COMPLAINT) {
                steps.put(State.REQUESTED, List.of(step(Action.START, State.IN_PROGRESS, STAFF), step(Action.ASK_CUSTOMER, State.WAITING_FOR_CUSTOMER, STAFF),
                        step(Action.REJECT, State.REJECTED, STAFF), step(Action.CANCEL, State.CANCELLED, ANYONE)));
                steps.put(State.IN_PROGRESS, List.of(step(Action.RESOLVE, State.RESOLVED, STAFF),
                        step(Action.ASK_CUSTOMER, State.WAITING_FOR_CUSTOMER, STAFF), step(Action.CANCEL, State.CANCELLED, ANYONE)));
                steps.put(State.RESOLVED, List.of(step(Action.CLOSE, State.CLOSED, STAFF)));
            } else {
                steps.put(State.REQUESTED, List.of(step(Action.APPROVE, State.APPROVED, STAFF),
                        step(Action.ASK_CUSTOMER, State.WAITING_FOR_CUSTOMER, STAFF), step(Action.REJECT, State.REJECTED, STAFF),
                        step(Action.CANCEL, State.CANCELLED, ANYONE)));
                steps.put(State.APPROVED, List.of(step(Action.RECEIVE_ITEM, State.ITEM_RECEIVED, STAFF),
                        step(Action.ASK_CUSTOMER, State.WAITING_FOR_CUSTOMER, STAFF), step(Action.CANCEL, State.CANCELLED, ANYONE)));
                steps.put(State.ITEM_RECEIVED, List.of(step(Action.INSPECT, State.INSPECTED, STAFF)));
                steps.put(State.INSPECTED, outcomes(type));
                for (State done : List.of(State.REFUNDED, State.EXCHANGED, State.REPAIRED, State.REPLACED)) {
                    steps.put(done, List.of(step(Action.CLOSE, State.CLOSED, STAFF)));
                }
            }
            steps.put(State.REJECTED, List.of(step(Action.CLOSE, State.CLOSED, STAFF)));
            STEPS.put(type, steps);
        }
    }

    private CaseLifecycle() {
    }

    private static List<Step> outcomes(CaseType type) {
        Step reject = step(Action.REJECT, State.REJECTED, STAFF);
        return switch (type) {
            case RETURN -> List.of(step(Action.REFUND, State.REFUNDED, STAFF), reject);
            case EXCHANGE -> List.of(step(Action.EXCHANGE, State.EXCHANGED, STAFF), reject);
            case REPAIR -> List.of(step(Action.REPAIR, State.REPAIRED, STAFF), reject);
            case CLAIM -> List.of(step(Action.REFUND, State.REFUNDED, STAFF), step(Action.REPLACE, State.REPLACED, STAFF), reject);
            case COMPLAINT -> throw new IllegalArgumentException("a complaint has no inspection");
        };
    }

    private static Step step(Action action, State to, Set<Actor> actors) {
        return new Step(action, to, actors);
    }

    /**
     * The steps a case may take now. Waiting for the customer, the only step is the customer's answer (or a
     * cancellation), which returns the case to {@code resumeTo}, the state it waited in.
     */
    static List<Step> steps(CaseType type, State state, State resumeTo) {
        if (state == State.WAITING_FOR_CUSTOMER) {
            return List.of(step(Action.CUSTOMER_ANSWERED, resumeTo, ANYONE), step(Action.CANCEL, State.CANCELLED, ANYONE));
        }
        return STEPS.get(type).getOrDefault(state, List.of());
    }

    /** The step the action takes from the state, if the type allows it there at all. */
    static Optional<Step> step(CaseType type, State state, State resumeTo, Action action) {
        return steps(type, state, resumeTo).stream().filter(step -> step.action() == action).findFirst();
    }

    /** The states a case of the type can be in, from REQUESTED on. */
    static Set<State> reachable(CaseType type) {
        Set<State> reachable = EnumSet.of(State.REQUESTED);
        java.util.Deque<State> next = new java.util.ArrayDeque<>(reachable);
        while (!next.isEmpty()) {
            for (Step step : steps(type, next.pop(), State.REQUESTED)) {
                if (reachable.add(step.to())) {
                    next.push(step.to());
                }
            }
        }
        return reachable;
    }

    /** What the allowed actions from a state are, for a refusal that names them. */
    static String allowed(CaseType type, State state, State resumeTo) {
        List<Step> steps = steps(type, state, resumeTo);
        return steps.isEmpty() ? "none" : steps.stream().map(step -> step.action().name()).collect(Collectors.joining(", "));
    }
}
