/** The change feed of catalogue, prices and stock that POS caches follow: ordered, resumable, no broker. */
package dev.santong.goods.feed;
