package dev.taskfeed.comment;

import java.time.Instant;

import dev.taskfeed.user.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

/**
 * One message in a task's conversation: plain text, line breaks kept, never rendered as
 * HTML. Its project (for the feed's audience) is the task's, carried along when loaded.
 */
@Entity
@Table(name = "comments")
@EntityListeners(CommentChangeListener.class)
public class Comment {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "task_id", nullable = false, updatable = false)
	private Long taskId;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "author_id", updatable = false)
	private User author;

	@Column(nullable = false, length = 4000)
	private String body;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "edited_at")
	private Instant editedAt;

	@Version
	@Column(nullable = false)
	private long version;

	/** The task's project, set by the service that loaded it, for the feed. */
	@Transient
	private Long projectId;

	protected Comment() {
	}

	Comment(long taskId, long projectId, User author, String body, Instant now) {
		this.taskId = taskId;
		this.projectId = projectId;
		this.author = author;
		this.body = body;
		this.createdAt = now;
	}

	boolean edit(String body, Instant now) {
		if (body.equals(this.body)) {
			return false;
		}
		this.body = body;
		this.editedAt = now;
		return true;
	}

	void inProject(long projectId) {
		this.projectId = projectId;
	}

	public Long getId() {
		return this.id;
	}

	public Long getTaskId() {
		return this.taskId;
	}

	public User getAuthor() {
		return this.author;
	}

	public String getBody() {
		return this.body;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getEditedAt() {
		return this.editedAt;
	}

	public long getVersion() {
		return this.version;
	}

	public Long getProjectId() {
		return this.projectId;
	}

}
