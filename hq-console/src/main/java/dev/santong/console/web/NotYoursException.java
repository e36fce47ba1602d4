package dev.santong.console.web;

/** A page of a store (or an action) the signed-in person may not see: another store's, for store staff. */
public class NotYoursException extends RuntimeException {

    public NotYoursException(String what) {
        super(what);
    }
}
