package dev.santong.console.web;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A form field left empty is a field not given: a browser sends {@code store=} for an empty box, and a page's own
 * links carry the same. Text is trimmed, so " 9 " is store 9.
 */
@ControllerAdvice
class FormInput {

    @InitBinder
    void emptyIsAbsent(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }
}
