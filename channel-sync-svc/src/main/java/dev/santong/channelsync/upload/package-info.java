/** The upload API: a store's batch is stored durably before the reply, each transaction once by its natural key. */
@OwnsTables({"pos_batch", "pos_transaction", "pos_transaction_conflict", "store_contact", "batch_identity", "member_erasure"})
package dev.santong.channelsync.upload;

import dev.santong.platform.kit.module.OwnsTables;
