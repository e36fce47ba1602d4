/** Products, channel listings and effective-dated price lists: the price in force at any moment, the same at till and shop. */
@OwnsTables({"price", "listing"})
package dev.santong.goods.pricing;

import dev.santong.platform.kit.module.OwnsTables;
