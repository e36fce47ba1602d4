/** The catalogue: SKUs and the barcodes that identify them at every till. */
package dev.santong.goods.catalogue;
