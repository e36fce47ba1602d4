/** 商品通: owns products, SKUs, barcodes, prices, locations, stock and reservations. Does not own members or cases. */
package dev.santong.goods;
