package dev.santong.platform.kit.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.accept.ApiVersionHolder;
import org.springframework.web.accept.SemanticApiVersionParser;
import org.springframework.web.servlet.HandlerMapping;

/** The API version a request was resolved to (ADR 0011), as the kit's version 1 shapes need it. */
public final class ApiVersions {

    private ApiVersions() {
    }

    public static boolean isVersion1(HttpServletRequest request) {
        return isVersion1(request.getAttribute(HandlerMapping.API_VERSION_ATTRIBUTE));
    }

    /** Without a resolved version (versioning off) the request is a version 1 client's too. */
    static boolean isVersion1(Object resolved) {
        Object version = resolved instanceof ApiVersionHolder holder ? holder.getVersionIfPresent() : resolved;
        if (version instanceof SemanticApiVersionParser.Version semantic) {
            return semantic.getMajor() < 2;
        }
        return version == null || version.toString().startsWith("1");
    }
}
