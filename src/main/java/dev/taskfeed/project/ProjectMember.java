package dev.taskfeed.project;

import java.io.Serializable;
import java.time.Instant;

import dev.taskfeed.user.User;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;

/** A user's place in a project: the role decides what they may do there. */
@Entity
@Table(name = "project_members")
public class ProjectMember {

	@EmbeddedId
	private Key id;

	@MapsId("projectId")
	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "project_id")
	private Project project;

	@MapsId("userId")
	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "user_id")
	private User user;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 8)
	private ProjectRole role;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected ProjectMember() {
	}

	ProjectMember(Project project, User user, ProjectRole role, Instant now) {
		this.id = new Key(project.getId(), user.getId());
		this.project = project;
		this.user = user;
		this.role = role;
		this.createdAt = now;
	}

	void changeRole(ProjectRole role) {
		this.role = role;
	}

	public Project getProject() {
		return this.project;
	}

	public User getUser() {
		return this.user;
	}

	public ProjectRole getRole() {
		return this.role;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	@Embeddable
	public record Key(@Column(name = "project_id") Long projectId,
			@Column(name = "user_id") Long userId) implements Serializable {
	}

}
