/** Products, channel listings and effective-dated price lists: the price in force at any moment, the same at till and shop. */
package dev.santong.goods.pricing;
