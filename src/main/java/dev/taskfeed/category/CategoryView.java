package dev.taskfeed.category;

import java.time.Instant;

public record CategoryView(Long id, String name, String color, Instant createdAt, Instant updatedAt) {

	static CategoryView of(Category category) {
		return new CategoryView(category.getId(), category.getName(), category.getColor(), category.getCreatedAt(),
				category.getUpdatedAt());
	}

}
