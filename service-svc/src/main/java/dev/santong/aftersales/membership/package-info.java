/** member-svc as after-sales sees it: the purchases cases are checked against, and later the points and benefits they move. */
package dev.santong.aftersales.membership;
