package dev.taskfeed.category;

import java.time.Instant;

import dev.taskfeed.project.Project;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "categories")
public class Category {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "project_id")
	private Project project;

	@Column(nullable = false, length = 50)
	private String name;

	@Column(nullable = false, length = 7)
	private String color;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Category() {
	}

	Category(Project project, String name, String color, Instant now) {
		this.project = project;
		this.name = name;
		this.color = color;
		this.createdAt = now;
		this.updatedAt = now;
	}

	void rename(String name, Instant now) {
		this.name = name;
		this.updatedAt = now;
	}

	void recolor(String color, Instant now) {
		this.color = color;
		this.updatedAt = now;
	}

	public Long getId() {
		return this.id;
	}

	/** The project's id, without loading the project. */
	public Long getProjectId() {
		return this.project.getId();
	}

	public String getName() {
		return this.name;
	}

	public String getColor() {
		return this.color;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
