package dev.taskfeed.project;

import java.time.Instant;

/**
 * A project as the API and the feed show it to one member: {@code role} is that member's
 * (null in a {@code project-left} event: they have none any more).
 */
public record ProjectView(Long id, String name, boolean personal, ProjectRole role, long memberCount, Instant createdAt,
		Instant updatedAt) {

	public ProjectView withRole(ProjectRole role) {
		return new ProjectView(this.id, this.name, this.personal, role, this.memberCount, this.createdAt,
				this.updatedAt);
	}

}
