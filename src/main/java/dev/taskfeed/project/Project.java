package dev.taskfeed.project;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A list of tasks shared by its members. Every user has one personal project (private,
 * never deleted); any other project is shared by the members its owners add.
 */
@Entity
@Table(name = "projects")
public class Project {

	/**
	 * The name a personal project is stored with; pages show it in the reader's language.
	 */
	public static final String PERSONAL_NAME = "Personal";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = 80)
	private String name;

	@Column(name = "personal_user_id", updatable = false)
	private Long personalUserId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	@Column(nullable = false)
	private long version;

	protected Project() {
	}

	private Project(String name, Long personalUserId, Instant now) {
		this.name = name;
		this.personalUserId = personalUserId;
		this.createdAt = now;
		this.updatedAt = now;
	}

	static Project shared(String name, Instant now) {
		return new Project(name, null, now);
	}

	static Project personal(long userId, Instant now) {
		return new Project(PERSONAL_NAME, userId, now);
	}

	boolean rename(String name, Instant now) {
		if (name.equals(this.name)) {
			return false;
		}
		this.name = name;
		this.updatedAt = now;
		return true;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public boolean isPersonal() {
		return this.personalUserId != null;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
