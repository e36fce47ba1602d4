/** The erasure hook's wire contract, the same for every service that keeps data about members. */
package dev.santong.platform.kit.privacy;
