package dev.taskfeed.user;

/**
 * A user was registered; published inside the registration's transaction, so what
 * listeners add (their personal project) commits or rolls back with the account.
 */
public record UserRegisteredEvent(long userId) {
}
