package dev.taskfeed.calendar;

import java.time.Instant;

import dev.taskfeed.user.User;
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
@Table(name = "calendar_feeds")
class CalendarFeed {

	/**
	 * Every URL shows all of its owner's tasks; 'assigned' and 'project:<id>' come with
	 * shared projects.
	 */
	static final String SCOPE_ALL = "all";

	static final String SCOPE_ASSIGNED = "assigned";

	static final String SCOPE_PROJECT = "project";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "user_id")
	private User user;

	@Column(name = "secret_hash", nullable = false, length = 64)
	private String secretHash;

	@Column(nullable = false, length = 40)
	private String scope;

	@Column(name = "project_id")
	private Long projectId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "last_used_at")
	private Instant lastUsedAt;

	protected CalendarFeed() {
	}

	CalendarFeed(User user, String secretHash, String scope, Long projectId, Instant now) {
		this.user = user;
		this.secretHash = secretHash;
		this.scope = scope;
		this.projectId = projectId;
		this.createdAt = now;
	}

	Long getId() {
		return this.id;
	}

	User getUser() {
		return this.user;
	}

	String getScope() {
		return this.scope;
	}

	Long getProjectId() {
		return this.projectId;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

}
