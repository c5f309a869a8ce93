package dev.taskfeed.task;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import dev.taskfeed.category.Category;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;

/** The link between a task and a category, with the moment it was made. */
@Entity
@Table(name = "task_categories")
public class TaskCategory {

	@EmbeddedId
	private Key id = new Key();

	@MapsId("taskId")
	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "task_id")
	private Task task;

	@MapsId("categoryId")
	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "category_id")
	private Category category;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected TaskCategory() {
	}

	TaskCategory(Task task, Category category, Instant now) {
		this.task = task;
		this.category = category;
		this.createdAt = now;
	}

	public Category getCategory() {
		return this.category;
	}

	Long categoryId() {
		return this.category.getId();
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof TaskCategory that) && this.task == that.task
				&& Objects.equals(categoryId(), that.categoryId());
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(categoryId());
	}

	@Embeddable
	static class Key implements Serializable {

		@Column(name = "task_id")
		private Long taskId;

		@Column(name = "category_id")
		private Long categoryId;

		@Override
		public boolean equals(Object other) {
			return (other instanceof Key that) && Objects.equals(this.taskId, that.taskId)
					&& Objects.equals(this.categoryId, that.categoryId);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.taskId, this.categoryId);
		}

	}

}
