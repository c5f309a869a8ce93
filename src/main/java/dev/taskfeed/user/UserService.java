package dev.taskfeed.user;

import java.time.Clock;
import java.time.Instant;

import dev.taskfeed.common.DomainException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class UserService implements UserDetailsService {

	static final String PASSWORD_CONTROL_CHARACTERS = "must not contain control characters (such as \\u0000, a tab "
			+ "or a line break)";

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	UserService(UserRepository users, PasswordEncoder passwordEncoder, Clock clock, ApplicationEventPublisher events) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Registers an account. A password with a control character (NUL, a line break, an
	 * escape) is refused: no sign-in form or Basic header could send it again.
	 */
	@Transactional
	public UserView register(String email, String password, String displayName) {
		if (password.codePoints().anyMatch(Character::isISOControl)) {
			throw DomainException.invalidField("password", PASSWORD_CONTROL_CHARACTERS);
		}
		String normalizedEmail = email.strip();
		if (this.users.findByEmail(normalizedEmail).isPresent()) {
			throw emailTaken();
		}
		User user = new User(normalizedEmail, displayName.strip(), this.passwordEncoder.encode(password),
				Instant.now(this.clock));
		try {
			this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			// a concurrent registration with the same address won the race
			throw emailTaken();
		}
		this.events.publishEvent(new UserRegisteredEvent(user.getId()));
		return UserView.of(user);
	}

	public UserView get(long id) {
		return this.users.findById(id).map(UserView::of).orElseThrow(() -> DomainException.notFound("user", id));
	}

	@Override
	public TaskFeedPrincipal loadUserByUsername(String email) {
		return this.users.findByEmail(email.strip())
			.map(TaskFeedPrincipal::of)
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

	private static RuntimeException emailTaken() {
		return DomainException.conflict("An account with this email address already exists.");
	}

}
