/** How a service's feature modules declare what they own, so the build can hold them to it. */
package dev.santong.platform.kit.module;
