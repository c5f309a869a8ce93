package dev.taskfeed.user;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A token as listed: never its secret. {@code token} is filled only in the answer to its
 * creation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiTokenView(Long id, String name, String token, Instant createdAt, Instant lastUsedAt) {

	static ApiTokenView of(ApiToken token) {
		return new ApiTokenView(token.getId(), token.getName(), null, token.getCreatedAt(), token.getLastUsedAt());
	}

}
