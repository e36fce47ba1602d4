/** The catalogue: SKUs and the barcodes that identify them at every till. */
@OwnsTables({"product", "sku", "sku_barcode"})
package dev.santong.goods.catalogue;

import dev.santong.platform.kit.module.OwnsTables;
