/** Stock: locations, levels that are the sum of movements, reservations that never oversell, availability. */
package dev.santong.goods.stock;
