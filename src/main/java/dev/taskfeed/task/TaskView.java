package dev.taskfeed.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.taskfeed.category.Category;
import dev.taskfeed.project.Project;
import dev.taskfeed.user.User;

/**
 * A task as the REST API and the live feed show it: a plain snapshot, no entity or proxy.
 * {@code owner} is its creator, as {@code createdBy} is (kept for the clients written
 * before projects); the project decides who sees it.
 */
public record TaskView(Long id, String title, String description, TaskStatus status, LocalDate dueDate,
		Instant createdAt, Instant updatedAt, long version, ProjectRef project, Person createdBy, Person assignee,
		int commentCount, Owner owner, List<CategoryRef> categories) {

	public static TaskView of(Task task) {
		User owner = task.getOwner();
		List<CategoryRef> categories = task.getCategories()
			.stream()
			.map(TaskCategory::getCategory)
			.map(CategoryRef::of)
			.sorted(Comparator.comparing((CategoryRef c) -> c.name().toLowerCase()).thenComparing(CategoryRef::id))
			.toList();
		Project project = task.getProject();
		return new TaskView(task.getId(), task.getTitle(), task.getDescription(), task.getStatus(), task.getDueDate(),
				task.getCreatedAt(), task.getUpdatedAt(), task.getVersion(),
				new ProjectRef(project.getId(), project.getName()), Person.of(owner), Person.of(task.getAssignee()),
				task.getCommentCount(), new Owner(owner.getId(), owner.getEmail(), owner.getDisplayName()), categories);
	}

	/** The quoted version, as sent in {@code ETag} and expected in {@code If-Match}. */
	@JsonIgnore
	public String etag() {
		return "\"" + this.version + "\"";
	}

	public record Owner(Long id, String email, String displayName) {
	}

	public record ProjectRef(Long id, String name) {
	}

	/** Someone as the other members of a project see them. */
	public record Person(Long id, String displayName) {

		static Person of(User user) {
			return (user != null) ? new Person(user.getId(), user.getDisplayName()) : null;
		}

	}

	public record CategoryRef(Long id, String name, String color) {

		static CategoryRef of(Category category) {
			return new CategoryRef(category.getId(), category.getName(), category.getColor());
		}

	}

}
