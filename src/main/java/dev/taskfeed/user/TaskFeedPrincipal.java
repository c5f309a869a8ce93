package dev.taskfeed.user;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user as Spring Security holds it. Its name (the e-mail address as
 * registered) is also the STOMP user name the live feed delivers to.
 */
public final class TaskFeedPrincipal implements UserDetails, CredentialsContainer {

	@Serial
	private static final long serialVersionUID = 1L;

	private static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_USER"));

	private final long id;

	private final String email;

	private final String displayName;

	private String passwordHash;

	TaskFeedPrincipal(long id, String email, String displayName, String passwordHash) {
		this.id = id;
		this.email = email;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
	}

	static TaskFeedPrincipal of(User user) {
		return new TaskFeedPrincipal(user.getId(), user.getEmail(), user.getDisplayName(), user.getPasswordHash());
	}

	public long id() {
		return this.id;
	}

	public String email() {
		return this.email;
	}

	public String displayName() {
		return this.displayName;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return AUTHORITIES;
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.email;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof TaskFeedPrincipal that) && this.id == that.id;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.id);
	}

	@Override
	public String toString() {
		return "TaskFeedPrincipal[id=" + this.id + ", email=" + this.email + "]";
	}

}
