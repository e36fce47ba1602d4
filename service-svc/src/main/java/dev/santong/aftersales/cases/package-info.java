/** Opening after-sales cases from any channel and who may see them. */
package dev.santong.aftersales.cases;
