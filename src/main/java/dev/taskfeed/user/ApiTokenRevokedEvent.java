package dev.taskfeed.user;

/** An API token was revoked; published inside the revoking transaction. */
public record ApiTokenRevokedEvent(long userId, long tokenId) {
}
