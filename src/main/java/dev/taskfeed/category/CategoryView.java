package dev.taskfeed.category;

import java.time.Instant;

public record CategoryView(Long id, Long projectId, String name, String color, Instant createdAt, Instant updatedAt) {

	static CategoryView of(Category category) {
		return new CategoryView(category.getId(), category.getProjectId(), category.getName(), category.getColor(),
				category.getCreatedAt(), category.getUpdatedAt());
	}

}
