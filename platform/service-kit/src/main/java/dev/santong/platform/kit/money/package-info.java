/** Money on the wire: one representation for every answer, and version 1's numbers for clients that read them. */
package dev.santong.platform.kit.money;
