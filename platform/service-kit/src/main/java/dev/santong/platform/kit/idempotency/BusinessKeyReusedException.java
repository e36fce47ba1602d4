package dev.santong.platform.kit.idempotency;

import dev.santong.platform.kit.problem.ConflictException;

/** 409: a business key came back with other content; the first write stands and nothing is applied twice. */
public class BusinessKeyReusedException extends ConflictException {

    public BusinessKeyReusedException(String detail) {
        super("business-key-reused", detail);
    }
}
