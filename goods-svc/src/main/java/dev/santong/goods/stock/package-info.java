/** Stock: locations, levels that are the sum of movements, reservations that never oversell, availability. */
@OwnsTables({"location", "reservation", "reservation_holder", "stock_bucket", "stock_level", "stock_movement", "transfer"})
package dev.santong.goods.stock;

import dev.santong.platform.kit.module.OwnsTables;
