package dev.taskfeed.user;

import java.time.Instant;

public record UserView(Long id, String email, String displayName, Instant createdAt) {

	static UserView of(User user) {
		return new UserView(user.getId(), user.getEmail(), user.getDisplayName(), user.getCreatedAt());
	}

}
