/** What channel-sync-svc asks of goods-svc (stock movements, SKUs by barcode, movement totals, the change feed): its own client and records. */
package dev.santong.channelsync.goods;
