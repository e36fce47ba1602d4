package dev.santong.goods.stock;

import java.util.Arrays;
import java.util.List;

/** Why on hand changed. The sign of a movement's quantity must match its cause; a COUNT carries the counted level. */
enum Cause {
    POS_SALE(-1), POS_RETURN(1), ONLINE_ORDER(-1), RETURN_RESTOCK(1), RECEIPT(1), TRANSFER_OUT(-1), TRANSFER_IN(0), ADJUSTMENT(0), COUNT(0),
    /** A returned item arrives: it waits for inspection, not on the shelf. */
    RETURN_RECEIVED(1),
    /** Inspection passed: from awaiting inspection back on the shelf. */
    INSPECTED_RESTOCK(1),
    /** Inspection failed: from awaiting inspection to damaged. */
    INSPECTED_DAMAGED(1);

    /** Whether the movement changes on hand (the shelf); the others move units between the level's other states. */
    boolean changesOnHand() {
        return this != RETURN_RECEIVED && this != INSPECTED_DAMAGED;
    }

    /** Returned goods arriving or leaving inspection: what after-sales moves. */
    boolean isReturnedGoods() {
        return this == RETURN_RECEIVED || this == INSPECTED_RESTOCK || this == INSPECTED_DAMAGED;
    }

    /** The causes that change on hand, by name: what a late count re-applies on top of itself. */
    static List<String> shelfCauses() {
        return Arrays.stream(values()).filter(Cause::changesOnHand).filter(cause -> cause != COUNT).map(Enum::name).toList();
    }

    private final int sign;

    Cause(int sign) {
        this.sign = sign;
    }

    /** Whether a quantity of this sign is what this cause means (0: either sign, or the absolute count). */
    boolean accepts(long quantity) {
        if (this == COUNT) {
            return quantity >= 0;
        }
        if (this == TRANSFER_IN) {
            // A transfer can arrive with nothing in it; that is a discrepancy, not an error.
            return quantity >= 0;
        }
        return quantity != 0 && (sign == 0 || Long.signum(quantity) == sign);
    }
}
