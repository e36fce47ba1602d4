/** goods-svc as after-sales sees it: warranty terms of SKUs, and later the stock returned goods go back to. */
package dev.santong.aftersales.goods;
