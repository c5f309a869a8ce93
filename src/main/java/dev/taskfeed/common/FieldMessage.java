package dev.taskfeed.common;

/** One entry of a validation problem's {@code errors} array. */
public record FieldMessage(String field, String message) {
}
