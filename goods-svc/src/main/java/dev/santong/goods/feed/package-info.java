/** The change feed of catalogue, prices and stock that POS caches follow: ordered, resumable, no broker. */
@OwnsTables("change_event")
package dev.santong.goods.feed;

import dev.santong.platform.kit.module.OwnsTables;
