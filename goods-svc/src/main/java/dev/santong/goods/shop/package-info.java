/**
 * The online shop's window: what anyone may read without logging in — listed products and SKUs with their prices in
 * force and what may be promised — searchable, a page at a time. Reads the catalogue, pricing and stock; owns no table.
 */
package dev.santong.goods.shop;
